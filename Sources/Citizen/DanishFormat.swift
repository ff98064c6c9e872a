import Domain

/// Dates as a Danish reader expects them ("22. juni 2010", through Domain's `danishText`); numbers are Domain's
/// `DanishNumber`.
enum DanishFormat {
  static let monthNames = [
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
    "november",
    "december",
  ]

  static func date(_ date: CalendarDate) -> String {
    date.danishText
  }

  /// "15. oktober": a day every year.
  static func monthDay(_ monthDay: MonthDay) -> String {
    "\(monthDay.day). \(monthNames[monthDay.month - 1])"
  }

  static func date(_ date: CalendarDate?) -> String {
    date.map { Self.date($0) } ?? ""
  }
}
