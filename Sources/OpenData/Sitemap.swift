import Domain
import HTTP
import Store
import Web

extension OpenDataSite {
  /// The sitemaps protocol allows this many URLs in one file; past it an index of several files is needed.
  static let sitemapURLLimit = 50_000

  /// `GET /sitemap.xml`: every public page with an absolute URL (sitemaps.org protocol 0.9).
  func sitemap(base: String) throws -> Response {
    let urls = Self.sitemapURLs(try store.sitemapContent(asOf: try store.today()))
    guard urls.count <= Self.sitemapURLLimit else {
      // Far beyond the 98 municipalities' data; an index of several sitemaps would be needed first.
      throw HTTPError(.internalServerError, "The sitemap has more than \(Self.sitemapURLLimit) URLs.")
    }
    var xml = XMLText()
    xml.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
    xml.raw("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
    for url in urls {
      xml.raw("<url>")
      xml.element("loc", base + url.path)
      if let lastModified = url.lastModified { xml.element("lastmod", lastModified.description) }
      xml.raw("</url>\n")
    }
    xml.raw("</urlset>\n")
    return Response(
      status: .ok, headers: ["Content-Type": "application/xml; charset=utf-8"],
      body: .bytes(Array(xml.text.utf8)))
  }

  struct SitemapURL: Hashable {
    var path: String
    var lastModified: CalendarDate?
  }

  /// The paths of every public page: front, information pages, service areas, and per municipality its page,
  /// history, published versions, published follow-ups and the goals of published versions.
  static func sitemapURLs(_ content: SitemapContent) -> [SitemapURL] {
    var urls = ["/", "/omraader", "/om", "/tilgaengelighed"].map { SitemapURL(path: $0) }
    urls += content.serviceAreaIds.map { SitemapURL(path: "/omraade/\($0)") }
    let versions = Dictionary(grouping: content.versions, by: \.municipalityCode)
    let followUps = Dictionary(grouping: content.followUps, by: \.municipalityCode)
    let goals = Dictionary(grouping: content.goals, by: \.municipalityCode)
    for code in content.municipalityCodes {
      let page = "/kommune/\(code)"
      let newest = ((versions[code] ?? []).map(\.publishedOn) + (followUps[code] ?? []).map(\.publishedOn))
        .max()
      urls.append(SitemapURL(path: page, lastModified: newest))
      urls.append(
        SitemapURL(path: page + "/historik", lastModified: versions[code]?.map(\.publishedOn).max()))
      urls += (versions[code] ?? []).map {
        SitemapURL(path: page + "/version/\($0.number)", lastModified: $0.publishedOn)
      }
      urls += (followUps[code] ?? []).map {
        SitemapURL(path: page + "/opfoelgning/\($0.budgetYear)", lastModified: $0.publishedOn)
      }
      urls += (goals[code] ?? []).map { SitemapURL(path: page + "/maal/\($0.lineage)") }
    }
    return urls
  }

  /// `GET /robots.txt`: everything may be crawled except the signed-in modules; names the sitemap.
  func robots(base: String) -> Response {
    Response(
      status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8"],
      body: .bytes(
        Array(
          """
          User-agent: *
          Allow: /
          Disallow: /admin
          Disallow: /ministeriet

          Sitemap: \(base)/sitemap.xml

          """.utf8)))
  }
}
