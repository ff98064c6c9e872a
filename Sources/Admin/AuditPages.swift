import HTTP

extension AdminSite {
  /// The audit log: per municipality and national.
  static let auditPageNames: [String] = []

  func registerAuditRoutes(on routes: inout AdminRoutes) {}
}
