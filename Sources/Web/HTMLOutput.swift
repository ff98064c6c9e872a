/// The bytes of a page being rendered. Its three writers are the only ways in: template text (written by the
/// template's author), escaped text (every value), and `RawHTML` (trusted HTML, for `{{ raw(name) }}` only).
/// One buffer, sized from an estimate and doubled when a page outgrows it; `finish()` hands the bytes over.
struct HTMLOutput: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  consuming func finish() -> [UInt8] {
    Array(UnsafeBufferPointer(start: base, count: count))
  }

  mutating func writeTemplateText(_ text: TemplateText, _ range: Range<Int>) {
    text.bytes.withUnsafeBufferPointer { copy(UnsafeBufferPointer(rebasing: $0[range])) }
  }

  mutating func writeTrusted(_ html: RawHTML) {
    html.bytes.withUnsafeBufferPointer { copy($0) }
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
    reserve(text.count * 6)  // every byte could become "&quot;": no more checks below
    var runStart = 0
    var index = 0
    while index + 8 <= text.count {
      var found = HTMLEscaping.candidateBytes(UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self))
      while found != 0 {
        let position = index + found.trailingZeroBitCount / 8
        found &= found &- 1
        guard HTMLEscaping.needsEscaping(start[position]) else { continue }  // the '#' twin
        put(start + runStart, position - runStart)
        putEntity(start[position])
        runStart = position + 1
      }
      index += 8
    }
    for position in index..<text.count where HTMLEscaping.needsEscaping(start[position]) {
      put(start + runStart, position - runStart)
      putEntity(start[position])
      runStart = position + 1
    }
    put(start + runStart, text.count - runStart)
  }

  private mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    reserve(bytes.count)
    put(source, bytes.count)
  }

  /// Copies without a capacity check: the caller reserved the room.
  @inline(__always)
  private mutating func put(_ source: UnsafePointer<UInt8>, _ length: Int) {
    if length < 16 {  // a call to memcpy costs more than a short loop
      for offset in 0..<length { base[count + offset] = source[offset] }
    } else {
      (base + count).update(from: source, count: length)
    }
    count += length
  }

  @inline(__always)
  private mutating func putEntity(_ byte: UInt8) {
    let (packed, length) = HTMLEscaping.entity(byte)
    for offset in 0..<length { base[count + offset] = UInt8(truncatingIfNeeded: packed >> (8 * offset)) }
    count += length
  }

  private mutating func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    let grown = max(capacity * 2, count + extra)
    let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
    larger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = larger
    capacity = grown
  }
}

enum HTMLEscaping {
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
