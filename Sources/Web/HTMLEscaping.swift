/// HTML escaping, byte-wise and fast: & < > " ' become `&amp; &lt; &gt; &quot; &#39;`, the control characters HTML
/// does not allow in a document (NUL, the C0 controls but tab, line feed, form feed and carriage return, and DEL)
/// are left out, as the Atom feed leaves them out, and everything else (UTF-8 included) is copied. Safe in text
/// and in quoted attribute values.
public enum HTMLEscaping {
  /// Escapes `text` into `destination` and returns how many bytes it wrote. `destination` must have room for
  /// `text.count * 6 + 8` bytes: bytes and entities are written with 8-byte stores, whose extra bytes are
  /// overwritten later.
  ///
  /// Tests eight bytes at a time for the five characters and the controls (SWAR). A word without one is copied in one store; a word
  /// with one goes through `table` byte by byte without a branch, which costs less than the mispredicted branches
  /// of finding each character (text with markup in it has one about every fifteen bytes).
  public static func escape(_ text: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>)
    -> Int
  {
    guard let start = text.baseAddress else { return 0 }
    let table = Self.table
    let count = text.count
    var read = 0
    var written = 0
    while read + 8 <= count {
      let word = UnsafeRawPointer(start + read).loadUnaligned(as: UInt64.self)
      if candidateBytes(word) == 0 {
        UnsafeMutableRawPointer(destination + written).storeBytes(of: word, as: UInt64.self)
        written &+= 8
      } else {
        for offset in 0..<8 { put(table[Int(start[read &+ offset])], at: destination, &written) }
      }
      read &+= 8
    }
    while read < count {
      put(table[Int(start[read])], at: destination, &written)
      read &+= 1
    }
    return written
  }

  /// Stores an entry of `table` (its bytes, then its length in the top byte) and moves past its bytes.
  @inline(__always)
  private static func put(_ entry: UInt64, at destination: UnsafeMutablePointer<UInt8>, _ written: inout Int)
  {
    UnsafeMutableRawPointer(destination + written).storeBytes(of: entry.littleEndian, as: UInt64.self)
    written &+= Int(truncatingIfNeeded: entry &>> 56)
  }

  /// For each byte value what it becomes, packed little-endian into a word whose top byte holds the length
  /// (1 for a byte copied as it is, 4–6 for an entity, 0 for a control left out). Allocated once and never freed.
  nonisolated(unsafe) private static let table: UnsafePointer<UInt64> = {
    let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
    for byte in 0...255 {
      let (packed, length) = entity(UInt8(byte)) ?? (UInt64(byte), 1)
      table[byte] = packed | UInt64(length) << 56
    }
    return UnsafePointer(table)
  }()

  /// The entity for one of & < > " ', its bytes packed little-endian into a word; nothing (length 0) for a control
  /// character HTML does not allow.
  static func entity(_ byte: UInt8) -> (packed: UInt64, length: Int)? {
    switch byte {
    case 0x00...0x08, 0x0B, 0x0E...0x1F, 0x7F: (0, 0)
    case UInt8(ascii: "&"): (0x3B_70_6D_61_26, 5)  // &amp;
    case UInt8(ascii: "<"): (0x3B_74_6C_26, 4)  // &lt;
    case UInt8(ascii: ">"): (0x3B_74_67_26, 4)  // &gt;
    case UInt8(ascii: "\""): (0x3B_74_6F_75_71_26, 6)  // &quot;
    case UInt8(ascii: "'"): (0x3B_39_33_23_26, 5)  // &#39;
    default: nil
    }
  }

  /// Nonzero when a byte of `word` (little-endian) may be & < > " ' or a control: two masked comparisons instead of
  /// five for the characters, `(byte & 0xFA) == 0x22` holding for " # & ' and `(byte & 0xFD) == 0x3C` for < >,
  /// then the controls (`controlBytes`). A word with only a '#', a tab, a line break or a byte `controlBytes`
  /// flags in passing takes the table's path, which copies them.
  @inline(__always)
  static func candidateBytes(_ word: UInt64) -> UInt64 {
    let little = UInt64(littleEndian: word)
    return zeroBytes((little & 0xFAFA_FAFA_FAFA_FAFA) ^ 0x2222_2222_2222_2222)
      | zeroBytes((little & 0xFDFD_FDFD_FDFD_FDFD) ^ 0x3C3C_3C3C_3C3C_3C3C)
      | controlBytes(little)
  }

  /// Nonzero when a byte of `word` is below 0x20 or is DEL: with its top bit cleared and one added (no carry between
  /// bytes), such a byte is below 0x21. Bytes 0x80–0x9F and 0xFF are flagged too (the table copies them); one
  /// test instead of two.
  @inline(__always)
  private static func controlBytes(_ word: UInt64) -> UInt64 {
    let shifted = ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x0101_0101_0101_0101) & 0x7F7F_7F7F_7F7F_7F7F
    return (shifted &- 0x2121_2121_2121_2121) & ~shifted & 0x8080_8080_8080_8080
  }

  /// The high bit of each byte of `word` that is zero, exactly (no false positives from borrows).
  @inline(__always)
  private static func zeroBytes(_ word: UInt64) -> UInt64 {
    let low7 = (word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
    return ~(low7 | word | 0x7F7F_7F7F_7F7F_7F7F)
  }
}
