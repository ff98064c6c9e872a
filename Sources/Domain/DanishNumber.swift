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

  private static func number(_ value: Double, maximumFractionDigits: Int) -> String {
    guard value.isFinite else { return "–" }
    var digits = min(max(maximumFractionDigits, 0), 6)
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    // Past 2^53 a Double has no fractions left to show.
    if value.magnitude * scale >= 9_007_199_254_740_992 {
      digits = 0
      scale = 1
    }
    let scaled = (value.magnitude * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 18_446_744_073_709_551_616 else { return exponentNotation(value) }
    var units = UInt64(scaled)
    if units == 0 { return "0" }
    // At most 20 integer digits, 6 separators, a sign, a comma and 6 decimals: written backwards from the end.
    return String(unsafeUninitializedCapacity: 34) { buffer in
      var position = 34
      func put(_ byte: UInt8) {
        position -= 1
        buffer[position] = byte
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
      let count = 34 - position
      for index in 0..<count { buffer[index] = buffer[position + index] }
      return count
    }
  }

  /// Magnitudes of 2^64 and more (never a real measurement): Swift's exponent form with a decimal comma.
  private static func exponentNotation(_ value: Double) -> String {
    String(String(describing: value).map { $0 == "." ? "," : $0 })
  }
}
