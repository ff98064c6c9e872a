import Glibc
import XCTest

@testable import HTTP

/// Request smuggling over real sockets: each attack hides `GET /smuggled` where a lenient or differently-reading
/// parser would run it as a request of its own. A route counts every path it sees; the hidden request must never
/// run, on the same connection or through a pipelined follow-up: the server rejects and closes, or reads the hidden
/// bytes as the body they are.
final class SmugglingSocketTests: XCTestCase {
  var server: HTTPServer!

  override func tearDown() {
    server?.shutdown()
    server?.wait()
    server = nil
  }

  enum Outcome {
    /// A rejection (4xx/5xx), then the close: nothing after it is read.
    case reject
    /// One request whose body holds the hidden bytes.
    case body
  }

  static let hidden = "GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n"
  static let followUp = "GET /after HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"

  static func post(_ fields: [String], _ body: String, line: String = "POST /echo HTTP/1.1") -> String {
    ([line, "Host: t"] + fields).map { $0 + "\r\n" }.joined() + "\r\n" + body
  }

  static var cases: [(name: String, payload: String, outcome: Outcome)] {
    let hidden = Self.hidden
    let size = hidden.utf8.count
    let hex = String(size, radix: 16)
    /// Chunked, the hidden request inside a chunk: a reader going by Content-Length sees it after the body.
    let inChunk = "\(hex)\r\n\(hidden)\r\n0\r\n\r\n"
    /// An empty chunked body, then the hidden request: a reader going by Content-Length sees it inside the body.
    let afterChunked = "0\r\n\r\n\(hidden)"
    let afterHello = "hello\(hidden)"
    var cases: [(String, String, Outcome)] = [
      ("CL.TE", post(["Content-Length: \(5 + size)", "Transfer-Encoding: chunked"], afterChunked), .reject),
      ("TE.CL", post(["Transfer-Encoding: chunked", "Content-Length: 4"], inChunk), .reject),
      (
        "TE.TE duplicate lines",
        post(["Transfer-Encoding: chunked", "Transfer-Encoding: identity"], afterChunked), .reject
      ),
      (
        "TE.TE identity first",
        post(["Transfer-Encoding: identity", "Transfer-Encoding: chunked"], afterChunked), .reject
      ),
      ("TE with space before colon", post(["Transfer-Encoding : chunked"], afterChunked), .reject),
      ("TE name with NUL", post(["Transfer-Encoding\u{0}: chunked"], afterChunked), .reject),
      ("TE value with NUL", post(["Transfer-Encoding: chunked\u{0}"], afterChunked), .reject),
      ("TE value with vertical tab", post(["Transfer-Encoding: chunked\u{0B}"], afterChunked), .reject),
      ("TE by obs-fold", post(["Transfer-Encoding: identity", " chunked"], afterChunked), .reject),
      ("CL by obs-fold", post(["Content-Length: 5", " \(5 + size)"], afterHello), .reject),
      ("two differing CL", post(["Content-Length: 5", "Content-Length: \(5 + size)"], afterHello), .reject),
      (
        "two differing CL, long first",
        post(["Content-Length: \(5 + size)", "Content-Length: 5"], afterHello), .reject
      ),
      ("CL list differing", post(["Content-Length: 5, \(5 + size)"], afterHello), .reject),
      ("CL list identical", post(["Content-Length: \(5 + size), \(5 + size)"], afterHello), .body),
      ("CL with leading zeros", post(["Content-Length: 000\(5 + size)"], afterHello), .body),
      ("CL with plus sign", post(["Content-Length: +5"], afterHello), .reject),
      ("CL negative", post(["Content-Length: -5"], afterHello), .reject),
      ("CL with inner space", post(["Content-Length: 5 \(size)"], afterHello), .reject),
      ("CL hexadecimal", post(["Content-Length: 0x5"], afterHello), .reject),
      ("CL decimal point", post(["Content-Length: 5.0"], afterHello), .reject),
      ("CL overflowing 64 bits to 5", post(["Content-Length: 18446744073709551621"], afterHello), .reject),
      ("CL empty", post(["Content-Length: "], hidden), .reject),
      ("bare LF line ends", "POST /echo HTTP/1.1\nHost: t\nContent-Length: 5\n\n\(afterHello)", .reject),
      (
        "bare LF ending the head", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\n\r\n\(afterHello)",
        .reject
      ),
      (
        "bare LF hiding TE",
        post(["X-A: a\nTransfer-Encoding: chunked", "Content-Length: \(5 + size)"], afterChunked), .reject
      ),
      ("bare CR hiding CL", post(["X-A: a\rContent-Length: 5"], afterHello), .reject),
      ("bare CR in the request line", "GET /a HTTP/1.1\r\(hidden)", .reject),
      ("NUL in a field value", post(["X-N: a\u{0}b", "Content-Length: 5"], afterHello), .reject),
      (
        "chunk size overflowing 64 bits to 5",
        post(["Transfer-Encoding: chunked"], "10000000000000005\r\nhello\r\n0\r\n\r\n\(hidden)"), .reject
      ),
      (
        "negative chunk size", post(["Transfer-Encoding: chunked"], "-5\r\nhello\r\n0\r\n\r\n\(hidden)"),
        .reject
      ),
      (
        "hexadecimal prefix in chunk size",
        post(["Transfer-Encoding: chunked"], "0x5\r\nhello\r\n0\r\n\r\n\(hidden)"), .reject
      ),
      (
        "space after chunk size", post(["Transfer-Encoding: chunked"], "5 \r\nhello\r\n0\r\n\r\n\(hidden)"),
        .reject
      ),
      (
        "chunk data longer than its size",
        post(["Transfer-Encoding: chunked"], "3\r\nabc\(hidden)\r\n0\r\n\r\n"), .reject
      ),
      (
        "unterminated quoted chunk extension",
        post(["Transfer-Encoding: chunked"], "5;a=\"x\r\nhello\r\n0\r\n\r\n\(hidden)"), .reject
      ),
      (
        "chunk extension with bare LF",
        post(["Transfer-Encoding: chunked"], "5;a=b\nhello\r\n0\r\n\r\n\(hidden)"), .reject
      ),
      (
        "chunk extension of 5,000 bytes",
        post(
          ["Transfer-Encoding: chunked"],
          "5;\(String(repeating: "a", count: 5000))\r\nhello\r\n0\r\n\r\n\(hidden)"), .reject
      ),
      (
        "chunk extension without name",
        post(["Transfer-Encoding: chunked"], "5;=x\r\nhello\r\n0\r\n\r\n\(hidden)"), .reject
      ),
      ("hidden in a Content-Length body", post(["Content-Length: \(size)"], hidden), .body),
      ("hidden in a chunked body", post(["Transfer-Encoding: chunked"], inChunk), .body),
      (
        "hidden in a chunk with extensions",
        post(["Transfer-Encoding: chunked"], "\(hex);a=b;c=\"d;e\"\r\n\(hidden)\r\n0\r\n\r\n"), .body
      ),
      ("hidden in a GET body", post(["Content-Length: \(size)"], hidden, line: "GET /echo HTTP/1.1"), .body),
      ("HTTP/1.0 chunked", post(["Transfer-Encoding: chunked"], inChunk, line: "POST /echo HTTP/1.0"), .body),
    ]
    // Obfuscated Transfer-Encoding values: with a Content-Length beside them, always rejected; alone, rejected
    // unless the value really is `chunked` (then the hidden request is read as a chunk).
    let obfuscations: [(String, Bool)] = [
      ("chunked, identity", false), ("identity, chunked", false), ("xchunked", false),
      ("chunked-false", false),
      ("chunk", false), ("\"chunked\"", false), ("chunked, chunked", false), (",", false),
      ("identity", false),
      ("\tchunked", true), ("chunked ", true), ("CHUNKED", true), (" , chunked", true),
    ]
    for (value, isChunked) in obfuscations {
      let shown = value.debugDescription
      cases.append(
        (
          "TE \(shown) with CL hiding",
          post(["Transfer-Encoding: \(value)", "Content-Length: \(5 + size)"], afterChunked), .reject
        ))
      cases.append(
        (
          "TE \(shown) with CL exposing",
          post(["Content-Length: 4", "Transfer-Encoding: \(value)"], inChunk), .reject
        ))
      cases.append(
        (
          "TE \(shown) alone", post(["Transfer-Encoding: \(value)"], isChunked ? inChunk : afterChunked),
          isChunked ? .body : .reject
        ))
    }
    return cases
  }

