import XCTest

@testable import HTTP

final class CoreTypesTests: XCTestCase {
  func testMethodIsCaseSensitiveToken() {
    XCTAssertEqual(HTTPMethod("GET"), .get)
    XCTAssertNotEqual(HTTPMethod("get"), .get)
    let literal: HTTPMethod = "PROPFIND"
    XCTAssertEqual(literal.rawValue, "PROPFIND")
    XCTAssertEqual("\(HTTPMethod.patch)", "PATCH")
  }

  func testStatusCodesAndEquality() {
    XCTAssertEqual(HTTPStatus.payloadTooLarge.code, 413)
    XCTAssertEqual(HTTPStatus.uriTooLong.code, 414)
    XCTAssertEqual(HTTPStatus.unprocessableContent.code, 422)
    XCTAssertEqual(HTTPStatus.requestHeaderFieldsTooLarge.code, 431)
    XCTAssertEqual(HTTPStatus.httpVersionNotSupported.code, 505)
    XCTAssertEqual(HTTPStatus(code: 404), .notFound)
    XCTAssertEqual(HTTPStatus(code: 404).reasonPhrase, "Not Found")
    XCTAssertEqual(HTTPStatus(code: 200, reasonPhrase: "Fine"), .ok)
    XCTAssertEqual(HTTPStatus(code: 599).reasonPhrase, "")
    XCTAssertFalse(HTTPStatus.notModified.allowsBody)
    XCTAssertTrue(HTTPStatus.notFound.allowsBody)
  }

  func testRequestDerivesPathAndQuery() {
    let cases: [(String, String, String?)] = [
      ("/a/b?x=1&y", "/a/b", "x=1&y"),
      ("/a%20b", "/a%20b", nil),
      ("/?", "/", ""),
      ("*", "*", nil),
      ("http://example.com:8080/p/q?z", "/p/q", "z"),
      ("http://example.com", "/", nil),
      ("http://example.com?k=v", "/", "k=v"),
    ]
    for (target, path, query) in cases {
      let request = Request(method: .get, target: target)
      XCTAssertEqual(request.path, path, target)
      XCTAssertEqual(request.query, query, target)
      XCTAssertEqual(request.target, target)
    }
  }

  func testKeepAlive() {
    XCTAssertTrue(Request(method: .get, target: "/").keepAlive)
    XCTAssertFalse(Request(method: .get, target: "/", headers: ["Connection": "close"]).keepAlive)
    XCTAssertFalse(Request(method: .get, target: "/", version: .http1_0).keepAlive)
    XCTAssertTrue(
      Request(method: .get, target: "/", version: .http1_0, headers: ["connection": "Keep-Alive"]).keepAlive)
  }

  func testResponseFactories() {
    let text = Response.text("hej ø", status: .created)
    XCTAssertEqual(text.status, .created)
    XCTAssertEqual(text.headers["content-type"], "text/plain; charset=utf-8")
    guard case .bytes(let bytes) = text.body else { return XCTFail("expected bytes") }
    XCTAssertEqual(bytes, Array("hej ø".utf8))
    XCTAssertEqual(Response.html("<p>").headers["Content-Type"], "text/html; charset=utf-8")
  }

  func testChunkStreamYieldsInOrderThenNil() throws {
    let stream = ResponseStream(chunks: [[1], [2, 3]])
    XCTAssertEqual(try stream.next(), [1])
    XCTAssertEqual(try stream.next(), [2, 3])
    XCTAssertNil(try stream.next())
  }

  func testClosureResponder() throws {
    let responder = ClosureResponder { .text($0.path) }
    let response = try responder.respond(to: Request(method: .get, target: "/x?y"))
    guard case .bytes(let bytes) = response.body else { return XCTFail("expected bytes") }
    XCTAssertEqual(bytes, Array("/x".utf8))
  }

  func testConfigurationDefaults() {
    let configuration = ServerConfiguration()
    XCTAssertEqual(configuration.host, "127.0.0.1")
    XCTAssertEqual(configuration.port, 8080)
    XCTAssertGreaterThanOrEqual(configuration.eventLoops, 1)
    XCTAssertEqual(configuration.maxRequestLine, 8192)
    XCTAssertEqual(configuration.maxHeaderBytes, 32768)
    XCTAssertEqual(configuration.maxHeaderCount, 100)
    XCTAssertEqual(configuration.maxBodySize, 10_485_760)
    XCTAssertEqual(configuration.headerTimeout, .seconds(10))
    XCTAssertEqual(configuration.idleTimeout, .seconds(60))
    XCTAssertEqual(configuration.writeTimeout, .seconds(30))
    XCTAssertEqual(configuration.headerTimeout.milliseconds, 10_000)
    XCTAssertEqual(Duration.milliseconds(250).milliseconds, 250)
    XCTAssertTrue(configuration.accessLog)
    XCTAssertNil(configuration.errorPage)
  }
}
