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
  }
}
