import HTTP

extension AdminSite {
  /// The yearly follow-up statement: create, statuses, adopt, publish.
  static let followUpPageNames: [String] = []

  func registerFollowUpRoutes(on routes: inout AdminRoutes) {}
}
