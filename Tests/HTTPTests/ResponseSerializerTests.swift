import Foundation
import XCTest

@testable import HTTP

final class ResponseSerializerTests: XCTestCase {
  let date = Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)

  func serialize(
    _ response: Response, method: HTTPMethod = .get, version: HTTPVersion = .http1_1, keepAlive: Bool = true,
    defaults: HTTPHeaders = [:]
  )
    -> (text: String, keepAlive: Bool, streaming: Bool)
  {
    var out: [UInt8] = []
    var keep = keepAlive
    let stream = ResponseSerializer.serialize(
      response, method: method, version: version, keepAlive: &keep, date: date,
      defaults: DefaultHeaderFields(defaults), into: &out)
    return (String(decoding: out, as: UTF8.self), keep, stream != nil)
  }

  func testBytesBodyHasLengthDateAndNoConnectionHeaderOn11() {
    let result = serialize(.text("hej"))
    XCTAssertEqual(
      result.text,
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
        + "Content-Length: 3\r\n\r\nhej")
    XCTAssertTrue(result.keepAlive)
  }

  func testDefaultFieldsFollowTheResponsesOwnUnlessItHasThem() {
    let defaults: HTTPHeaders = [
      "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin", "x-frame-options": "SAMEORIGIN",
      "Date": "Thu, 01 Jan 1970 00:00:00 GMT", "Content-Length": "9", "Connection": "close",
      "X-Note": "a\r\nSet-Cookie: b",
    ]
    let plain = serialize(.text("hej"), defaults: defaults).text
    XCTAssertEqual(
      plain,
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nX-Frame-Options: DENY\r\n"
        + "Referrer-Policy: same-origin\r\nX-Note: a  Set-Cookie: b\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
        + "Content-Length: 3\r\n\r\nhej",
      "one field per name (the first), none of the fields the server writes itself, CR LF neutralised")

    var own = Response.text("hej")
    own.headers.add(name: "referrer-policy", value: "no-referrer")
    let kept = serialize(own, defaults: defaults).text
    XCTAssertTrue(kept.contains("referrer-policy: no-referrer\r\n"), kept)
    XCTAssertFalse(kept.contains("same-origin"), "a field the response has is not added again: \(kept)")
    XCTAssertTrue(kept.contains("X-Frame-Options: DENY\r\nX-Note: a  Set-Cookie: b\r\n"), kept)
  }

  func testHeadKeepsLengthWithoutBody() {
    let result = serialize(.text("hej"), method: .head)
    XCTAssertTrue(result.text.hasSuffix("Content-Length: 3\r\n\r\n"))
  }

  func testNoBodyStatusesCarryNoLength() {
    for status in [HTTPStatus.noContent, .notModified] {
      let result = serialize(Response(status: status, body: .bytes([1, 2])))
      XCTAssertFalse(result.text.contains("Content-Length"), "\(status)")
      XCTAssertTrue(result.text.hasSuffix("\r\n\r\n"))
    }
  }

  func testStreamFraming() {
    let stream = ResponseStream(chunks: [[1]])
    XCTAssertTrue(serialize(Response(body: .stream(stream))).text.contains("Transfer-Encoding: chunked"))
    let old = serialize(Response(body: .stream(stream)), version: .http1_0)
    XCTAssertFalse(old.keepAlive)
    XCTAssertTrue(old.text.contains("Connection: close"))
    let sized = serialize(Response(headers: ["Content-Length": "1"], body: .stream(stream)))
    XCTAssertTrue(sized.text.contains("Content-Length: 1\r\n"))
    XCTAssertFalse(sized.text.contains("chunked"))
    let head = serialize(Response(body: .stream(stream)), method: .head)
    XCTAssertFalse(head.streaming, "HEAD never pulls the stream")
  }

  func testConnectionHeaders() {
    XCTAssertTrue(serialize(.text("x"), version: .http1_0).text.contains("Connection: keep-alive\r\n"))
    let closing = serialize(.text("x"), keepAlive: false)
    XCTAssertTrue(closing.text.contains("Connection: close\r\n"))
    let appClose = serialize(Response(headers: ["Connection": "close"]))
    XCTAssertFalse(appClose.keepAlive)
    XCTAssertEqual(appClose.text.components(separatedBy: "Connection:").count, 2, "one Connection header")
  }

  func testHeaderInjectionIsNeutralised() {
    let result = serialize(Response(headers: ["X-Evil": "a\r\nSet-Cookie: x=1"]))
    XCTAssertTrue(result.text.contains("X-Evil: a  Set-Cookie: x=1\r\n"))
    // In names too, with NUL, and in text that came through NSString.
    let bridged = NSString(string: "b\u{0}\nX-Injected: 1æ") as String
    let more = serialize(
      Response(headers: ["X-Name\r\nX-Other": "ok", "X-Bridged": bridged, "X-Æ": "\nø\r"]))
    XCTAssertTrue(more.text.contains("X-Name  X-Other: ok\r\n"), more.text)
    XCTAssertTrue(more.text.contains("X-Bridged: b  X-Injected: 1æ\r\n"), more.text)
    XCTAssertTrue(more.text.contains("X-Æ:  ø \r\n"), more.text)
    XCTAssertFalse(more.text.contains("\nX-Injected"))
  }

  func testChunkAndNumberEncoding() {
    var out: [UInt8] = []
    ResponseSerializer.appendChunk([UInt8](repeating: 0x61, count: 300), to: &out)
    XCTAssertTrue(String(decoding: out, as: UTF8.self).hasPrefix("12c\r\naaa"))
    for value in [0, 7, 10, 99, 12_345, Int(Int32.max), Int.max] {
      var digits: [UInt8] = []
      ResponseSerializer.appendNumber(value, to: &digits)
      XCTAssertEqual(String(decoding: digits, as: UTF8.self), String(value))
    }
  }

  func testEntityTagListParsingAndWeakComparison() {
    XCTAssertEqual(ConditionalRequest.entityTags(in: "\"a,b\", W/\"c\" ,*"), ["\"a,b\"", "W/\"c\"", "*"])
    XCTAssertTrue(ConditionalRequest.listMatches("\"x\", W/\"a,b\"", "\"a,b\""))
    XCTAssertTrue(ConditionalRequest.listMatches("\"v\"", "W/\"v\""))
    XCTAssertFalse(ConditionalRequest.listMatches("\"v2\"", "\"v\""))
  }

  func testAccessLogLine() {
    var log = AccessLog(enabled: true)
    log.record(
      wallSecond: 784_111_777, method: "GET", target: "/a?b", status: 404, bytes: 12, microseconds: 56)
    log.record(wallSecond: 784_111_777, method: "GET", target: "/s", status: 200, bytes: nil, microseconds: 7)
    XCTAssertEqual(
      log.pendingText, "1994-11-06T08:49:37Z GET /a?b 404 12 56us\n1994-11-06T08:49:37Z GET /s 200 - 7us\n")
  }
}
