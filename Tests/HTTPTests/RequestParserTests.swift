import XCTest

@testable import HTTP

final class RequestParserTests: XCTestCase {
  func testConfiguredLimitsMapToStatuses() {
    let limits = RequestParser.Limits(
      maxRequestLine: 20, maxHeaderBytes: 40, maxHeaderCount: 2, maxBodySize: 5)
    let cases: [(String, Int)] = [
      ("GET /aaaaaaaaaaaaaaaaaaaaaaaaa HTTP/1.1\r\n", 414),
      ("GET / HTTP/1.1\r\nHost: a\r\nX-Long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n", 431),
      ("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n", 431),
      ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n", 413),
      ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\n", 413),
    ]
    for (text, status) in cases {
      for piece in [1, 7, text.utf8.count] {
        let run = ParserRun(Array(text.utf8), pieceSize: piece, limits: limits)
        XCTAssertEqual(run.end, .failed(status: status), "\(text) in pieces of \(piece)")
      }
    }
    let fits = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nabcde"
    XCTAssertEqual(
      ParserRun(Array(fits.utf8), pieceSize: 1, limits: limits).requests.first?.body, Array("abcde".utf8))
  }

  func testExpectContinueIsVisibleWhileTheBodyIsAwaited() {
    var parser = RequestParser()
    let head = Array("PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n".utf8)
    var position = 0
    let outcome = head.withUnsafeBufferPointer { parser.parse($0, &position) }
    guard case .needMore = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(position, head.count)
    XCTAssertTrue(parser.isReadingBody)
    XCTAssertTrue(parser.expectsContinue)
    let body: [UInt8] = Array("hi".utf8)
    position = 0
    guard case .request(let request) = body.withUnsafeBufferPointer({ parser.parse($0, &position) }) else {
      return XCTFail("no request")
    }
    XCTAssertEqual(request.body, body)
    XCTAssertFalse(parser.expectsContinue, "state resets for the next request")
  }

  func testPathQueryAndTrailersOfParsedRequest() {
    let text =
      "POST http://h.example:8/p/a%20th?q=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "2;x=\"y\"\r\nhi\r\n0\r\nX-Sum: 1\r\n\r\n"
    let run = ParserRun(Array(text.utf8), pieceSize: 3)
    guard let request = run.parsed.first else { return XCTFail("\(run.end)") }
    XCTAssertEqual(request.path, "/p/a%20th")
    XCTAssertEqual(request.query, "q=1")
    XCTAssertEqual(request.body, Array("hi".utf8))
    XCTAssertEqual(request.trailers["x-sum"], "1")
  }

  func testObsTextIsKeptAsLatin1WhenNotUTF8() {
    let bytes: [UInt8] =
      Array("GET / HTTP/1.1\r\nHost: a\r\nX: ".utf8) + [0xFF, 0x41] + Array("\r\n\r\n".utf8)
    let run = ParserRun(bytes, pieceSize: 1)
    XCTAssertEqual(run.parsed.first?.headers["X"]?.unicodeScalars.map(\.value), [0xFF, 0x41])
  }
}
