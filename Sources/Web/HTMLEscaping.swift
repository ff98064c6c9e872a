/// HTML escaping, byte-wise and fast: & < > " ' become `&amp; &lt; &gt; &quot; &#39;`, everything else (UTF-8
/// included) is copied. Safe in text and in quoted attribute values.
public enum HTMLEscaping {
  /// Escapes `text` into `destination` and returns how many bytes it wrote. `destination` must have room for
  /// `text.count * 6 + 8` bytes: entities and short runs are written with 8-byte stores, whose extra bytes are
  /// overwritten later.
  ///
  /// Tests eight bytes at a time for the five characters (SWAR) and looks only at the bytes that may be one.
  public static func escape(_ text: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>)
    -> Int
  {
    guard let start = text.baseAddress else { return 0 }
    var written = 0
    var runStart = 0
    var index = 0

    func copyRun(to end: Int) {
      let length = end - runStart
      if length <= 8 && runStart + 8 <= text.count {
        // One 8-byte load and store; only `length` of the bytes count.
        UnsafeMutableRawPointer(destination + written).storeBytes(
          of: UnsafeRawPointer(start + runStart).loadUnaligned(as: UInt64.self), as: UInt64.self)
      } else if length < 16 {  // a call to memcpy costs more than a short loop
        for offset in 0..<length { destination[written + offset] = start[runStart + offset] }
      } else {
        (destination + written).update(from: start + runStart, count: length)
      }
      written += length
    }

    func putEntity(for byte: UInt8) {
      let (packed, length) = entity(byte)
      UnsafeMutableRawPointer(destination + written).storeBytes(of: packed.littleEndian, as: UInt64.self)
      written += length
    }

    while index + 8 <= text.count {
      var found = candidateBytes(UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self))
      while found != 0 {
        let position = index + found.trailingZeroBitCount / 8
        found &= found &- 1
        guard needsEscaping(start[position]) else { continue }  // the '#' twin
        copyRun(to: position)
        putEntity(for: start[position])
        runStart = position + 1
      }
      index += 8
    }
    for position in index..<text.count where needsEscaping(start[position]) {
      copyRun(to: position)
      putEntity(for: start[position])
      runStart = position + 1
    }
    copyRun(to: text.count)
    return written
  }

  @inline(__always)
  static func needsEscaping(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
    default: false
    }
  }

  /// The entity for one of & < > " ', its bytes packed little-endian into a word.
  @inline(__always)
  static func entity(_ byte: UInt8) -> (packed: UInt64, length: Int) {
    switch byte {
    case UInt8(ascii: "&"): (0x3B_70_6D_61_26, 5)  // &amp;
    case UInt8(ascii: "<"): (0x3B_74_6C_26, 4)  // &lt;
    case UInt8(ascii: ">"): (0x3B_74_67_26, 4)  // &gt;
    case UInt8(ascii: "\""): (0x3B_74_6F_75_71_26, 6)  // &quot;
    default: (0x3B_39_33_23_26, 5)  // &#39;
    }
  }

  /// A mask with the high bit set in each byte of `word` (little-endian) that may be & < > " or ': two masked
  /// comparisons instead of five. `(byte & 0xFA) == 0x22` holds for " # & ', `(byte & 0xFD) == 0x3C` for < >;
  /// the caller skips the '#'.
  @inline(__always)
  static func candidateBytes(_ word: UInt64) -> UInt64 {
    let little = UInt64(littleEndian: word)
    return zeroBytes((little & 0xFAFA_FAFA_FAFA_FAFA) ^ 0x2222_2222_2222_2222)
      | zeroBytes((little & 0xFDFD_FDFD_FDFD_FDFD) ^ 0x3C3C_3C3C_3C3C_3C3C)
  }

  /// The high bit of each byte of `word` that is zero, exactly (no false positives from borrows).
  @inline(__always)
  private static func zeroBytes(_ word: UInt64) -> UInt64 {
    let low7 = (word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
    return ~(low7 | word | 0x7F7F_7F7F_7F7F_7F7F)
  }
}
