import Glibc
import XCTest

@testable import HTTP

/// Many connections sending random bytes, some after a valid request line or a whole valid head: the server answers
/// a rejection or closes, never hangs, never crashes, and serves a normal client right after.
final class RandomBytesTests: XCTestCase {
  var server: HTTPServer!

  override func tearDown() {
    server?.shutdown()
    server?.wait()
    server = nil
  }

  /// Starts of a connection's bytes: nothing, a request line, part of a head, a head whose body is random, a
  /// whole request.
  static let prefixes: [String] = [
    "",
    "GET / HTTP/1.1\r\n",
    "GET / HTTP/1.1\r\nHost: t\r\n",
    "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n",
    "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 40\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: t\r\n\r\n",
  ]

  /// Pieces that make random input look enough like HTTP to reach deeper parser states.
  static let words: [String] = [
    "GET ", "POST ", " HTTP/1.1", "HTTP/1.0", "\r\n", "\r\n\r\n", "\n", "\r", ": ", "Host: t",
    "Content-Length: ",
    "Transfer-Encoding: chunked", "0\r\n\r\n", "ffffffffffffffff", ";ext=", "\t", " ", "/", "?a=b", "%00",
    "\u{0}",
    "Expect: 100-continue", ",", "chunked", "9", "-1",
  ]

  enum Finish: CaseIterable {
    case keepOpen
    case halfClose
    case closeAtOnce
  }

  func randomBytes(_ generator: inout SplitMix) -> [UInt8] {
    let length = Int(generator.next() % 1500) + 1
    if generator.next() % 2 == 0 {
      return (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }
    var bytes: [UInt8] = []
    while bytes.count < length {
      if generator.next() % 3 == 0 {
        bytes.append(UInt8(truncatingIfNeeded: generator.next()))
      } else {
        bytes += Self.words[Int(generator.next() % UInt64(Self.words.count))].utf8
      }
    }
    return bytes
  }

  func testRandomBytesAreRejectedOrClosedAndTheServerKeepsServing() throws {
    let seed = hostileSeed("random bytes")
    var generator = SplitMix(seed: seed)
    let counter = Counter()
    server = try startTestServer(counter: counter) {
      $0.headerTimeout = .milliseconds(500)
      $0.bodyTimeout = .milliseconds(500)
      $0.maxBodySize = 64 * 1024
    }
    var tally: [String: Int] = [:]
    var connections = 0
    for batch in 0..<12 {
      var open: [(client: TestClient, label: String)] = []
      for slot in 0..<40 {
        let client = try TestClient(port: server.boundPort, timeoutSeconds: 3)
        let prefix = Self.prefixes[Int(generator.next() % UInt64(Self.prefixes.count))]
        let bytes = Array(prefix.utf8) + randomBytes(&generator)
        let finish = Finish.allCases[Int(generator.next() % 3)]
        try? client.send(bytes)
        connections += 1
        let label = "seed \(seed) batch \(batch) slot \(slot) (\(bytes.count) bytes, \(finish))"
        switch finish {
        case .closeAtOnce: continue
        case .halfClose: halfClose(client)
        case .keepOpen: break
        }
        open.append((client, label))
      }
      for (client, label) in open {
        let (received, ending) = readUntilEnd(client)
        XCTAssertNotEqual(ending, .timedOut, "\(label): the server neither answered nor closed")
        let responses: [SeenResponse]
        do {
          responses = try splitResponses(received)
        } catch {
          XCTFail("\(label): \(error)")
          continue
        }
        for (index, response) in responses.enumerated() {
          tally["\(response.status)", default: 0] += 1
          // 200 and 100 for what happens to form a whole request (the prefixes, or random words), no other status.
          let allowed =
            serverRejectionStatuses.contains(response.status) || [100, 200].contains(response.status)
          XCTAssertTrue(allowed, "\(label): response \(index) is \(response.status)")
        }
        if let last = responses.last, last.status >= 400 {
          XCTAssertEqual(last.headers["Connection"], "close", "\(label): a rejection closes")
        }
        if responses.isEmpty { tally["no answer, closed", default: 0] += 1 }
      }
    }
    print("random bytes: \(connections) connections, answers \(tally.sorted { $0.key < $1.key })")
    XCTAssertEqual(
      waitForOpenConnections(server, atMost: 0, seconds: 3), 0,
      "seed \(seed): every hostile connection was closed")
    let client = try TestClient(port: server.boundPort)
    XCTAssertEqual(try client.request("GET", "/").text, "ok", "seed \(seed)")
    XCTAssertEqual(try client.request("POST", "/echo", body: "after").text, "after", "seed \(seed)")
  }
}
