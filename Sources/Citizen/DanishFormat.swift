import Domain

/// Dates and numbers as a Danish reader expects them: "22. juni 2010", "82,5 %", "1.250 kr.".
enum DanishFormat {
  static let monthNames = [
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
    "november",
    "december",
  ]

  static func date(_ date: CalendarDate) -> String {
    "\(date.day). \(monthNames[date.month - 1]) \(date.year)"
  }

  static func date(_ date: CalendarDate?) -> String {
    date.map { Self.date($0) } ?? ""
  }

  /// A number with a decimal comma and "." between thousands; at most two decimals, none when whole.
  static func number(_ value: Double) -> String {
    let negative = value < 0
    let hundredths = Int((abs(value) * 100).rounded())
    var whole = String(hundredths / 100)
    var groups: [Substring] = []
    while whole.count > 3 {
      groups.insert(whole.suffix(3), at: 0)
      whole = String(whole.dropLast(3))
    }
    groups.insert(Substring(whole), at: 0)
    var text = (negative && hundredths > 0 ? "−" : "") + groups.joined(separator: ".")
    let fraction = hundredths % 100
    if fraction != 0 {
      text += fraction % 10 == 0 ? ",\(fraction / 10)" : "," + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
    return text
  }

  /// "82 %", "14 dage"; just the number without a unit.
  static func quantity(_ value: Double, unit: String?) -> String {
    guard let unit, !unit.isEmpty else { return number(value) }
    return number(value) + "\u{00A0}" + unit
  }
}