  /// Sends the payload with the follow-up request (`together`: in the same write; else 50 ms later) and checks
  /// what came back against `outcome`; returns the statuses.
  func run(_ name: String, _ payload: String, _ outcome: Outcome, together: Bool, counter: PathCounter) throws
    -> [Int]
  {
    let label = "\(name) (\(together ? "follow-up in the same write" : "follow-up sent later"))"
    let afterBefore = counter.count("/after")
    let client = try TestClient(port: server.boundPort, timeoutSeconds: 4)
    if together {
      try? client.send(payload + Self.followUp)
    } else {
      try? client.send(payload)
      usleep(50_000)
      try? client.send(Self.followUp)
    }
    let (received, ending) = readUntilEnd(client)
    XCTAssertNotEqual(ending, .timedOut, label)
    XCTAssertEqual(counter.count("/smuggled"), 0, "\(label): the hidden request ran")
    let responses: [SeenResponse]
    do {
      responses = try splitResponses(received)
    } catch {
      XCTFail("\(label): \(error)")
      return []
    }
    switch outcome {
    case .reject:
      XCTAssertEqual(responses.count, 1, "\(label): \(responses.map(\.status))")
      if let first = responses.first {
        XCTAssertTrue(serverRejectionStatuses.contains(first.status), "\(label): \(first.status)")
        XCTAssertEqual(first.headers["Connection"], "close", label)
      }
      XCTAssertEqual(counter.count("/after"), afterBefore, "\(label): nothing after a rejection is read")
    case .body:
      guard let first = responses.first else {
        XCTFail("\(label): no answer")
        return []
      }
      XCTAssertEqual(first.status, 200, label)
      XCTAssertEqual(first.headers["X-Path"], "/echo", label)
      XCTAssertTrue(
        String(decoding: first.body, as: UTF8.self).hasSuffix(Self.hidden),
        "\(label): the hidden bytes are the body's")
      for response in responses.dropFirst() {
        XCTAssertEqual(response.headers["X-Path"], "/after", "\(label): only the follow-up comes next")
      }
    }
    return responses.map(\.status)
  }

