import HTTP

extension AdminSite {
  /// Committee recommendation, council adoption, publication, target adjustment.
  static let decisionPageNames: [String] = []

  func registerDecisionRoutes(on routes: inout AdminRoutes) {}
}
