import Domain

/// The bytes of one SVG being written: literal markup as given, every other text escaped with `HTMLEscaping`,
/// and coordinates with at most one decimal ("12.5", "-3", never "1e-05"), so equal input gives equal bytes.
/// One buffer, doubled when a chart outgrows it; `finish()` hands the bytes over.
struct SVGWriter: ~Copyable {
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

  /// Markup written by this module, never data.
  mutating func markup(_ text: StaticString) {
    text.withUTF8Buffer { copy($0) }
  }

  /// Markup this module wrote before, again.
  mutating func fragment(_ fragment: SVGFragment) {
    fragment.bytes.withUnsafeBufferPointer { copy($0) }
  }

  /// Text from data, escaped for text and quoted attribute values.
  mutating func escaped(_ text: String) {
    var text = text
    text.withUTF8 { source in
      reserve(source.count * 6 + 8)
      count += HTMLEscaping.escape(source, into: base + count)
    }
  }

  /// A number as Danish readers write it ("1.250,5"), through `DanishNumber.write`.
  mutating func danishNumber(_ value: Double, maximumFractionDigits: Int = 2) {
    reserve(DanishNumber.maximumByteCount)
    count += DanishNumber.write(value, maximumFractionDigits: maximumFractionDigits, to: base + count)
  }

  /// What `DanishNumber.format(value, unit: unit)` says ("82,5 %"), the unit escaped.
  mutating func quantity(_ value: Double, unit: String?) {
    danishNumber(value)
    if let unit, !unit.isEmpty {
      reserve(1)
      put(UInt8(ascii: " "))
      escaped(unit)
    }
  }

  /// "31.12.2012" (`CalendarDate.danishNumeric`).
  mutating func date(_ date: CalendarDate) {
    reserve(10)
    count += date.writeDanishNumeric(to: base + count)
  }

  /// An integer in decimal digits, "-" before a negative one.
  mutating func integer(_ value: Int) {
    reserve(20)  // "-9223372036854775808"
    if value < 0 { put(UInt8(ascii: "-")) }
    var rest = value.magnitude
    var digits = 1
    var divisor: UInt = 1
    while rest / divisor >= 10 {
      divisor *= 10
      digits += 1
    }
    for _ in 0..<digits {
      put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }

  /// `prefix` as an id: bytes other than ASCII letters, digits, `-`, `_` and `.` become `-`, and `c-` goes
  /// before a prefix not starting with a letter.
  mutating func identifier(_ prefix: String) {
    var prefix = prefix
    prefix.withUTF8 { bytes in
      reserve(bytes.count + 2)
      if let first = bytes.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") {
      } else {
        put(UInt8(ascii: "c"))
        put(UInt8(ascii: "-"))
      }
      for byte in bytes {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
          put(byte)
        default: put(UInt8(ascii: "-"))
        }
      }
    }
  }

  /// A coordinate rounded half away from zero to one decimal (kept within ±1e6; 0 for NaN).
  mutating func number(_ value: Double) {
    reserve(Self.numberSize)
    putNumber(value)
  }

  /// The most bytes of a coordinate: "-999999.9".
  private static let numberSize = 9

  /// `number` into room the caller reserved.
  @inline(__always)
  private mutating func putNumber(_ value: Double) {
    let bounded = value.isNaN ? 0 : min(max(value, -1e6), 1e6)
    let tenths = Int(bounded * 10 + (bounded < 0 ? -0.5 : 0.5))  // truncation: half away from zero
    if tenths < 0 { put(UInt8(ascii: "-")) }
    var whole = tenths.magnitude / 10
    let tenth = tenths.magnitude % 10
    // The digits gathered in one word, the first in its lowest byte, and stored at once: at most 7 whole
    // digits, or 6 and ".d" (1e6 has no tenths).
    var word: UInt64 = 0
    var length = 0
    repeat {
      word = word << 8 | UInt64(truncatingIfNeeded: 0x30 + whole % 10)
      whole /= 10
      length += 1
    } while whole > 0
    if tenth != 0 {
      word |= (0x2E | UInt64(truncatingIfNeeded: 0x30 + tenth) << 8) << (8 * UInt64(length))
      length += 2
    }
    UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt64.self)
    count += length
  }

  /// ` name="value"`, the value a coordinate.
  mutating func attribute(_ name: StaticString, _ value: Double) {
    let nameLength = name.utf8CodeUnitCount
    reserve(nameLength + 4 + Self.numberSize)
    put(UInt8(ascii: " "))
    let nameBytes = name.utf8Start
    for index in 0..<nameLength { put(nameBytes[index]) }
    put(UInt8(ascii: "="))
    put(UInt8(ascii: "\""))
    putNumber(value)
    put(UInt8(ascii: "\""))
  }

  /// ` first="value" second="value"`, the value a coordinate written once.
  mutating func attributes(_ first: StaticString, _ second: StaticString, _ value: Double) {
    let start = count
    attribute(first, value)
    // The second copies the first's ="value" from after its name.
    let valueStart = start + 1 + first.utf8CodeUnitCount
    let length = count - valueStart
    reserve(1 + second.utf8CodeUnitCount + length)
    put(UInt8(ascii: " "))
    let nameBytes = second.utf8Start
    for index in 0..<second.utf8CodeUnitCount { put(nameBytes[index]) }
    for index in 0..<length { put(base[valueStart + index]) }
  }

  /// `x,y`, one point of a `points` or `d` attribute.
  mutating func point(_ x: Double, _ y: Double) {
    reserve(2 * Self.numberSize + 1)
    putNumber(x)
    put(UInt8(ascii: ","))
    putNumber(y)
  }

  /// Writes one byte; the caller reserved the room.
  @inline(__always)
  private mutating func put(_ byte: UInt8) {
    base[count] = byte
    count += 1
  }

  @inline(__always)
  private mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    let length = bytes.count
    reserve(length)
    // Markup is mostly short: two overlapping word copies cost less than a call to memcpy.
    let from = UnsafeRawPointer(source)
    let to = UnsafeMutableRawPointer(base + count)
    if length >= 8 && length <= 16 {
      to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
      (to + length - 8).storeBytes(of: (from + length - 8).loadUnaligned(as: UInt64.self), as: UInt64.self)
    } else if length >= 4 && length < 8 {
      to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
      (to + length - 4).storeBytes(of: (from + length - 4).loadUnaligned(as: UInt32.self), as: UInt32.self)
    } else if length < 4 {
      for index in 0..<length { base[count + index] = source[index] }
    } else {
      (base + count).update(from: source, count: length)
    }
    count += length
  }

  @inline(__always)
  private mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(to: count + extra) }
  }

  private mutating func grow(to needed: Int) {
    let grown = max(capacity * 2, needed)
    let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
    larger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = larger
    capacity = grown
  }
}

/// Markup an `SVGWriter` wrote once, to be written again as it is (a chart's legend, the constant end of a tick
/// mark). Made only by a writer, so it holds only what the writers allow.
struct SVGFragment: Sendable {
  fileprivate let bytes: [UInt8]

  /// What `write` writes.
  init(_ write: (inout SVGWriter) -> Void) {
    var writer = SVGWriter(capacity: 256)
    write(&writer)
    bytes = writer.finish()
  }
}
