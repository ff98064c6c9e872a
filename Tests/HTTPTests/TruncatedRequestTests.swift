import Glibc
import XCTest

@testable import HTTP

/// Requests cut at many byte positions, then the client closes or half-closes: no crash, no hang, nothing
/// incomplete executed, and the server keeps serving.
final class TruncatedRequestTests: XCTestCase {
  var server: HTTPServer!

  override func tearDown() {
    server?.shutdown()
    server?.wait()
    server = nil
  }

  /// Messages of our own, with the byte offsets where each of their requests is complete.
  static var ownMessages: [(name: String, bytes: [UInt8], requestEnds: [Int])] {
    func message(_ name: String, _ requests: [String]) -> (String, [UInt8], [Int]) {
      var bytes: [UInt8] = []
      var ends: [Int] = []
      for request in requests {
        bytes += request.utf8
        ends.append(bytes.count)
      }
      return (name, bytes, ends)
    }
    let boundary = "----hostile7"
    let multipart =
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nKvalitetskontrakt\r\n"
      + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
      + "Content-Type: text/csv\r\n\r\nkode;navn\r\n101;København\r\n--\(boundary)--\r\n"
    return [
      message(
        "chunked",
        [
          "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n"
        ]),
      message(
        "multipart",
        [
          "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
            + "Content-Length: \(multipart.utf8.count)\r\n\r\n\(multipart)"
        ]),
      message(
        "pipelined",
        [
          "GET /a HTTP/1.1\r\nHost: t\r\n\r\n",
          "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\nhello world",
          "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
          "GET /d HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        ]),
    ]
  }

  /// Up to `count` cut positions spread over 1..<length, always including the first and last few.
  static func cuts(_ length: Int, count: Int) -> [Int] {
    guard length > 1 else { return [] }
    if length - 1 <= count { return Array(1..<length) }
    var positions = Set([1, 2, 3, length - 3, length - 2, length - 1].filter { $0 > 0 && $0 < length })
    for step in 0..<count { positions.insert(1 + step * (length - 2) / count) }
    return positions.sorted()
  }

  /// Sends `bytes[..<cut]`, half-closes and reads to the end: the server must close by itself, soon.
  func halfClosed(_ bytes: ArraySlice<UInt8>, label: String) -> [SeenResponse]? {
    guard let client = try? TestClient(port: server.boundPort, timeoutSeconds: 3) else {
      XCTFail("\(label): cannot connect")
      return nil
    }
    try? client.send(Array(bytes))
    halfClose(client)
    let (received, ending) = readUntilEnd(client)
    XCTAssertNotEqual(ending, .timedOut, "\(label): the server did not close after the client half-closed")
    do {
      return try splitResponses(received)
    } catch {
      XCTFail("\(label): \(error)")
      return nil
    }
  }

  /// Sends `bytes[..<cut]` and closes at once.
  func closed(_ bytes: ArraySlice<UInt8>) {
    guard let client = try? TestClient(port: server.boundPort, timeoutSeconds: 3) else { return }
    try? client.send(Array(bytes))
  }

  func testOwnRequestsCutEverywhereRunOnlyWhatIsComplete() throws {
    let counter = PathCounter()
    server = try startCountingServer(counter) { $0.headerTimeout = .seconds(10) }
    var connections = 0
    var completeRequests = 0
    for message in Self.ownMessages {
      for cut in 1..<message.bytes.count {
        let label = "\(message.name) cut at \(cut) of \(message.bytes.count), half-closed"
        let complete = message.requestEnds.filter { $0 <= cut }.count
        completeRequests += complete
        let before = counter.total
        guard let responses = halfClosed(message.bytes[..<cut], label: label) else { continue }
        connections += 1
        XCTAssertEqual(
          responses.map(\.status), Array(repeating: 200, count: complete),
          "\(label): exactly the complete requests are answered")
        XCTAssertEqual(counter.total - before, complete, "\(label): nothing incomplete ran")
      }
    }
    // Closed at once: the server may still run what was complete, never more.
    let before = counter.total
    for message in Self.ownMessages {
      for cut in 1..<message.bytes.count {
        closed(message.bytes[..<cut])
        connections += 1
      }
    }
    XCTAssertEqual(waitForOpenConnections(server, atMost: 0, seconds: 3), 0)
    XCTAssertLessThanOrEqual(counter.total - before, completeRequests, "nothing incomplete ran")
    print("truncated own requests: \(connections) connections, \(counter.total) requests run")
    let client = try TestClient(port: server.boundPort)
    XCTAssertEqual(try client.request("POST", "/echo", body: "still here").text, "still here")
  }

  func testCorpusRequestsCutAtManyPositions() throws {
    let counter = PathCounter()
    server = try startCountingServer(counter) {
      $0.headerTimeout = .seconds(10)
      $0.maxBodySize = 1024 * 1024
    }
    let inputs = try corpusInputs()
    XCTAssertGreaterThan(inputs.count, 100)
    var connections = 0
    var statuses: [Int: Int] = [:]
    for input in inputs {
      for cut in Self.cuts(input.bytes.count, count: 24) {
        let label = "\(input.id) cut at \(cut) of \(input.bytes.count)"
        closed(input.bytes[..<cut])
        guard let responses = halfClosed(input.bytes[..<cut], label: label) else { continue }
        connections += 2
        for response in responses {
          statuses[response.status, default: 0] += 1
          XCTAssertTrue(
            response.status == 200 || response.status == 100
              || serverRejectionStatuses.contains(response.status),
            "\(label): \(response.status)")
        }
      }
    }
    print(
      "truncated corpus requests: \(inputs.count) cases, \(connections) connections, answers "
        + "\(statuses.sorted { $0.key < $1.key })")
    XCTAssertEqual(waitForOpenConnections(server, atMost: 0, seconds: 3), 0)
    let client = try TestClient(port: server.boundPort)
    XCTAssertEqual(try client.request("GET", "/after").text, "ok")
  }
}
