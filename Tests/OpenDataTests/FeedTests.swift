import Domain
import Foundation
import FoundationXML
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

@testable import OpenData

final class FeedTests: OpenDataTestCase {
  let base = "https://brugerinformation.example"

  func testNationalFeedIsWellFormedAtomWithOneEntryPerLatestPublication() throws {
    let reply = try get("/feed.atom")
    XCTAssertEqual(reply.headers["Content-Type"], "application/atom+xml; charset=utf-8")
    let feed = try AtomDocument(reply.body)
    let expected = try store.latestPublications(limit: OpenDataSite.nationalFeedLimit)
    XCTAssertFalse(expected.isEmpty)
    XCTAssertEqual(feed.entries.count, expected.count)
    XCTAssertEqual(feed.links["self"], base + "/feed.atom")
    XCTAssertEqual(Set(feed.entries.map(\.id)).count, feed.entries.count, "ids are unique")
    XCTAssertEqual(feed.updated, feed.entries.map(\.updated).max())
    for (entry, publication) in zip(feed.entries, expected) {
      let path =
        publication.kind == .contract
        ? "/kommune/\(publication.municipalityCode)/version/\(publication.number)"
        : "/kommune/\(publication.municipalityCode)/opfoelgning/\(publication.number)"
      XCTAssertEqual(entry.link, base + path)
      XCTAssertEqual(entry.id, "tag:brugerinformation.dk,2010:" + path.dropFirst())
      XCTAssertEqual(entry.updated, "\(publication.publishedOn)T00:00:00Z")
      XCTAssertEqual(entry.author, publication.municipalityName)
      XCTAssertTrue(entry.title.hasPrefix(publication.municipalityName + ": "), entry.title)
    }
  }

  func testMunicipalityFeedHasEveryPublicationAndKeepsItsIdsWhenANewOneArrives() throws {
    let (municipality, _) = try feedsMunicipalityWithContract()
    let code = municipality.code
    let published =
      try store.versionHistory(municipalityCode: code).filter { $0.publishedOn != nil }.count
      + store.followUps(municipalityCode: code).filter { $0.publishedOn != nil }.count
    let before = try AtomDocument(try get("/kommune/\(code)/feed.atom").body)
    XCTAssertEqual(before.entries.count, published)
    XCTAssertEqual(before.id, "tag:brugerinformation.dk,2010:kommune/\(code)/feed")
    XCTAssertEqual(before.links["alternate"], base + "/kommune/\(code)")
    XCTAssertTrue(before.entries.allSatisfy { $0.link.hasPrefix(base + "/kommune/\(code)/") })

    // A draft is not in the feed; its publication is, first, and the other entries keep their ids.
    let versionId = try feedsPublishVersion(code, goals: [Self.feedsGoal("Nyt")], publish: false)
    XCTAssertEqual(try AtomDocument(try get("/kommune/\(code)/feed.atom").body).entries, before.entries)
    try store.adopt(
      versionId: versionId, Adoption(adoptedOn: try store.today(), meetingReference: "Byrådet, punkt 2"))
    try store.publish(versionId: versionId, on: try store.today())
    let number = try XCTUnwrap(try store.version(id: versionId)).number
    let after = try AtomDocument(try get("/kommune/\(code)/feed.atom").body)
    XCTAssertEqual(after.entries.count, published + 1)
    XCTAssertEqual(after.entries.first?.id, "tag:brugerinformation.dk,2010:kommune/\(code)/version/\(number)")
    XCTAssertEqual(after.updated, "\(try store.today())T00:00:00Z")
    XCTAssertEqual(Set(after.entries.dropFirst().map(\.id)), Set(before.entries.map(\.id)))
  }

  func testFeedsRevalidateWith304AndUnknownMunicipalitiesAre404() throws {
    let (municipality, _) = try feedsMunicipalityWithContract()
    for path in ["/feed.atom", "/kommune/\(municipality.code)/feed.atom"] {
      let tag = try XCTUnwrap(try get(path).headers["ETag"])
      try get(path, headers: ["If-None-Match: \(tag)"], status: 304)
    }
    try get("/kommune/12345/feed.atom", status: 404)
  }

  func testTextIsEscapedAndCharactersXMLForbidsAreDropped() throws {
    let text = "Æble & <pære> \"citron\" 'blomme'\u{1}\u{FFFE} slut"
    var xml = XMLText()
    xml.raw("<a>")
    xml.element("b", text)
    xml.link(rel: "alternate", type: "text/html", href: "https://x.example/?a=1&b=<2>")
    xml.raw("</a>")
    let parsed = try AtomDocument.parse(Array(xml.text.utf8))
    XCTAssertEqual(parsed.texts["b"], "Æble & <pære> \"citron\" 'blomme' slut")
    XCTAssertEqual(parsed.hrefs, ["https://x.example/?a=1&b=<2>"])
  }

