import Domain
import Web

/// Reads the dates and numbers people type into the decision and adjustment forms, the Danish way.
enum DecisionInput {
  /// "2010-06-24" (what `<input type="date">` sends) or "24-06-2010", "24.6.2010", "24/6/2010"; nil otherwise.
  static func date(_ text: String) -> CalendarDate? {
    if let date = CalendarDate(text) { return date }
    let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "." || $0 == "/" }
    guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
      parts[2].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
      let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
    else { return nil }
    return CalendarDate(year: year, month: month, day: day)
  }

  /// "90", "90,5", "1.234,5", "-3,25" (also with spaces between thousands); nil when it is not a number written
  /// like that. A "." alone is read as a thousands separator only in groups of three ("1.234"), so "90.5" is nil.
  static func number(_ text: String) -> Double? {
    var body = Substring(text.filter { $0 != " " && $0 != "\u{00A0}" })
    var sign = 1.0
    if let first = body.first, first == "-" || first == "\u{2212}" {
      sign = -1
      body = body.dropFirst()
    }
    let halves = body.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = halves[0]
    let fraction = halves.count > 1 ? halves[1] : nil
    guard !whole.isEmpty, whole.first != ".", whole.last != "." else { return nil }
    let groups = whole.split(separator: ".", omittingEmptySubsequences: false)
    guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
    if groups.count > 1 {
      guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
    }
    if let fraction {
      guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
    }
    let plain = groups.joined() + (fraction.map { "." + $0 } ?? "")
    guard let value = Double(plain), value.isFinite else { return nil }
    return sign * value
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
