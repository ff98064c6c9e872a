import Glibc

/// Searches in whole pages by their UTF-8 bytes with the C library (`memchr`, `memcmp`). Foundation's `contains`
/// and `range(of:)` compare through UTF-16 copies, which made the crawls' checks the slowest part of these tests.
/// The comparison is exact (byte for byte), as the checks want: no locale, no Unicode equivalence.
enum ByteSearch {
  /// Where `needle` is next found in `bytes` at or after `start`.
  static func offset(
    of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int
  )
    -> Int?
  {
    guard let first = needle.first else { return start <= bytes.count ? start : nil }
    guard let base = bytes.baseAddress, let pattern = needle.baseAddress else { return nil }
    var from = start
    while from + needle.count <= bytes.count,
      let hit = memchr(base + from, Int32(first), bytes.count - needle.count + 1 - from)
    {
      let found = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
      if memcmp(base + found, pattern, needle.count) == 0 { return found }
      from = found + 1
    }
    return nil
  }
}

extension StringProtocol {
  /// The UTF-8 offset of the first `needle` at or after `offset`.
  func utf8Offset(of needle: String, from offset: Int = 0) -> Int? {
    var needle = needle
    return needle.withUTF8 { pattern in
      withUTF8Bytes { ByteSearch.offset(of: pattern, in: $0, from: offset) }
    }
  }

  func containsBytes(_ needle: String) -> Bool { utf8Offset(of: needle) != nil }

  private func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(utf8).withUnsafeBufferPointer(body)
  }
}
