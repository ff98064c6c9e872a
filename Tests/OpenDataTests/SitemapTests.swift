import Domain
import Foundation
import FoundationXML
import HTTP
import HTTPTestSupport
import Store
import XCTest

final class SitemapTests: OpenDataTestCase {
  let base = "https://brugerinformation.example"

  func testSitemapListsEveryPublicPageAndNoDraft() throws {
    let (municipality, contract) = try feedsMunicipalityWithContract()
    let code = municipality.code
    let secret = "Kladde\(UInt32.random(in: 0...UInt32.max))"
    let draftId = try feedsPublishVersion(code, goals: [Self.feedsGoal(secret)], publish: false)
    let draft = try XCTUnwrap(try store.version(id: draftId))
    let draftLineage = try XCTUnwrap(draft.areas.first?.goals.first?.lineage)

    let reply = try get("/sitemap.xml")
    XCTAssertEqual(reply.headers["Content-Type"], "application/xml; charset=utf-8")
    let locations = try SitemapReader.locations(reply.body)
    XCTAssertEqual(Set(locations).count, locations.count, "no URL twice")
    XCTAssertTrue(locations.allSatisfy { $0.hasPrefix(base + "/") })
    let paths = Set(locations.map { String($0.dropFirst(base.count)) })
    for path in ["/", "/om", "/tilgaengelighed", "/omraader"] { XCTAssertTrue(paths.contains(path), path) }
    for other in try store.municipalities() {
      XCTAssertTrue(paths.contains("/kommune/\(other.code)"), other.code)
    }
    for version in try store.versionHistory(municipalityCode: code) {
      XCTAssertEqual(
        paths.contains("/kommune/\(code)/version/\(version.number)"), version.publishedOn != nil,
        "version \(version.number)")
    }
    for followUp in try store.followUps(municipalityCode: code) {
      XCTAssertEqual(
        paths.contains("/kommune/\(code)/opfoelgning/\(followUp.budgetYear)"), followUp.publishedOn != nil)
    }
    for goal in contract.version.areas.flatMap(\.goals) {
      XCTAssertTrue(paths.contains("/kommune/\(code)/maal/\(goal.lineage)"), goal.title)
    }
    for area in try store.areasInUse(asOf: try store.today()) {
      XCTAssertTrue(paths.contains("/omraade/\(area.area.id)"), area.area.name)
    }
    XCTAssertFalse(
      paths.contains("/kommune/\(code)/maal/\(draftLineage)"), "a draft's goal has no public page")
    XCTAssertFalse(paths.contains("/kommune/\(code)/version/\(draft.number)"))

    // Every kind of page listed answers 200: all of this municipality's, and a spread of the rest.
    let sample = paths.sorted().enumerated().filter { index, path in
      path.hasPrefix("/kommune/\(code)") || index % 40 == 0 || !path.hasPrefix("/kommune/")
    }
    XCTAssertGreaterThan(sample.count, 10)
    for (_, path) in sample { try get(path) }
  }

  func testSitemapRevalidatesWith304() throws {
    let tag = try XCTUnwrap(try get("/sitemap.xml").headers["ETag"])
    try get("/sitemap.xml", headers: ["If-None-Match: \(tag)"], status: 304)
  }

  func testRobotsTxtNamesTheSitemapWithAnAbsoluteURL() throws {
    let reply = try get("/robots.txt")
    XCTAssertEqual(reply.headers["Content-Type"], "text/plain; charset=utf-8")
    let lines = reply.text.split(separator: "\n").map(String.init)
    XCTAssertTrue(lines.contains("Sitemap: \(base)/sitemap.xml"), reply.text)
    XCTAssertTrue(lines.contains("User-agent: *"))
    XCTAssertTrue(lines.contains("Disallow: /admin"))
    // The sitemap it names is there.
    try get("/sitemap.xml")
  }
}

/// The `<loc>`s of a sitemap (urlset in the sitemaps.org namespace), read with Foundation's XMLParser.
final class SitemapReader: NSObject, XMLParserDelegate {
  var locations: [String] = []
  var root: (name: String, namespace: String?)?
  var text = ""

  struct NotASitemap: Error {}

  static func locations(_ bytes: [UInt8]) throws -> [String] {
    let reader = SitemapReader()
    let parser = XMLParser(data: Data(bytes))
    parser.shouldProcessNamespaces = true
    parser.delegate = reader
    guard parser.parse(), reader.root?.name == "urlset",
      reader.root?.namespace == "http://www.sitemaps.org/schemas/sitemap/0.9"
    else { throw NotASitemap() }
    return reader.locations
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if root == nil { root = (name, namespaceURI) }
    text = ""
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
  {
    if name == "loc" { locations.append(text) }
  }
}
