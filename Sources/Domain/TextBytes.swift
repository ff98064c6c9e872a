/// A short text written byte by byte into memory the caller sized (`String(unsafeUninitializedCapacity:)`), for
/// texts made so often that String appends and interpolation cost too much.
struct TextBytes {
  private let base: UnsafeMutablePointer<UInt8>
  private(set) var count = 0

  init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
    base = buffer.baseAddress!
  }

  mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { append($0) }
  }

  mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// `DanishNumber.format(value, unit: unit)`: at most `DanishNumber.maximumByteCount + 1 + unit.utf8.count`.
  mutating func append(_ value: Double, unit: String?) {
    count += DanishNumber.write(value, to: base + count)
    if let unit, !unit.isEmpty {
      base[count] = UInt8(ascii: " ")
      count += 1
      append(unit)
    }
  }

  /// `date.danishNumeric`: 10 bytes at most.
  mutating func append(_ date: CalendarDate) {
    count += date.writeDanishNumeric(to: base + count)
  }

  private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    for byte in bytes {
      base[count] = byte
      count += 1
    }
  }
}
