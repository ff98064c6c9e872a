/// Numbers as Danish readers write them: decimal comma, "." between thousands, no trailing zeros
/// ("82,5 %", "1.250 kr.", "90 %", "-3,25").
public enum DanishNumber {
  /// `value` rounded half away from zero to at most `maximumFractionDigits` (0...6) decimals, trailing zeros
  /// dropped, followed by a space and `unit` when there is one. A value that rounds to zero has no minus sign.
  /// NaN and infinities, which no measurement should be, come out as "–" (an en dash) with the unit; magnitudes of
  /// 2^64 and more in exponent form ("1,5e+20").
  public static func format(_ value: Double, unit: String? = nil, maximumFractionDigits: Int = 2) -> String {
    var text = number(value, maximumFractionDigits: maximumFractionDigits)
    if let unit, !unit.isEmpty {
      text += " "
      text += unit
    }
    return text
  }

  /// Whether `format(_:unit:)` with `unit` ends in a full stop ("1.100 kr."): only a unit can, a number never.
  public static func endsWithFullStop(unit: String?) -> Bool {
    guard let unit, !unit.isEmpty, unit.utf8.last == UInt8(ascii: ".") else { return false }
    return unit.hasSuffix(".")
  }

  /// The most bytes `write` writes.
  public static let maximumByteCount = 34

  /// `format(value, maximumFractionDigits:)` without a unit, written as UTF-8 to `destination`, which must have
  /// room for `maximumByteCount` bytes; returns how many it wrote. For callers that build bytes, not Strings.
  public static func write(
    _ value: Double, maximumFractionDigits: Int = 2, to destination: UnsafeMutablePointer<UInt8>
  ) -> Int {
    guard value.isFinite else {
      destination[0] = 0xE2  // "–", an en dash
      destination[1] = 0x80
      destination[2] = 0x93
      return 3
    }
    var digits = min(max(maximumFractionDigits, 0), 6)
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    // Past 2^53 a Double has no fractions left to show.
    if value.magnitude * scale >= 9_007_199_254_740_992 {
      digits = 0
      scale = 1
    }
    let scaled = (value.magnitude * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 18_446_744_073_709_551_616 else {
      var text = exponentNotation(value)
      return text.withUTF8 { bytes in
        let count = min(bytes.count, maximumByteCount)
        for index in 0..<count { destination[index] = bytes[index] }
        return count
      }
    }
    var units = UInt64(scaled)
    if units == 0 {
      destination[0] = UInt8(ascii: "0")
      return 1
    }
    // At most 20 integer digits, 6 separators, a sign, a comma and 6 decimals: written backwards from the end.
    var position = maximumByteCount
    func put(_ byte: UInt8) {
      position -= 1
      destination[position] = byte
    }
    var wroteFraction = false
    for _ in 0..<digits {
      let digit = UInt8(units % 10)
      units /= 10
      if digit != 0 || wroteFraction {
        put(UInt8(ascii: "0") + digit)
        wroteFraction = true
      }
    }
    if wroteFraction { put(UInt8(ascii: ",")) }
    var written = 0
    repeat {
      if written > 0 && written % 3 == 0 { put(UInt8(ascii: ".")) }
      put(UInt8(ascii: "0") + UInt8(units % 10))
      units /= 10
      written += 1
    } while units > 0
    if value < 0 { put(UInt8(ascii: "-")) }
    let count = maximumByteCount - position
    for index in 0..<count { destination[index] = destination[position + index] }
    return count
  }

  private static func number(_ value: Double, maximumFractionDigits: Int) -> String {
    String(unsafeUninitializedCapacity: maximumByteCount) { buffer in
      write(value, maximumFractionDigits: maximumFractionDigits, to: buffer.baseAddress!)
    }
  }

  /// Magnitudes of 2^64 and more (never a real measurement): Swift's exponent form with a decimal comma.
  private static func exponentNotation(_ value: Double) -> String {
    String(String(describing: value).map { $0 == "." ? "," : $0 })
  }
}
