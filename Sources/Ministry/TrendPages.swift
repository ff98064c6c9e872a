import HTTP

extension MinistrySite {
  /// Compliance month by month as an SVG chart with a table alternative.
  static let trendPageNames: [String] = []

  func addTrendRoutes(to routes: inout [Route]) {}
}
