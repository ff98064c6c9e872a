extension StringProtocol {
  /// ASCII case-insensitive equality without allocating lowercased copies.
  func equalsIgnoringASCIICase<Other: StringProtocol>(_ other: Other) -> Bool {
    let lhs = utf8
    let rhs = other.utf8
    guard lhs.count == rhs.count else { return false }
    // Native strings (all of the server's): their bytes in place; other text through copies.
    let inPlace = lhs.withContiguousStorageIfAvailable { left in
      rhs.withContiguousStorageIfAvailable { right in asciiCaseInsensitiveEqual(left, right) }
    }
    if let inPlace, let equal = inPlace { return equal }
    return Array(lhs).withUnsafeBufferPointer { left in
      Array(rhs).withUnsafeBufferPointer { right in asciiCaseInsensitiveEqual(left, right) }
    }
  }

  /// The text without leading and trailing SP and HTAB.
  func trimmingOWS() -> Substring {
    let text = Substring(self)
    var start = text.utf8.startIndex
    var end = text.utf8.endIndex
    while start < end, isOWS(text.utf8[start]) { text.utf8.formIndex(after: &start) }
    while end > start {
      let before = text.utf8.index(before: end)
      if !isOWS(text.utf8[before]) { break }
      end = before
    }
    return text[start..<end]
  }
}

/// Two byte strings of the same length, equal but for the case of ASCII letters.
func asciiCaseInsensitiveEqual(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>)
  -> Bool
{
  for index in 0..<left.count where left[index] != right[index] {
    if asciiLowercased(left[index]) != asciiLowercased(right[index]) { return false }
  }
  return true
}

@inline(__always)
func asciiLowercased(_ byte: UInt8) -> UInt8 {
  byte &- 0x41 < 26 ? byte | 0x20 : byte
}

@inline(__always)
func isOWS(_ byte: UInt8) -> Bool {
  byte == 0x20 || byte == 0x09
}
