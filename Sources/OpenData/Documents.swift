import Foundation
import HTTP
import Web

extension OpenDataSite {
  /// The OpenAPI 3.1 document at /api/v1/openapi.json: hand-written (`OpenAPIDocument.text`), served as it is with
  /// a strong `ETag` from its bytes and `Last-Modified` at the time the routes were registered (the document only
  /// changes with the program).
  func registerDocuments(on router: inout Router) {
    let body = Array(OpenAPIDocument.text.utf8)
    let headers: HTTPHeaders = [
      "Content-Type": "application/json; charset=utf-8",
      "ETag": EntityTag.strong(for: body),
      "Last-Modified": HTTPDate.format(Int(Date().timeIntervalSince1970)),
      "Cache-Control": PageCache.cacheControl,
    ]
    router.get("/api/v1/openapi.json") { _ in Response(headers: headers, body: .bytes(body)) }
    registerProblemsForRoutingErrors(on: &router)
  }

  /// The document promises problem+json for every error under /api: the router's own errors there (405 with
  /// `Allow` for a method the address does not have, e.g. a write to `/versions/abc/adoption`, which only the GET
  /// catch-all `/api/*rest` matches; 400 for a bad percent-escape) are answered as problems too, not as the
  /// citizen site's HTML page.
  func registerProblemsForRoutingErrors(on router: inout Router) {
    router.use { request, next in
      guard request.path.hasPrefix("/api/") else { return try next(request) }
      do {
        return try next(request)
      } catch let error as HTTPError {
        return try api { _ in throw error }(request)
      }
    }
  }
}
