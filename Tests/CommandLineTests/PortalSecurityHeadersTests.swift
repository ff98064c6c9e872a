import Foundation
import HTTP
import HTTPTestSupport
import Store
import XCTest

@testable import brugerinformation

/// The portal on a seeded database, configured as `serve` configures it: every kind of answer carries the security
/// headers, those the server builds itself before routing too; HSTS only with `--https`.
final class PortalSecurityHeadersTests: XCTestCase {
  private var folder: URL!
  private var server: HTTPServer!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "portal-headers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    server?.shutdown()
    server?.wait()
    server = nil
    try? FileManager.default.removeItem(at: folder)
  }

  private func startPortal(https: Bool) throws {
    let store = try Store.open(path: folder.appendingPathComponent("portal-\(https).sqlite").path, readers: 1)
    _ = try Seeder.seed(store)
    server = try startTestPortal(store: store, https: https) { configuration, portal in
      configuration.eventLoops = 1
      configuration.headerTimeout = .milliseconds(300)
      // As ServeCommand does (the helper gives the server the security headers).
      configuration.metrics = portal.metrics
    }
  }

  private func assertSecurityHeaders(
    _ headers: HTTPHeaders, https: Bool, _ label: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    for field in SecurityHeaders.strict {
      XCTAssertEqual(
        headers.values(for: field.name), [field.value], "\(label): \(field.name)", file: file, line: line)
    }
    let policy = headers["Content-Security-Policy"] ?? ""
    XCTAssertTrue(policy.contains("frame-ancestors 'none'"), "\(label): \(policy)", file: file, line: line)
    XCTAssertEqual(headers["X-Content-Type-Options"], "nosniff", label, file: file, line: line)
    XCTAssertNotNil(headers["Referrer-Policy"], label, file: file, line: line)
    XCTAssertNotNil(headers["Permissions-Policy"], label, file: file, line: line)
    XCTAssertEqual(
      headers.values(for: "Strict-Transport-Security"), https ? ["max-age=31536000; includeSubDomains"] : [],
      "\(label): HSTS exactly when https", file: file, line: line)
  }

  /// A raw request on its own connection; the answer the server gives before closing.
  private func raw(_ bytes: String) throws -> TestClient.Reply {
    let client = try TestClient(port: server.boundPort)
    try? client.send(bytes)
    return try client.readResponse()
  }

  private func checkEveryKindOfAnswer(https: Bool) throws {
    try startPortal(https: https)
    let port = server.boundPort
    let answers: [(String, String, Int, String)] = [
      ("GET", "/", 200, "text/html"), ("GET", "/kommune/0101", 200, "text/html"),
      ("GET", "/static/css/site.css", 200, "text/css"), ("HEAD", "/", 200, "text/html"),
      ("GET", "/findes-ikke", 404, "text/html"), ("GET", "/static/findes-ikke.css", 404, ""),
      ("DELETE", "/", 405, ""), ("OPTIONS", "/", 204, ""), ("GET", "/healthz", 200, "text/plain"),
      ("GET", "/api/v1/municipalities", 200, "application/json"),
      ("GET", "/api/v1/findes-ikke", 404, "application/problem+json"),
      ("GET", "/feed.atom", 200, "application/atom+xml"), ("GET", "/data/maal.csv", 200, "text/csv"),
      ("GET", "/admin/login", 200, "text/html"), ("GET", "/admin", 303, ""),
    ]
    for (method, target, status, type) in answers {
      let reply = try oneShot(port: port, method, target)
      let label = "\(method) \(target)"
      XCTAssertEqual(reply.status, status, label)
      XCTAssertTrue((reply.headers["Content-Type"] ?? "").hasPrefix(type), "\(label): \(reply.headers)")
      assertSecurityHeaders(reply.headers, https: https, label)
    }

    let file = try oneShot(port: port, "GET", "/static/css/site.css")
    let etag = try XCTUnwrap(file.headers["ETag"])
    let notModified = try oneShot(
      port: port, "GET", "/static/css/site.css", headers: ["If-None-Match: \(etag)"])
    XCTAssertEqual(notModified.status, 304)
    assertSecurityHeaders(notModified.headers, https: https, "304")

    let bigHeader = "X-Big: " + String(repeating: "v", count: 40 * 1024)
    let rejections: [(String, Int)] = [
      ("GARBAGE\r\n\r\n", 400),
      ("POST /admin/login HTTP/1.1\r\nHost: t\r\nContent-Length: 999999999\r\n\r\n", 413),
      ("GET / HTTP/1.1\r\nHost: t\r\n\(bigHeader)\r\n\r\n", 431),
      ("GET / HTTP/1.1\r\nHost: t\r\n", 408),
    ]
    for (bytes, status) in rejections {
      let reply = try raw(bytes)
      XCTAssertEqual(reply.status, status, bytes.prefix(40).debugDescription)
      assertSecurityHeaders(reply.headers, https: https, "server-built \(status)")
    }
  }

  func testEveryKindOfAnswerCarriesTheHeaders() throws {
    try checkEveryKindOfAnswer(https: false)
  }

  func testWithHTTPSEveryAnswerAlsoCarriesHSTS() throws {
    try checkEveryKindOfAnswer(https: true)
  }
}
