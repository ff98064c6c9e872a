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
    reserve(prefix.utf8.count + 2)
    if let first = prefix.utf8.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z")
    {
    } else {
      put(UInt8(ascii: "c"))
      put(UInt8(ascii: "-"))
    }
    for byte in prefix.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
        put(byte)
      default: put(UInt8(ascii: "-"))
      }
    }
  }

  /// A coordinate rounded half away from zero to one decimal (kept within ±1e6; 0 for NaN).
  mutating func number(_ value: Double) {
    let bounded = value.isNaN ? 0 : min(max(value, -1e6), 1e6)
    let tenths = Int(bounded * 10 + (bounded < 0 ? -0.5 : 0.5))  // truncation: half away from zero
    reserve(11)  // "-1000000.0"
    if tenths < 0 { put(UInt8(ascii: "-")) }
    let whole = Int(tenths.magnitude / 10)
    let tenth = Int(tenths.magnitude % 10)
    // Coordinates in a 320 × 176 box have at most three whole digits; larger ones take the general path.
    if whole >= 100 {
      if whole >= 1000 { integer(whole / 1000) }
      put(digit(whole / 100 % 10))
    }
    if whole >= 10 { put(digit(whole / 10 % 10)) }
    put(digit(whole % 10))
    if tenth != 0 {
      put(UInt8(ascii: "."))
      put(digit(tenth))
    }
  }

  @inline(__always)
  private func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value) }

  /// ` name="value"`, the value a coordinate.
  mutating func attribute(_ name: StaticString, _ value: Double) {
    reserve(name.utf8CodeUnitCount + 3)
    put(UInt8(ascii: " "))
    markup(name)
    put(UInt8(ascii: "="))
    put(UInt8(ascii: "\""))
    number(value)
    reserve(1)
    put(UInt8(ascii: "\""))
  }

  /// `x,y`, one point of a `points` or `d` attribute.
  mutating func point(_ x: Double, _ y: Double) {
    number(x)
    reserve(1)
    put(UInt8(ascii: ","))
    number(y)
  }

  /// Writes one byte; the caller reserved the room.
  @inline(__always)
  private mutating func put(_ byte: UInt8) {
    base[count] = byte
    count += 1
  }

  private mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    reserve(bytes.count)
    if bytes.count <= 16 {  // markup is mostly short: a loop costs less than a call to memcpy
      for index in 0..<bytes.count { base[count + index] = source[index] }
    } else {
      (base + count).update(from: source, count: bytes.count)
    }
    count += bytes.count
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
