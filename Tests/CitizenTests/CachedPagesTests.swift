import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Synchronization
import Web
import XCTest

@testable import Citizen

/// Counts renders across event-loop threads.
private final class RenderCount: Sendable {
  private let value = Mutex(0)
  func increment() { value.withLock { $0 += 1 } }
  var count: Int { value.withLock { $0 } }
}

/// Pages wrapped in `CitizenSite.cached`, served by the real server over sockets, against a real store.
final class CachedPagesTests: XCTestCase {
  private var folder: URL!
  private var store: Store!
  private var server: HTTPServer!
  private var port: Int { server.boundPort }
  private let renders = RenderCount()
  private let smallCache = PageCache(maximumEntries: 3, maximumBytes: 1 << 20)

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cached-pages-\(UUID().uuidString)")
    store = try Store.open(path: folder.appendingPathComponent("test.sqlite").path, readers: 2)
    try store.addRegion(Region(code: "DK-84", name: "Region Hovedstaden"))
    try store.addMunicipality(Municipality(code: "0169", name: "Høje-Taastrup", regionCode: "DK-84"))
    let site = try CitizenSite(
      store: store,
      templates: try TemplateLibrary(
        directory: CitizenTestCase.projectRoot.appendingPathComponent("Templates").path),
      staticFiles: try StaticFiles(root: CitizenTestCase.projectRoot.appendingPathComponent("Public").path))

