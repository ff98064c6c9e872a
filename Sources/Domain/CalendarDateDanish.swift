extension CalendarDate {
  /// "31.12.2012": the numeric form Danish documents use (day and month in two digits, the year as it is).
  public var danishNumeric: String {
    func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    return twoDigits(day) + "." + twoDigits(month) + "." + String(year)
  }
}
