import HTTP

extension OpenDataSite {
  /// The OpenAPI 3.1 document at /api/v1/openapi.json.
  func registerDocuments(on router: inout Router) {}
}
