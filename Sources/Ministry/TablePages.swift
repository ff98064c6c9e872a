import HTTP

extension MinistrySite {
  /// The national table, its filters and sort, and the CSV export.
  static let tablePageNames: [String] = []

  func addTableRoutes(to routes: inout [Route]) {}
}
