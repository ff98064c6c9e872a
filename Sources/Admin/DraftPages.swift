import HTTP

extension AdminSite {
  /// The contract draft: create, areas and goals, reorder, remove, preview, discard.
  static let draftPageNames: [String] = []

  func registerDraftRoutes(on routes: inout AdminRoutes) {}
}
