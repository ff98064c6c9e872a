import HTTP

extension OpenDataSite {
  /// The token-authenticated writes under /api/v1/municipalities/{code}/… and the ministry's /api/v1/compliance.
  func registerWriteAPI(on router: inout Router) {}
}
