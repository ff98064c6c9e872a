import Domain
import Foundation
import HTTP
import Store
import Web

/// Open data for journalists, researchers and the municipalities' own systems: the JSON API under `/api/v1` (public
/// reads; token-authenticated writes), its OpenAPI document, CSV downloads, Atom feeds and the sitemap.
public struct OpenDataSite: Sendable {
  let store: Store
  /// The portal's public address ("https://brugerinformation.dk"), for absolute links in feeds and the sitemap;
  /// when nil, links are made from the request's Host.
  let publicURL: String?

  public init(store: Store, publicURL: String? = nil) {
    self.store = store
    self.publicURL = publicURL
  }

  /// Adds the open-data routes; each part adds its own in its own file.
  public func register(on router: inout Router) {
    registerPublicAPI(on: &router)
    registerWriteAPI(on: &router)
    registerDocuments(on: &router)
    registerFeeds(on: &router)
    // Anything else under /api answers as the API does: problem+json, not the citizen site's HTML page.
    router.get(
      "/api/*rest", api { _ in throw APIProblem.notFound("Der findes ingen sådan adresse i API'et.") })
  }

  /// An API handler whose `APIProblem`s (and the HTTP layer's errors, and the Store's rule violations) are answered
  /// as problem+json instead of the citizen site's HTML error page.
  func api(_ handler: @escaping RouteHandler) -> RouteHandler {
    { request in
      do {
        return try handler(request)
      } catch let problem as APIProblem {
        return problem.response
      } catch let error as HTTPError {
        var response = APIProblem(
          error.status, title: error.status.reasonPhrase,
          detail: error.status.code == 400
            ? "Forespørgslen kunne ikke læses." : "Forespørgslen kunne ikke behandles."
        ).response
        for (name, value) in error.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
      } catch let error as Store.WriteUnavailable {
        FileHandle.standardError.write(Data("error: \(request.method) \(request.path): \(error)\n".utf8))
        return APIProblem.writeUnavailable(error).response
      } catch let violation as RuleViolation {
        return APIProblem(
          .unprocessableContent, title: "Unprocessable Content", detail: violation.message,
          extensions: [
            ("rule", .string(violation.rule.rawValue)),
            ("problems", .array(violation.problems.map { .string($0.message) })),
          ]
        ).response
      }
    }
  }

  /// A public JSON answer from a cache of its own while the site revision stays the same: `ETag`, `Last-Modified`,
  /// 304 on revalidation (the same machinery as the citizen pages).
  func cachedJSON(
    query: PageCache.QueryPolicy = .uncached,
    cache: PageCache = PageCache(maximumEntries: 1_024, maximumBytes: 16 << 20),
    _ body: @escaping @Sendable (Request) throws -> JSONValue
  ) -> RouteHandler {
    let store = self.store
    return api { request in
      let site = try store.recentSiteRevision()
      return try cache.respond(
        to: request, revision: site.revision, lastModified: site.lastModified, query: query
      ) { Self.json(try body(request)) }
    }
  }

  /// `value` as `application/json`.
  static func json(_ value: JSONValue, status: HTTPStatus = .ok) -> Response {
    Response(
      status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: .bytes(value.bytes))
  }
}
