import Glibc
import XCTest

@testable import HTTP

/// `ServerConfiguration.responseHeaders` over real sockets: every response the server sends carries the fields,
/// above all the ones it builds itself before any route runs.
final class ServerResponseHeadersTests: XCTestCase {
  var server: HTTPServer!

  override func tearDown() {
    server?.shutdown()
    server?.wait()
    server = nil
  }

  static let fields: HTTPHeaders = [
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=()",
    "Cache-Control": "no-store",
  ]

  func assertFields(
    _ headers: HTTPHeaders, _ label: String, except: Set<String> = [], file: StaticString = #filePath,
    line: UInt = #line
  ) {
    for field in Self.fields where !except.contains(field.name) {
      XCTAssertEqual(
        headers.values(for: field.name), [field.value], "\(label): \(field.name)", file: file, line: line)
    }
  }

  /// Sends raw bytes on a new connection and returns every response until the server closes.
  func rawResponses(_ bytes: String, head: Bool = false) throws -> [SeenResponse] {
    let client = try TestClient(port: server.boundPort, timeoutSeconds: 3)
    try? client.send(bytes)
    let (received, ending) = readUntilEnd(client)
    XCTAssertNotEqual(ending, .timedOut, "\(bytes.prefix(40).debugDescription)")
    return try splitResponses(received, head: head)
  }

  func testHandlerAnswersAndThrownErrorsCarryTheFields() throws {
    server = try startTestServer { $0.responseHeaders = Self.fields }
    let client = try TestClient(port: server.boundPort)
    for (target, status) in [("/", 200), ("/http-error", 405), ("/throw", 500), ("/stream?3", 200)] {
      let reply = try client.request("GET", target)
      XCTAssertEqual(reply.status, status, target)
      assertFields(reply.headers, target)
    }
    let head = try client.request("HEAD", "/")
    assertFields(head.headers, "HEAD /")
    let notModified = try client.request("GET", "/etag", headers: ["If-None-Match: \"v1\""])
    XCTAssertEqual(notModified.status, 304)
    assertFields(notModified.headers, "304", except: ["Cache-Control"])
    XCTAssertEqual(
      notModified.headers.values(for: "Cache-Control"), ["max-age=60"],
      "a field the route set is kept as it is")
  }

  func testEveryAnswerTheServerBuildsItselfCarriesTheFields() throws {
    server = try startTestServer {
      $0.responseHeaders = Self.fields
      $0.maxBodySize = 100
      $0.headerTimeout = .milliseconds(300)
      $0.bodyTimeout = .milliseconds(300)
    }
    let longTarget = "/" + String(repeating: "a", count: 9000)
    let bigHeader = "X-Big: " + String(repeating: "v", count: 40 * 1024)
    let cases: [(String, Int)] = [
      ("GARBAGE\r\n\r\n", 400),
      ("GET / HTTP/1.1\r\n\r\n", 400),
      ("GET \(longTarget) HTTP/1.1\r\nHost: t\r\n\r\n", 414),
      ("GET / HTTP/1.1\r\nHost: t\r\n\(bigHeader)\r\n\r\n", 431),
      ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\n\r\n", 413),
      ("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 101\r\n\r\n", 413),
      ("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
      ("GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
      ("GET / HTTP/1.1\r\nHost: t\r\n", 408),
      ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc", 408),
    ]
    for (bytes, status) in cases {
      let responses = try rawResponses(bytes)
      XCTAssertEqual(responses.map(\.status), [status], bytes.prefix(60).debugDescription)
      if let response = responses.first {
        assertFields(response.headers, "\(status)")
        XCTAssertEqual(response.headers["Connection"], "close")
      }
    }
  }

  func testInterimContinueCarriesTheFields() throws {
    server = try startTestServer { $0.responseHeaders = Self.fields }
    let client = try TestClient(port: server.boundPort)
    try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
    let interim = try client.readResponse()
    XCTAssertEqual(interim.status, 100)
    assertFields(interim.headers, "100")
    XCTAssertNil(interim.headers["Content-Length"])
    try client.send("hello")
    let final = try client.readResponse()
    XCTAssertEqual(final.text, "hello")
    assertFields(final.headers, "after 100")
  }

  func testRefusalPastTheConnectionLimitCarriesTheFields() throws {
    server = try startTestServer {
      $0.responseHeaders = Self.fields
      $0.maxConnections = 1
    }
    let held = try TestClient(port: server.boundPort)
    XCTAssertEqual(try held.request("GET", "/").status, 200)
    let refused = try TestClient(port: server.boundPort)
    let responses = try splitResponses(readUntilEnd(refused).bytes)
    XCTAssertEqual(responses.map(\.status), [503])
    if let response = responses.first { assertFields(response.headers, "503") }
  }

  func testErrorPageHookAnswersGetTheFieldsToo() throws {
    server = try startTestServer {
      $0.responseHeaders = Self.fields
      $0.errorPage = { status, _, _ in .html("<p>\(status.code)</p>", status: status) }
    }
    let responses = try rawResponses("GET / HTTP/1.1\r\n\r\n")
    XCTAssertEqual(responses.map(\.status), [400])
    XCTAssertEqual(responses.first.map { String(decoding: $0.body, as: UTF8.self) }, "<p>400</p>")
    if let response = responses.first { assertFields(response.headers, "errorPage 400") }
  }

  func testNoFieldsAreAddedByDefault() throws {
    server = try startTestServer()
    let responses = try rawResponses("GET / HTTP/1.1\r\n\r\n")
    XCTAssertEqual(responses.map(\.status), [400])
    for field in Self.fields { XCTAssertNil(responses.first?.headers[field.name], field.name) }
  }
}
