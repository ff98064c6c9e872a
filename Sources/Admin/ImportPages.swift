import HTTP

extension AdminSite {
  /// Filling a draft from an uploaded CSV or JSON file.
  static let importPageNames: [String] = []

  func registerImportRoutes(on routes: inout AdminRoutes) {}
}
