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

  /// HTML-escapes `text` (see `HTMLEscaping.escape`).
  mutating func writeEscaped(_ text: UnsafeBufferPointer<UInt8>) {
    reserve(text.count * 6 + 8)
    count += HTMLEscaping.escape(text, into: base + count)
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
