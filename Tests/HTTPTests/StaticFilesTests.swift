import Foundation
import HTTP
import XCTest

final class StaticFilesTests: XCTestCase {
  private var base: URL!
  private var publicDir: URL!

  override func setUpWithError() throws {
    base = FileManager.default.temporaryDirectory.appendingPathComponent("static-tests-\(UUID().uuidString)")
    publicDir = base.appendingPathComponent("Public")
    let fm = FileManager.default
    try fm.createDirectory(at: publicDir.appendingPathComponent("css"), withIntermediateDirectories: true)
    try fm.createDirectory(at: publicDir.appendingPathComponent("bilag"), withIntermediateDirectories: true)
    try fm.createDirectory(at: publicDir.appendingPathComponent(".git"), withIntermediateDirectories: true)
    try fm.createDirectory(at: base.appendingPathComponent("outside"), withIntermediateDirectories: true)
    try write("secret.txt", "SECRET", in: base)
    try write("outside/other.txt", "SECRET TOO", in: base)
    try write("site.css", "body { color: #123; }")
    try write("index.html", "<!doctype html><title>x</title>")
    try write("css/print.css", "@media print {}")
    try write("bilag/årsrapport 2025.pdf", "%PDF-1.7")
    try write(".env", "SECRET=1")
    try write(".git/config", "[core]")
    try write("LICENSE", "MIT")
    try write("data.json", "{}")
    try fm.createSymbolicLink(
      atPath: publicDir.appendingPathComponent("link-out.txt").path,
      withDestinationPath: base.appendingPathComponent("secret.txt").path)
    try fm.createSymbolicLink(
      atPath: publicDir.appendingPathComponent("outdir").path,
      withDestinationPath: base.appendingPathComponent("outside").path)
    try fm.createSymbolicLink(
      atPath: publicDir.appendingPathComponent("alias.css").path, withDestinationPath: "site.css")
    try fm.createSymbolicLink(
      atPath: publicDir.appendingPathComponent("dangling.txt").path, withDestinationPath: "nowhere.txt")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: base)
  }

  private func write(_ relative: String, _ text: String, in directory: URL? = nil) throws {
    try Data(text.utf8).write(to: (directory ?? publicDir).appendingPathComponent(relative))
  }

  private func files(maximumCachedFileSize: Int = 512 * 1024) throws -> StaticFiles {
    try StaticFiles(root: publicDir.path, maximumCachedFileSize: maximumCachedFileSize)
  }

  private func get(_ files: StaticFiles, _ target: String, method: HTTPMethod = .get) throws -> Response {
    try files.respond(to: Request(method: method, target: target))
  }

  func testServesFilesWithTypeAndCachingHeaders() throws {
    let files = try files()
    let css = try get(files, "/static/site.css")
    XCTAssertEqual(css.status, .ok)
    XCTAssertEqual(bodyText(css), "body { color: #123; }")
    XCTAssertEqual(css.headers["Content-Type"], "text/css; charset=utf-8")
    XCTAssertEqual(css.headers["Cache-Control"], "max-age=300")
    let etag = try XCTUnwrap(css.headers["ETag"])
    XCTAssertTrue(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count == 18, etag)
    XCTAssertEqual(try get(files, "/static/site.css").headers["ETag"], etag)

    XCTAssertEqual(try get(files, "/static/index.html").headers["Content-Type"], "text/html; charset=utf-8")
    XCTAssertEqual(
      try get(files, "/static/data.json").headers["Content-Type"], "application/json; charset=utf-8")
    XCTAssertEqual(try get(files, "/static/LICENSE").headers["Content-Type"], "application/octet-stream")
    XCTAssertEqual(try get(files, "/static/css/print.css").headers["Content-Type"], "text/css; charset=utf-8")
  }

  func testLastModifiedComesFromMtime() throws {
    var times = [timeval(tv_sec: 784_111_777, tv_usec: 0), timeval(tv_sec: 784_111_777, tv_usec: 0)]
    XCTAssertEqual(utimes(publicDir.appendingPathComponent("site.css").path, &times), 0)
    XCTAssertEqual(
      try get(files(), "/static/site.css").headers["Last-Modified"], "Sun, 06 Nov 1994 08:49:37 GMT")
  }

  func testDanishFileNames() throws {
    let response = try get(files(), "/static/bilag/%C3%A5rsrapport%202025.pdf")
    XCTAssertEqual(bodyText(response), "%PDF-1.7")
    XCTAssertEqual(response.headers["Content-Type"], "application/pdf")
  }

  func testHeadHasSameHeaders() throws {
    let files = try files()
    let head = try get(files, "/static/site.css", method: .head)
    let get = try get(files, "/static/site.css")
    XCTAssertEqual(head.status, .ok)
    XCTAssertEqual(head.headers["ETag"], get.headers["ETag"])
    XCTAssertEqual(head.headers["Content-Type"], get.headers["Content-Type"])
  }

  func testOtherMethodsAre405() throws {
    let error = assertHTTPError(.methodNotAllowed, try get(files(), "/static/site.css", method: .post))
    XCTAssertEqual(error?.headers["Allow"], "GET, HEAD")
  }

  func testSymlinkInsideRootIsServed() throws {
    XCTAssertEqual(bodyText(try get(files(), "/static/alias.css")), "body { color: #123; }")
  }

  func testRetargetedSymlinkIsCheckedAgain() throws {
    let files = try files()
    let link = publicDir.appendingPathComponent("moving.css").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "site.css")
    XCTAssertEqual(bodyText(try get(files, "/static/moving.css")), "body { color: #123; }")
    try FileManager.default.removeItem(atPath: link)
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: base.appendingPathComponent("secret.txt").path)
    assertHTTPError(.notFound, try get(files, "/static/moving.css"))
    // A served file replaced by a symlink to the outside is refused as well.
    XCTAssertEqual(bodyText(try get(files, "/static/data.json")), "{}")
    try FileManager.default.removeItem(at: publicDir.appendingPathComponent("data.json"))
    try FileManager.default.createSymbolicLink(
      atPath: publicDir.appendingPathComponent("data.json").path,
      withDestinationPath: base.appendingPathComponent("secret.txt").path)
    assertHTTPError(.notFound, try get(files, "/static/data.json"))
    XCTAssertEqual(files.url(for: "data.json"), "/static/data.json")
  }

  func testTraversalAndHostilePathsAre404() throws {
    let files = try files()
    let hostile = [
      "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/%2E%2E/secret.txt",
      "/static/.%2e/secret.txt",
      "/static/%2e./secret.txt", "/static/css/../../secret.txt", "/static/css/%2e%2e/%2e%2e/secret.txt",
      "/static/..%2fsecret.txt", "/static/%2e%2e%2fsecret.txt", "/static/css%2f..%2f..%2fsecret.txt",
      "/static/%2f..%2fsecret.txt", "/static/..%5csecret.txt", "/static/..\\secret.txt",
      "/static/css\\site.css",
      "/static/%5c..%5csecret.txt", "/static/%252e%252e/secret.txt", "/static/%c0%ae%c0%ae/secret.txt",
      "/static/%e0%80%ae%e0%80%ae/secret.txt", "/static/%EF%BC%8E%EF%BC%8E/secret.txt", "/static/%00",
      "/static/site.css%00", "/static/site.css%00.png", "/static/%00/../secret.txt", "/static//etc/passwd",
      "/static/%2fetc%2fpasswd", "/static/link-out.txt", "/static/outdir/other.txt", "/static/outdir",
      "/static/dangling.txt", "/static/.env", "/static/%2eenv", "/static/.git/config",
      "/static/%2egit/config",
      "/static/css", "/static/css/", "/static/", "/static", "/static/.", "/static/%2e", "/static/./site.css",
      "/staticsite.css", "/static/site.css/", "/static/site.css/.", "/static/%", "/static/%zz", "/static/%FF",
      "/static/site.css%0a", "/static/%0d%0aX:%20y", "/other/site.css", "/secret.txt", "*",
    ]
    for target in hostile {
      assertHTTPError(.notFound, try get(files, target), "\(target)")
      assertHTTPError(.notFound, try get(files, target, method: .head), "\(target)")
    }
  }

  func testCacheIsInvalidatedWhenFileChanges() throws {
    let files = try files()
    let before = try get(files, "/static/site.css")
    try write("site.css", "body { color: #456; margin: 0 }")
    let after = try get(files, "/static/site.css")
    XCTAssertEqual(bodyText(after), "body { color: #456; margin: 0 }")
    XCTAssertNotEqual(after.headers["ETag"], before.headers["ETag"])
  }

  func testCacheIsInvalidatedByMtimeAlone() throws {
    let files = try files()
    let path = publicDir.appendingPathComponent("site.css").path
    var old = [timeval(tv_sec: 1_000_000_000, tv_usec: 0), timeval(tv_sec: 1_000_000_000, tv_usec: 0)]
    XCTAssertEqual(utimes(path, &old), 0)
    XCTAssertEqual(bodyText(try get(files, "/static/site.css")), "body { color: #123; }")
    try write("site.css", "body { color: #789; }")  // same size
    var new = [timeval(tv_sec: 1_000_000_100, tv_usec: 0), timeval(tv_sec: 1_000_000_100, tv_usec: 0)]
    XCTAssertEqual(utimes(path, &new), 0)
    let after = try get(files, "/static/site.css")
    XCTAssertEqual(bodyText(after), "body { color: #789; }")
    XCTAssertEqual(after.headers["Last-Modified"], HTTPDate.format(1_000_000_100))
  }

  func testConcurrentRequestsWhileFileChanges() throws {
    let files = try files()
    let versions = ["a { }", "b { color: red; }", "c { color: blue; margin: 0; }"]
    let failures = LockedCounter()
    let css = publicDir.appendingPathComponent("site.css")
    DispatchQueue.concurrentPerform(iterations: 8) { worker in
      for round in 0..<200 {
        if worker == 0 && round % 10 == 0 {
          try? Data(versions[round / 10 % versions.count].utf8).write(
            to: css, options: .atomic)
        }
        do {
          let response = try files.respond(to: Request(method: .get, target: "/static/site.css"))
          let text = bodyText(response) ?? ""
          if !versions.contains(text) && text != "body { color: #123; }" { failures.increment() }
        } catch {
          failures.increment()
        }
        _ = files.url(for: "site.css")
      }
    }
    XCTAssertEqual(failures.value, 0)
  }

  func testHashedURLs() throws {
    let files = try files()
    let url = files.url(for: "site.css")
    let name = try XCTUnwrap(url.split(separator: "/").last)
    XCTAssertTrue(url.hasPrefix("/static/site."), url)
    XCTAssertTrue(url.hasSuffix(".css"), url)
    XCTAssertEqual(name.count, "site.12345678.css".count, url)
    XCTAssertEqual(files.url(for: "site.css"), url)
    XCTAssertEqual(files.url(for: "/site.css"), url)

    let hashed = try get(files, url)
    XCTAssertEqual(bodyText(hashed), "body { color: #123; }")
    XCTAssertEqual(hashed.headers["Cache-Control"], "max-age=31536000, immutable")
    XCTAssertEqual(hashed.headers["Content-Type"], "text/css; charset=utf-8")

    try write("site.css", "body { color: red; }")
    let newURL = files.url(for: "site.css")
    XCTAssertNotEqual(newURL, url)
    // The old URL still answers, with the new content, but must not be cached as immutable.
    let stale = try get(files, url)
    XCTAssertEqual(bodyText(stale), "body { color: red; }")
    XCTAssertEqual(stale.headers["Cache-Control"], "max-age=300")
    XCTAssertEqual(try get(files, newURL).headers["Cache-Control"], "max-age=31536000, immutable")
  }

  func testHashedURLsForNestedAndExtensionlessAndMissingFiles() throws {
    let files = try files()
    let nested = files.url(for: "css/print.css")
    XCTAssertTrue(nested.hasPrefix("/static/css/print."), nested)
    XCTAssertEqual(bodyText(try get(files, nested)), "@media print {}")
    let license = files.url(for: "LICENSE")
    XCTAssertTrue(license.hasPrefix("/static/LICENSE."), license)
    XCTAssertEqual(bodyText(try get(files, license)), "MIT")
    let danish = files.url(for: "bilag/årsrapport 2025.pdf")
    XCTAssertTrue(danish.hasPrefix("/static/bilag/%C3%A5rsrapport%202025."), danish)
    XCTAssertEqual(bodyText(try get(files, danish)), "%PDF-1.7")
    XCTAssertEqual(files.url(for: "missing.css"), "/static/missing.css")
    // Refused asset paths get their plain (unhashed) URL, which the responder then answers with 404.
    XCTAssertEqual(files.url(for: "../secret.txt"), "/static/../secret.txt")
    XCTAssertEqual(files.url(for: "link-out.txt"), "/static/link-out.txt")
    assertHTTPError(.notFound, try get(files, "/static/missing.0123abcd.css"))
    assertHTTPError(.notFound, try get(files, "/static/link-out.0123abcd.txt"))
  }

  func testLargeFilesAreStreamedWithWeakETag() throws {
    var big = [UInt8](repeating: 0, count: 300_000)
    for index in big.indices { big[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 8) }
    try Data(big).write(to: publicDir.appendingPathComponent("big.bin"))
    let files = try files(maximumCachedFileSize: 1000)
    let response = try get(files, "/static/big.bin")
    guard case .stream = response.body else { return XCTFail("expected a streamed body") }
    XCTAssertEqual(try bodyBytes(response), big)
    XCTAssertTrue(response.headers["ETag"]?.hasPrefix("W/\"") ?? false)
    let url = files.url(for: "big.bin")
    XCTAssertTrue(url.hasPrefix("/static/big."), url)
    XCTAssertEqual(try get(files, url).headers["Cache-Control"], "max-age=31536000, immutable")
    // Small files are still served from memory.
    guard case .bytes = try get(files, "/static/site.css").body else { return XCTFail("expected bytes") }
  }

  func testRootMustBeADirectory() throws {
    XCTAssertThrowsError(try StaticFiles(root: base.appendingPathComponent("secret.txt").path))
    XCTAssertThrowsError(try StaticFiles(root: base.appendingPathComponent("nope").path))
    let link = base.appendingPathComponent("public-link")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: publicDir.path)
    let viaLink = try StaticFiles(root: link.path)
    XCTAssertEqual(viaLink.root, URL(fileURLWithPath: publicDir.path).resolvingSymlinksInPath().path)
    XCTAssertEqual(
      bodyText(try viaLink.respond(to: Request(method: .get, target: "/static/site.css"))),
      "body { color: #123; }")
  }

  func testCustomPrefixAndRouterMount() throws {
    let files = try StaticFiles(root: publicDir.path, urlPrefix: "/assets/")
    XCTAssertEqual(bodyText(try get(files, "/assets/site.css")), "body { color: #123; }")
    assertHTTPError(.notFound, try get(files, "/static/site.css"))
    var router = Router()
    router.add(.get, "/assets/*path", responder: files)
    XCTAssertEqual(
      bodyText(try router.respond(to: Request(method: .get, target: "/assets/css/print.css"))),
      "@media print {}")
    assertHTTPError(
      .notFound, try router.respond(to: Request(method: .get, target: "/assets/%2e%2e/secret.txt")))
    let error = assertHTTPError(
      .methodNotAllowed, try router.respond(to: Request(method: .post, target: "/assets/site.css")))
    XCTAssertEqual(error?.headers["Allow"], "GET, HEAD, OPTIONS")
  }
}

/// A counter shared by the threads of `concurrentPerform`; the lock makes it safe.
private final class LockedCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  var value: Int { lock.withLock { count } }

  func increment() { lock.withLock { count += 1 } }
}
