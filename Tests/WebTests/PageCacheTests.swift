import HTTP
import XCTest

@testable import Web

/// The cache's rules without a server (the socket tests in CitizenTests cover validators and 304s end to end).
final class PageCacheTests: XCTestCase {
  private var renders = 0

  private func page(_ text: String) -> () throws -> Response {
    { [unowned self] in
      renders += 1
      return .html(text)
    }
  }

  private func get(_ target: String) -> Request { Request(method: .get, target: target) }

  func testTagsFollowTheBytes() {
    let body = Array("<h1>Høje-Taastrup</h1>".utf8)
    XCTAssertEqual(EntityTag.strong(for: body), EntityTag.strong(for: Array("<h1>Høje-Taastrup</h1>".utf8)))
    XCTAssertEqual(EntityTag.strong(for: body).utf8.count, 18)
    XCTAssertNotEqual(EntityTag.strong(for: body), EntityTag.strong(for: body + [0]))
    XCTAssertNotEqual(EntityTag.strong(for: []), EntityTag.strong(for: [0]))
    // The same high bit flipped in two neighbouring words must not cancel out.
    var a = [UInt8](repeating: 0x41, count: 32)
    var b = a
    a[7] = 0xc3
    a[15] = 0xc3
    b[7] = 0x43
    b[15] = 0x43
    XCTAssertNotEqual(EntityTag.strong(for: a), EntityTag.strong(for: b))
    var tags = Set<String>()
    for index in 0..<2_000 { tags.insert(EntityTag.strong(for: Array("side \(index)".utf8))) }
    XCTAssertEqual(tags.count, 2_000)
  }

  func testARevisionOnlyMovesForward() throws {
    let cache = PageCache()
    _ = try cache.respond(to: get("/a"), revision: 5, lastModified: 100, render: page("five"))
    _ = try cache.respond(to: get("/a"), revision: 5, lastModified: 100, render: page("five"))
    XCTAssertEqual(renders, 1)
    // A request that read the revision before a publication renders, but neither stores nor empties.
    let older = try cache.respond(to: get("/a"), revision: 4, lastModified: 90, render: page("four"))
    XCTAssertEqual(older.headers["Last-Modified"], HTTPDate.format(90))
    XCTAssertEqual(renders, 2)
    XCTAssertEqual(cache.count, 1)
    _ = try cache.respond(to: get("/a"), revision: 5, lastModified: 100, render: page("five"))
    XCTAssertEqual(renders, 2)
    // A new day (same revision, later Last-Modified) empties it too.
    let nextDay = try cache.respond(to: get("/a"), revision: 5, lastModified: 200, render: page("five"))
    XCTAssertEqual(renders, 3)
    XCTAssertEqual(nextDay.headers["Last-Modified"], HTTPDate.format(200))
  }

  func testOnlyWholeSuccessfulPagesAreStored() throws {
    let cache = PageCache()
    for _ in 0..<2 {
      let missing = try cache.respond(to: get("/x"), revision: 1, lastModified: 1) {
        renders += 1
        return .html("nope", status: .notFound)
      }
      XCTAssertNil(missing.headers["ETag"])
      let streamed = try cache.respond(to: get("/y"), revision: 1, lastModified: 1) {
        renders += 1
        return Response(body: .stream(ResponseStream(chunks: [Array("a".utf8)])))
      }
      XCTAssertNil(streamed.headers["ETag"])
    }
    XCTAssertEqual(renders, 4)
    XCTAssertEqual(cache.count, 0)
  }

  func testPagesForOneClientAreNotStored() throws {
    let cache = PageCache()
    let personal: [HTTPHeaders] = [
      ["Set-Cookie": "session=abc; HttpOnly"], ["Cache-Control": "no-store"],
      ["Cache-Control": "private, max-age=0"],
    ]
    for (index, headers) in personal.enumerated() {
      for _ in 0..<2 {
        _ = try cache.respond(to: get("/mine/\(index)"), revision: 1, lastModified: 1) {
          renders += 1
          return Response(headers: headers, body: .bytes(Array("til dig".utf8)))
        }
      }
    }
    XCTAssertEqual(renders, 6)
    XCTAssertEqual(cache.count, 0)
  }

  func testAHandlersOwnValidatorsAreKept() throws {
    let cache = PageCache()
    let response = try cache.respond(to: get("/own"), revision: 1, lastModified: 1) {
      Response(headers: ["ETag": "\"mine\"", "Cache-Control": "max-age=5"], body: .bytes(Array("x".utf8)))
    }
    XCTAssertEqual(response.headers["ETag"], "\"mine\"")
    XCTAssertEqual(response.headers["Cache-Control"], "max-age=5")
    XCTAssertEqual(response.headers["Last-Modified"], HTTPDate.format(1))
  }

  func testSizeLimitsHold() throws {
    let cache = PageCache(maximumEntries: 100, maximumBytes: 8_000)
    for index in 0..<50 {
      _ = try cache.respond(
        to: get("/p/\(index)"), revision: 1, lastModified: 1, render: page(String(repeating: "x", count: 900))
      )
      XCTAssertLessThanOrEqual(cache.byteCount, 8_000)
    }
    XCTAssertGreaterThan(cache.count, 0)
    // Over an eighth of the budget: served, never stored.
    _ = try cache.respond(
      to: get("/big"), revision: 1, lastModified: 1, render: page(String(repeating: "y", count: 1_001)))
    _ = try cache.respond(
      to: get("/big"), revision: 1, lastModified: 1, render: page(String(repeating: "y", count: 1_001)))
    XCTAssertEqual(renders, 52)

    let queries = PageCache(maximumQueryEntries: 2)
    for index in 0..<4 {
      _ = try queries.respond(
        to: get("/s?q=\(index)"), revision: 1, lastModified: 1, query: .normalized, render: page("s"))
    }
    XCTAssertEqual(queries.count, 2)
  }

  func testBypassingRendersEveryTime() throws {
    let cache = PageCache()
    _ = try cache.respond(to: get("/a"), revision: 1, lastModified: 1, render: page("a"))
    try PageCache.bypassing {
      for _ in 0..<3 {
        let response = try cache.respond(to: get("/a"), revision: 1, lastModified: 1, render: page("a"))
        XCTAssertNotNil(response.headers["ETag"])
      }
    }
    XCTAssertEqual(renders, 4)
    _ = try cache.respond(to: get("/a"), revision: 1, lastModified: 1, render: page("a"))
    XCTAssertEqual(renders, 4)
  }
}
