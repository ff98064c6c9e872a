import HTTP

extension MinistrySite {
  /// The rule calendar, editable by the ministry, every change audited.
  static let calendarPageNames: [String] = []

  func addCalendarRoutes(to routes: inout [Route]) {}
}
