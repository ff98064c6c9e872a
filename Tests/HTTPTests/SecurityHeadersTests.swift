import Foundation
import HTTP
import XCTest

/// `SecurityHeaders.middleware` added with `Router.use`, behind a real server: every kind of answer carries the
/// fields, and a handler that throws gives a 500 without internal details.
final class SecurityHeadersTests: XCTestCase {
  private var server: HTTPServer!

  override func tearDown() {
    server?.shutdown()
    server?.wait()
    server = nil
  }

  private func start() throws -> TestClient {
    var router = Router()
    router.use(SecurityHeaders().middleware)
    router.get("/side") { _ in .html("<p>side</p>") }
    router.get("/egen") { _ in
      Response(headers: ["Content-Security-Policy": "default-src 'none'"], body: .bytes(Array("x".utf8)))
    }
    router.get("/fejl") { _ in throw SecretFailure() }
    router.get("/intern") { _ in throw HTTPError(.internalServerError, "secret-internal-detail in the route")
    }
    router.get("/ikke-her") { _ in throw HTTPError(.forbidden, "Adgang nægtet.") }
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.eventLoops = 1
    configuration.accessLog = false
    server = HTTPServer(configuration: configuration, responder: router)
    try server.start()
    return try TestClient(port: server.boundPort)
  }

  private func assertSecured(_ reply: TestClient.Reply, file: StaticString = #filePath, line: UInt = #line) {
    for field in SecurityHeaders.strict {
      XCTAssertEqual(reply.headers[field.name], field.value, "\(reply.status)", file: file, line: line)
    }
  }

  func testEveryAnswerCarriesTheFields() throws {
    let client = try start()
    let page = try client.request("GET", "/side")
    XCTAssertEqual(page.status, 200)
    assertSecured(page)
    let missing = try client.request("GET", "/findes-ikke")
    XCTAssertEqual(missing.status, 404)
    assertSecured(missing)
    let wrongMethod = try client.request("DELETE", "/side")
    XCTAssertEqual(wrongMethod.status, 405)
    XCTAssertNotNil(wrongMethod.headers["Allow"])
    assertSecured(wrongMethod)
    let options = try client.request("OPTIONS", "/side")
    XCTAssertEqual(options.status, 204)
    assertSecured(options)
    let forbidden = try client.request("GET", "/ikke-her")
    XCTAssertEqual(forbidden.status, 403)
    XCTAssertEqual(forbidden.text, "Adgang nægtet.")
    assertSecured(forbidden)
  }

  func testAThrowingHandlerGivesA500WithoutDetails() throws {
    let client = try start()
    for target in ["/fejl", "/intern"] {
      let failure = try client.request("GET", target)
      XCTAssertEqual(failure.status, 500)
      XCTAssertEqual(failure.text, "Internal Server Error")
      XCTAssertFalse(failure.text.contains("secret"))
      assertSecured(failure)
    }
  }

  func testARoutesOwnValueStays() throws {
    let client = try start()
    let reply = try client.request("GET", "/egen")
    XCTAssertEqual(reply.headers.values(for: "Content-Security-Policy"), ["default-src 'none'"])
    XCTAssertEqual(reply.headers["X-Frame-Options"], "DENY")
  }
}
