/// The bytes of a page being rendered. Its three writers are the only ways in: template text (written by the
/// template's author), escaped text (every value), and `RawHTML` (trusted HTML, for `{{ raw(name) }}` only).
struct HTMLOutput {
  private(set) var bytes: [UInt8]

  init(capacity: Int) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  mutating func writeTemplateText(_ text: TemplateText, _ range: Range<Int>) {
    bytes.append(contentsOf: text.bytes[range])
  }

  mutating func writeTrusted(_ html: RawHTML) {
    bytes.append(contentsOf: html.bytes)
  }

  mutating func writeEscaped(_ text: String) {
    if let done: Void = text.utf8.withContiguousStorageIfAvailable({ writeEscaped($0) }) { return done }
    Array(text.utf8).withUnsafeBufferPointer { writeEscaped($0) }
  }

  /// HTML-escapes `text` (& < > " ' become `&amp; &lt; &gt; &quot; &#39;`), copying runs of safe bytes whole.
  /// Tests eight bytes at a time for the five characters (SWAR) and looks byte by byte only in a word that holds
  /// one; UTF-8 passes through untouched.
  mutating func writeEscaped(_ text: UnsafeBufferPointer<UInt8>) {
    guard let start = text.baseAddress else { return }
    var runStart = 0
    var index = 0
    while index + 8 <= text.count {
      var found = HTMLEscaping.candidateBytes(UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self))
      while found != 0 {
        let position = index + found.trailingZeroBitCount / 8
        found &= found &- 1
        guard let entity = HTMLEscaping.entity(start[position]) else { continue }  // the '#' twin
        bytes.append(contentsOf: UnsafeBufferPointer(start: start + runStart, count: position - runStart))
        bytes.append(contentsOf: entity)
        runStart = position + 1
      }
      index += 8
    }
    for position in index..<text.count {
      guard let entity = HTMLEscaping.entity(start[position]) else { continue }
      bytes.append(contentsOf: UnsafeBufferPointer(start: start + runStart, count: position - runStart))
      bytes.append(contentsOf: entity)
      runStart = position + 1
    }
    bytes.append(contentsOf: UnsafeBufferPointer(start: start + runStart, count: text.count - runStart))
  }
}

enum HTMLEscaping {
  private static let ampersand = Array("&amp;".utf8)
  private static let lessThan = Array("&lt;".utf8)
  private static let greaterThan = Array("&gt;".utf8)
  private static let quote = Array("&quot;".utf8)
  private static let apostrophe = Array("&#39;".utf8)

  @inline(__always)
  static func entity(_ byte: UInt8) -> [UInt8]? {
    switch byte {
    case UInt8(ascii: "&"): ampersand
    case UInt8(ascii: "<"): lessThan
    case UInt8(ascii: ">"): greaterThan
    case UInt8(ascii: "\""): quote
    case UInt8(ascii: "'"): apostrophe
    default: nil
    }
  }

  /// A mask with the high bit set in each byte of `word` (little-endian) that may be & < > " or ': two masked
  /// comparisons instead of five. `(byte & 0xFA) == 0x22` holds for " # & ', `(byte & 0xFD) == 0x3C` for < >;
  /// `entity` returns nil for the '#'.
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
