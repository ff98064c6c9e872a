/// Boyer-Moore-Horspool search for a short byte pattern: linear in the haystack for the patterns used here
/// (multipart delimiters, at most 74 bytes), with no per-search allocation.
struct ByteSearch {
  let pattern: [UInt8]
  private var skip: [Int]

  init(_ pattern: [UInt8]) {
    precondition(!pattern.isEmpty)
    self.pattern = pattern
    skip = [Int](repeating: pattern.count, count: 256)
    for (index, byte) in pattern.enumerated().dropLast() {
      skip[Int(byte)] = pattern.count - 1 - index
    }
  }

  /// The first index `>= start` and `< end` where the pattern starts within `haystack[..<end]`, or nil.
  func firstIndex(in haystack: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int? = nil) -> Int? {
    let limit = end ?? haystack.count
    let count = pattern.count
    guard count <= limit - start else { return nil }
    return pattern.withUnsafeBufferPointer { needle -> Int? in
      let last = needle[count - 1]
      var position = start
      while position <= limit - count {
        let tail = haystack[position + count - 1]
        if tail == last {
          var offset = count - 2
          while offset >= 0 && haystack[position + offset] == needle[offset] { offset -= 1 }
          if offset < 0 { return position }
        }
        position += skip[Int(tail)]
      }
      return nil
    }
  }
}
