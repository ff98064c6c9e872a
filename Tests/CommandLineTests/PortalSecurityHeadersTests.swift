import Foundation
import HTTP
import HTTPTestSupport
import Store
import XCTest

@testable import brugerinformation

/// The portal's own router over a socket: pages, static files, 404 and 405 all carry the security headers.
final class PortalSecurityHeadersTests: XCTestCase {
  private var folder: URL!
  private var server: HTTPServer!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "portal-headers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../..")
    let store = try Store.open(path: folder.appendingPathComponent("portal.sqlite").path, readers: 1)
    let portal = try Portal(
      store: store, publicDirectory: repository.appendingPathComponent("Public").path,
      templatesDirectory: repository.appendingPathComponent("Templates").path, benchmarkRoutes: false)
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.eventLoops = 1
    configuration.accessLog = false
    server = HTTPServer(configuration: configuration, responder: portal.router)
    try server.start()
  }

  override func tearDownWithError() throws {
    server?.shutdown()
    server?.wait()
    try? FileManager.default.removeItem(at: folder)
  }

  func testEveryKindOfAnswerCarriesTheHeaders() throws {
    let answers = [
      ("GET", "/", 200), ("GET", "/healthz", 200), ("GET", "/static/robots.txt", 200),
      ("GET", "/findes-ikke", 404), ("GET", "/static/findes-ikke.css", 404), ("DELETE", "/", 405),
    ]
    for (method, target, status) in answers {
      let reply = try oneShot(port: server.boundPort, method, target)
      XCTAssertEqual(reply.status, status, "\(method) \(target)")
      let policy = reply.headers["Content-Security-Policy"] ?? ""
      XCTAssertTrue(policy.hasPrefix("default-src 'self'"), "\(method) \(target): \(policy)")
      for field in SecurityHeaders.strict {
        XCTAssertEqual(reply.headers[field.name], field.value, "\(method) \(target)")
      }
    }
  }
}