    let store = self.store!
    let renders = self.renders
    let page: RouteHandler = { request in
      renders.increment()
      let code = request.parameters["code"] ?? ""
      guard let municipality = try store.municipality(code: code) else {
        throw HTTPError(.notFound, "Not found.")
      }
      return .html("<h1>\(municipality.name)</h1><p>\(request.query ?? "")</p>")
    }
    var router = Router()
    router.get("/kommune/:code", site.cached(page))
    router.get("/søg/:code", site.cached(query: .normalized, page))
    router.get(
      "/lille/:code",
      site.cached(cache: smallCache) { request in
        renders.increment()
        return .html("<p>\(request.parameters["code"] ?? "")</p>")
      })
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.eventLoops = 2
    configuration.accessLog = false
    server = HTTPServer(configuration: configuration, responder: router)
    try server.start()
  }

  override func tearDownWithError() throws {
    server?.shutdown()
    server?.wait()
    server = nil
    store = nil
    try? FileManager.default.removeItem(at: folder)
  }

  private func rename(_ name: String) throws {
    try store.database.write { try $0.run("UPDATE municipality SET name = ? WHERE code = '0169'", name) }
  }

  func testACachedPageHasValidatorsAndIsRenderedOnce() throws {
    let first = try oneShot(port: port, "GET", "/kommune/0169")
    XCTAssertEqual(first.status, 200)
    XCTAssertEqual(first.text, "<h1>Høje-Taastrup</h1><p></p>")
    let etag = try XCTUnwrap(first.headers["ETag"])
    XCTAssertTrue(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"), etag)
    XCTAssertEqual(etag, EntityTag.strong(for: first.body))
    let lastModified = try XCTUnwrap(first.headers["Last-Modified"].flatMap(HTTPDate.parse))
    XCTAssertEqual(lastModified, try store.siteRevision().lastModified)
    XCTAssertEqual(first.headers["Cache-Control"], PageCache.cacheControl)

    let second = try oneShot(port: port, "GET", "/kommune/0169")
    XCTAssertEqual(second.body, first.body)
    XCTAssertEqual(second.headers["ETag"], etag)
    XCTAssertEqual(renders.count, 1, "the second request is answered from the cache")
  }

  func testRevalidationGets304WithoutABody() throws {
    let first = try oneShot(port: port, "GET", "/kommune/0169")
    let etag = try XCTUnwrap(first.headers["ETag"])
    let lastModified = try XCTUnwrap(first.headers["Last-Modified"])

    let byTag = try oneShot(port: port, "GET", "/kommune/0169", headers: ["If-None-Match: \(etag)"])
    XCTAssertEqual(byTag.status, 304)
    XCTAssertEqual(byTag.body, [])
    XCTAssertEqual(byTag.headers["ETag"], etag)
    XCTAssertEqual(byTag.headers["Last-Modified"], lastModified)

    let byDate = try oneShot(
      port: port, "GET", "/kommune/0169", headers: ["If-Modified-Since: \(lastModified)"])
    XCTAssertEqual(byDate.status, 304)
    XCTAssertEqual(byDate.body, [])

    let otherTag = try oneShot(port: port, "GET", "/kommune/0169", headers: ["If-None-Match: \"0000\""])
    XCTAssertEqual(otherTag.status, 200)
    XCTAssertEqual(otherTag.body, first.body)
    let earlier = HTTPDate.format(try XCTUnwrap(HTTPDate.parse(lastModified)) - 1)
    XCTAssertEqual(
      try oneShot(port: port, "GET", "/kommune/0169", headers: ["If-Modified-Since: \(earlier)"]).status, 200)
    XCTAssertEqual(renders.count, 1)
  }

  func testAChangeCitizensSeeMeansANewRenderAndANewTag() throws {
    let before = try oneShot(port: port, "GET", "/kommune/0169")
    let revision = try store.siteRevision().revision
    try rename("Høje-Taastrup Kommune")
    XCTAssertGreaterThan(try store.siteRevision().revision, revision)

    let after = try oneShot(port: port, "GET", "/kommune/0169")
    XCTAssertEqual(after.text, "<h1>Høje-Taastrup Kommune</h1><p></p>")
    XCTAssertNotEqual(after.headers["ETag"], before.headers["ETag"])
    XCTAssertEqual(renders.count, 2)
    let stale = try oneShot(
      port: port, "GET", "/kommune/0169", headers: ["If-None-Match: \(try XCTUnwrap(before.headers["ETag"]))"]
    )
    XCTAssertEqual(stale.status, 200, "the old tag no longer matches")
    XCTAssertEqual(renders.count, 2)

    // A write citizens do not see (a draft) keeps the cache.
    try store.createDraft(municipalityCode: "0169")
    _ = try oneShot(port: port, "GET", "/kommune/0169")
    XCTAssertEqual(renders.count, 2)
  }

  func testHeadIsAnsweredFromTheSamePage() throws {
    let head = try oneShot(port: port, "HEAD", "/kommune/0169")
    XCTAssertEqual(head.status, 200)
    XCTAssertEqual(head.body, [])
    let get = try oneShot(port: port, "GET", "/kommune/0169")
    XCTAssertEqual(head.headers["ETag"], get.headers["ETag"])
    XCTAssertEqual(head.headers["Content-Length"], String(get.body.count))
    XCTAssertEqual(renders.count, 1)
  }

  func testErrorsAndQueriesAreNotStored() throws {
    XCTAssertEqual(try oneShot(port: port, "GET", "/kommune/9999").status, 404)
    XCTAssertEqual(try oneShot(port: port, "GET", "/kommune/9999").status, 404)
    XCTAssertEqual(renders.count, 2)

    let first = try oneShot(port: port, "GET", "/kommune/0169?side=2")
    XCTAssertEqual(first.text, "<h1>Høje-Taastrup</h1><p>side=2</p>")
    XCTAssertNotNil(first.headers["ETag"])
    _ = try oneShot(port: port, "GET", "/kommune/0169?side=2")
    XCTAssertEqual(renders.count, 4, "a route that does not allow queries renders them every time")

    // Under .normalized the query is part of the key, in any order and encoding.
    _ = try oneShot(port: port, "GET", "/s%C3%B8g/0169?b=2&a=1")
    _ = try oneShot(port: port, "GET", "/s%C3%B8g/0169?a=1&b=%32")
    XCTAssertEqual(renders.count, 5)
    _ = try oneShot(port: port, "GET", "/s%C3%B8g/0169?a=2")
    XCTAssertEqual(renders.count, 6)
    XCTAssertEqual(try oneShot(port: port, "GET", "/s%C3%B8g/0169?a=%zz").status, 400)
  }

  func testTheCacheIsBoundedAndDropsTheLeastRecentlyUsed() throws {
    for code in 1...3 { XCTAssertEqual(try oneShot(port: port, "GET", "/lille/\(code)").status, 200) }
    XCTAssertEqual(smallCache.count, 3)
    _ = try oneShot(port: port, "GET", "/lille/1")
    XCTAssertEqual(renders.count, 3, "page 1 came from the cache and is now the most recently used")
    _ = try oneShot(port: port, "GET", "/lille/4")
    XCTAssertEqual(smallCache.count, 3)
    _ = try oneShot(port: port, "GET", "/lille/1")
    XCTAssertEqual(renders.count, 4, "page 1 stayed")
    _ = try oneShot(port: port, "GET", "/lille/2")
    XCTAssertEqual(renders.count, 5, "page 2, the least recently used, was dropped")
    for code in 5...40 {
      _ = try oneShot(port: port, "GET", "/lille/\(code)")
      XCTAssertLessThanOrEqual(smallCache.count, 3)
    }
    XCTAssertEqual(renders.count, 41)
  }

  func testConcurrentRequestsAllGetTheSamePage() throws {
    let expected = try oneShot(port: port, "GET", "/kommune/0169")
    let failures = Mutex<[String]>([])
    let (port, store) = (self.port, self.store!)
    DispatchQueue.concurrentPerform(iterations: 16) { worker in
      for round in 0..<25 {
        do {
          // Every so often the site changes under the readers.
          if worker == 0 && round % 5 == 4 {
            try store.database.write {
              try $0.run(
                "UPDATE municipality SET name = ? WHERE code = '0169'",
                round % 10 == 4 ? "Taastrup" : "Høje-Taastrup")
            }
          }
          let reply = try oneShot(port: port, "GET", "/kommune/0169")
          let valid =
            reply.status == 200 && reply.headers["ETag"] == EntityTag.strong(for: reply.body)
            && (reply.text == "<h1>Høje-Taastrup</h1><p></p>" || reply.text == "<h1>Taastrup</h1><p></p>")
          if !valid { failures.withLock { $0.append("\(reply.status) \(reply.text)") } }
        } catch {
          failures.withLock { $0.append("\(error)") }
        }
      }
    }
    XCTAssertEqual(failures.withLock { $0 }, [])
    // Once the writes stop, the page settles on the last name and is served from the cache.
    try rename("Høje-Taastrup")
    let settled = try oneShot(port: port, "GET", "/kommune/0169")
    XCTAssertEqual(settled.body, expected.body)
    let count = renders.count
    _ = try oneShot(port: port, "GET", "/kommune/0169")
    XCTAssertEqual(renders.count, count)
  }
}