  func testHiddenRequestsAreNeverExecuted() throws {
    let counter = PathCounter()
    server = try startCountingServer(counter) {
      $0.headerTimeout = .seconds(1)
      $0.bodyTimeout = .seconds(1)
    }
    let cases = Self.cases
    var summary: [String: Int] = [:]
    for (name, payload, outcome) in cases {
      for together in [true, false] {
        let statuses = try run(name, payload, outcome, together: together, counter: counter)
        summary[statuses.map(String.init).joined(separator: "+"), default: 0] += 1
      }
    }
    print("smuggling: \(cases.count) attacks x 2 follow-ups; answers \(summary.sorted { $0.key < $1.key })")
    XCTAssertEqual(counter.count("/smuggled"), 0)
    XCTAssertGreaterThan(counter.count("/echo"), 0, "the body cases did run")
    let client = try TestClient(port: server.boundPort)
    XCTAssertEqual(try client.request("GET", "/").text, "ok")
  }

  /// The check itself can fail: a plainly pipelined hidden request does run.
  func testACountedRequestIsSeen() throws {
    let counter = PathCounter()
    server = try startCountingServer(counter)
    let client = try TestClient(port: server.boundPort)
    try client.send(Self.post(["Content-Length: 5"], "hello\(Self.hidden)"))
    XCTAssertEqual(try client.readResponse().text, "hello")
    XCTAssertEqual(try client.readResponse().headers["X-Path"], "/smuggled")
    XCTAssertEqual(counter.count("/smuggled"), 1)
  }
}
