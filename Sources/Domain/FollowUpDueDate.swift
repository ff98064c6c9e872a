/// §4: the follow-up is adopted no later than the council adopts the budget for the year.
public enum FollowUpDueDate {
  /// The recorded budget adoption date, else `defaultDue` (month and day) of the year before the budget year.
  public static func forBudgetYear(
    _ budgetYear: Int, budgetAdoption: CalendarDate?, defaultDue: MonthDay = MonthDay(month: 10, day: 15)
  ) -> CalendarDate {
    if let budgetAdoption { return budgetAdoption }
    return defaultDue.inYear(budgetYear - 1)
  }
}

/// A month and day without a year, as the rule calendar holds the default due date ("10-15").
public struct MonthDay: Hashable, Sendable, CustomStringConvertible {
  public let month: Int
  public let day: Int

  public init(month: Int, day: Int) {
    self.month = month
    self.day = day
  }

  /// Parses "MM-DD".
  public init?(_ text: some StringProtocol) {
    guard let date = CalendarDate("2000-" + text) else { return nil }
    self.init(month: date.month, day: date.day)
  }

  public var description: String {
    String(CalendarDate(year: 2000, month: month, day: day)!.description.dropFirst(5))
  }

  /// The date in `year`; 29 February falls back to 28 February in a common year.
  public func inYear(_ year: Int) -> CalendarDate {
    CalendarDate(year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))!
  }
}
