import HTTP

extension OpenDataSite {
  /// The public, read-only JSON API under /api/v1 (no login).
  func registerPublicAPI(on router: inout Router) {}
}