  func testWithoutAPublicURLLinksComeFromTheHostHeader() throws {
    var router = Router()
    OpenDataSite(store: store).register(on: &router)
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.accessLog = false
    let server = HTTPServer(configuration: configuration, responder: router)
    try server.start()
    defer { server.shutdown() }
    func feed(host: String, status: Int) throws -> TestClient.Reply {
      let client = try TestClient(port: server.boundPort)
      try client.send("GET /feed.atom HTTP/1.1\r\nHost: \(host)\r\n\r\n")
      let reply = try client.readResponse()
      XCTAssertEqual(reply.status, status, host)
      return reply
    }
    let first = try AtomDocument(try feed(host: "eksempel.example:8080", status: 200).body)
    XCTAssertEqual(first.links["self"], "http://eksempel.example:8080/feed.atom")
    let second = try AtomDocument(try feed(host: "andet.example", status: 200).body)
    XCTAssertEqual(second.links["self"], "http://andet.example/feed.atom")
    XCTAssertTrue(second.entries.allSatisfy { $0.link.hasPrefix("http://andet.example/kommune/") })
    _ = try feed(host: "x\"y.example", status: 400)
  }

  func testPagesLinkTheirFeedsAndDownloads() throws {
    let (municipality, _) = try feedsMunicipalityWithContract()
    let front = try get("/").text
    XCTAssertTrue(
      front.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Senest offentliggjort (Atom)\""
          + " href=\"/feed.atom\">"))
    XCTAssertTrue(front.contains("href=\"/data/maal.csv\" download"))
    let page = try get("/kommune/\(municipality.code)").text
    XCTAssertTrue(
      page.contains("type=\"application/atom+xml\""), "the municipality page names its feed in the head")
    XCTAssertTrue(page.contains("href=\"/kommune/\(municipality.code)/feed.atom\">"))
    XCTAssertTrue(page.contains("href=\"/kommune/\(municipality.code)/maal.csv\" download"))
    // Every linked download and feed answers.
    for path in ["/data/maal.csv", "/feed.atom", "/kommune/\(municipality.code)/maal.csv"] { try get(path) }
  }
}

/// An Atom document read with Foundation's XMLParser (which fails on anything not well-formed).
struct AtomDocument {
  struct Entry: Equatable {
    var id = ""
    var title = ""
    var updated = ""
    var link = ""
    var author = ""
  }

  var id = ""
  var updated = ""
  var links: [String: String] = [:]
  var entries: [Entry] = []

  init(_ bytes: [UInt8]) throws {
    let parsed = try Self.parse(bytes)
    XCTAssertEqual(parsed.root, "feed")
    XCTAssertEqual(parsed.namespace, "http://www.w3.org/2005/Atom")
    id = parsed.texts["id"] ?? ""
    updated = parsed.texts["updated"] ?? ""
    links = parsed.feedLinks
    entries = parsed.entries
  }

  static func parse(_ bytes: [UInt8]) throws -> Reader {
    let reader = Reader()
    let parser = XMLParser(data: Data(bytes))
    parser.shouldProcessNamespaces = true
    parser.delegate = reader
    guard parser.parse() else {
      throw NotWellFormed(description: parser.parserError.map(String.init(describing:)) ?? "?")
    }
    return reader
  }

  struct NotWellFormed: Error, CustomStringConvertible {
    var description: String
  }

  final class Reader: NSObject, XMLParserDelegate {
    var root: String?
    var namespace: String?
    var path: [String] = []
    var text = ""
    /// Texts of the children of the root element, by name.
    var texts: [String: String] = [:]
    var feedLinks: [String: String] = [:]
    var hrefs: [String] = []
    var entries: [Entry] = []

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if root == nil {
        root = name
        namespace = namespaceURI
      }
      path.append(name)
      text = ""
      if name == "entry" { entries.append(Entry()) }
      if name == "link", let href = attributes["href"] {
        hrefs.append(href)
        if path.count == 2 { feedLinks[attributes["rel"] ?? "alternate"] = href }
        if path.count == 3, path[1] == "entry", attributes["rel"] == "alternate" {
          entries[entries.count - 1].link = href
        }
      }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      if path.count == 2 { texts[name] = text }
      if path.count == 3, path[1] == "entry" {
        switch name {
        case "id": entries[entries.count - 1].id = text
        case "title": entries[entries.count - 1].title = text
        case "updated": entries[entries.count - 1].updated = text
        default: break
        }
      }
      if path.count == 4, path[1] == "entry", path[2] == "author", name == "name" {
        entries[entries.count - 1].author = text
      }
      path.removeLast()
      text = ""
    }
  }
}
