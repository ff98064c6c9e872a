import Domain

/// Dates as a Danish reader expects them ("22. juni 2010"); numbers through Domain's `DanishNumber`.
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

  /// "82 %", "14 dage"; just the number without a unit.
  static func quantity(_ value: Double, unit: String?) -> String {
    DanishNumber.format(value, unit: unit)
  }
}
