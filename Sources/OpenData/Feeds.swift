import Domain
import HTTP
import Store
import Web

extension OpenDataSite {
  /// CSV downloads, Atom feeds, sitemap.xml and robots.txt (see docs/opendata-feeds.md).
  func registerFeeds(on router: inout Router) {
    router.get("/data/maal.csv", cachedDownload { _ in try nationalGoalsCSV() })
    router.get(
      "/kommune/:code/maal.csv",
      cachedDownload { try municipalityGoalsCSV(code: $0.parameters["code"] ?? "") })
    router.get("/feed.atom", cachedDownload { try nationalFeed(base: $1) })
    router.get(
      "/kommune/:code/feed.atom",
      cachedDownload { try municipalityFeed(code: $0.parameters["code"] ?? "", base: $1) })
    router.get("/sitemap.xml", cachedDownload { try sitemap(base: $1) })
    router.get("/robots.txt", cachedDownload { robots(base: $1) })
  }

  /// A GET answered through a page cache of its own while the site revision stays the same (`ETag`,
  /// `Last-Modified`, 304 on revalidation). The handler gets the portal's base URL ("https://host", no slash at
  /// the end): `publicURL` when set; otherwise from the request's Host, and then the answer is not kept, so one
  /// client's Host never shows up in another's links.
  func cachedDownload(
    cache: PageCache = PageCache(maximumEntries: 256, maximumBytes: 32 << 20),
    _ body: @escaping @Sendable (Request, String) throws -> Response
  ) -> RouteHandler {
    let store = self.store
    let publicURL = self.publicURL.map(Self.trimmedBase)
    return { request in
      let site = try store.recentSiteRevision()
      let base = try publicURL ?? Self.baseURL(fromHost: request.headers["Host"])
      let cache = publicURL == nil ? PageCache(maximumEntries: 1, maximumBytes: 1 << 20) : cache
      return try cache.respond(to: request, revision: site.revision, lastModified: site.lastModified) {
        try body(request, base)
      }
    }
  }

  func cachedDownload(_ body: @escaping @Sendable (Request) throws -> Response) -> RouteHandler {
    cachedDownload { request, _ in try body(request) }
  }

  static func trimmedBase(_ url: String) -> String {
    var url = url
    while url.hasSuffix("/") { url.removeLast() }
    return url
  }

  /// "http://HOST" when the Host header is a plain host name or address with an optional port; a 400 otherwise.
  static func baseURL(fromHost host: String?) throws -> String {
    guard let host, !host.isEmpty, host.utf8.count <= 255,
      host.utf8.allSatisfy({ byte in
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
          || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
          || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
      })
    else { throw HTTPError(.badRequest, "The Host header is missing or not a host name.") }
    return "http://" + host
  }

  /// The municipality, or a 404 (the citizen site's page).
  func feedMunicipality(_ code: String) throws -> Municipality {
    guard Municipality.isCode(code), let municipality = try store.municipality(code: code) else {
      throw HTTPError(.notFound, "Kommunen findes ikke.")
    }
    return municipality
  }
}
