/// §6: contract and follow-up are published no later than one month after the council's adoption.
public enum PublicationDeadline {
  /// The same day of the following month, or that month's last day when it has none.
  public static func after(adoption: CalendarDate) -> CalendarDate {
    adoption.addingMonths(1)
  }

  /// Published on the deadline day is on time; the day after is late.
  public static func isLate(published: CalendarDate, adopted: CalendarDate) -> Bool {
    published > after(adoption: adopted)
  }
}
