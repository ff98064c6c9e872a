import HTTP

extension AdminSite {
  /// A municipality's users: add editors, deactivate, reactivate.
  static let userPageNames: [String] = []

  func registerUserRoutes(on routes: inout AdminRoutes) {}
}
