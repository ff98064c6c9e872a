import Domain

/// The Danish words of a line chart: month names on the axis and in the markers' titles.
enum LineChartText {
  /// Under the time axis.
  static let shortMonthNames: [StaticString] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
  ]

  static let monthNames: [StaticString] = [
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
    "november",
    "december",
  ]

  /// "marts 2011"
  static func month(_ date: CalendarDate, into svg: inout SVGWriter) {
    svg.markup(monthNames[date.month - 1])
    svg.markup(" ")
    svg.integer(date.year)
  }
}
