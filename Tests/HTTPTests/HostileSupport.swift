import Foundation
import Glibc
import XCTest

@testable import HTTP

/// Requests seen per path, across loop threads: the proof that a hidden request was (never) executed.
final class PathCounter: Sendable {
  private let counts = Locked([String: Int]())

  func record(_ path: String) { counts.withLock { $0[path, default: 0] += 1 } }
  func count(_ path: String) -> Int { counts.withLock { $0[path] ?? 0 } }
  var total: Int { counts.withLock { $0.values.reduce(0, +) } }
}

/// A server whose routes count what they see: `/echo` answers the body it got, everything else "ok". Every answer
/// names the path it ran for in `X-Path`.
func startCountingServer(
  _ counter: PathCounter, _ adjust: (inout ServerConfiguration) -> Void = { _ in }
) throws -> HTTPServer {
  var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
  configuration.eventLoops = 2
  configuration.accessLog = false
  adjust(&configuration)
  let server = HTTPServer(
    configuration: configuration,
    responder: ClosureResponder { request in
      counter.record(request.path)
      var response = request.path == "/echo" ? Response(body: .bytes(request.body)) : .text("ok")
      response.headers.add(name: "X-Path", value: request.path)
      return response
    })
  try server.start()
  return server
}

/// How a connection ended, seen from the client.
enum Ending: Equatable {
  case closed
  case reset
  case timedOut
}

/// Reads from a TestClient's socket until the server closes it (or the client's receive timeout passes).
/// Use it on a client whose `readResponse` was never called (TestClient buffers what that reads).
func readUntilEnd(_ client: TestClient) -> (bytes: [UInt8], ending: Ending) {
  var received: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65_536)
  while true {
    let count = chunk.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress!, $0.count, 0) }
    if count > 0 {
      received.append(contentsOf: chunk[0..<count])
      continue
    }
    if count == 0 { return (received, .closed) }
    if errno == EINTR { continue }
    return (received, errno == ECONNRESET ? .reset : .timedOut)
  }
}

/// One response as a client sees it in a byte stream.
struct SeenResponse {
  var status: Int
  var headers: HTTPHeaders
  var body: [UInt8]
}

/// Splits what a server sent into responses (Content-Length or chunked framing; 1xx and 304 without body; answers
/// to HEAD, all of them or those at the positions in `headAnswers`, without body).
/// Throws on anything that is not a well-formed HTTP/1.1 response, so a test sees a malformed answer.
func splitResponses(_ bytes: [UInt8], head: Bool = false, headAnswers: Set<Int> = []) throws -> [SeenResponse]
{
  var responses: [SeenResponse] = []
  var position = 0
  let separator = Array("\r\n\r\n".utf8)
  func fail(_ why: String) -> HostileFailure {
    HostileFailure(
      description:
        "\(why) at byte \(position): \(String(decoding: bytes[position...].prefix(80), as: UTF8.self))")
  }
  func find(_ needle: [UInt8], from start: Int) -> Int? {
    guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
    return (start...(bytes.count - needle.count)).first {
      bytes[$0..<$0 + needle.count].elementsEqual(needle)
    }
  }
  while position < bytes.count {
    guard let end = find(separator, from: position) else { throw fail("incomplete head") }
    let lines = String(decoding: bytes[position..<end], as: UTF8.self).components(separatedBy: "\r\n")
    let parts = lines[0].split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]), (100..<600).contains(status)
    else { throw fail("bad status line") }
    var headers = HTTPHeaders()
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { throw fail("bad field line \(line)") }
      headers.add(
        name: String(line[..<colon]),
        value: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }
    position = end + 4
    var body: [UInt8] = []
    if status >= 200 && status != 204 && status != 304 && !head && !headAnswers.contains(responses.count) {
      if headers.containsToken("chunked", in: "Transfer-Encoding") {
        while true {
          guard let lineEnd = find(Array("\r\n".utf8), from: position),
            let size = Int(String(decoding: bytes[position..<lineEnd], as: UTF8.self), radix: 16),
            lineEnd + 2 + size + 2 <= bytes.count
          else { throw fail("bad chunk") }
          body += bytes[lineEnd + 2..<lineEnd + 2 + size]
          position = lineEnd + 2 + size + 2
          if size == 0 { break }
        }
      } else if let length = headers["Content-Length"].flatMap({ Int($0) }) {
        guard position + length <= bytes.count else { throw fail("body shorter than Content-Length") }
        body = Array(bytes[position..<position + length])
        position += length
      } else {
        throw fail("response without framing")
      }
    }
    responses.append(SeenResponse(status: status, headers: headers, body: body))
  }
  return responses
}

/// The statuses the server answers on its own when a request cannot be served.
let serverRejectionStatuses: Set<Int> = [400, 408, 413, 414, 431, 501, 505]

/// A seed from `HOSTILE_SEED`, else from the clock; printed so that a failure can be replayed.
func hostileSeed(_ test: String) -> UInt64 {
  let seed =
    ProcessInfo.processInfo.environment["HOSTILE_SEED"].flatMap { UInt64($0) }
    ?? UInt64(MonotonicClock.microseconds()) & 0xFFFF_FFFF
  print("\(test): seed \(seed) (replay with HOSTILE_SEED=\(seed))")
  return seed
}

/// Waits (up to `seconds`) until the server's open-connection count is at most `count`; returns the last count.
func waitForOpenConnections(_ server: HTTPServer, atMost count: Int, seconds: Double) -> Int {
  let deadline = MonotonicClock.milliseconds() + Int64(seconds * 1000)
  while server.openConnections > count && MonotonicClock.milliseconds() < deadline { usleep(20_000) }
  return server.openConnections
}

/// The corpus requests (`../shared/http-cases/cases.json`), as bytes with their ids.
func corpusInputs() throws -> [(id: String, bytes: [UInt8])] {
  let path =
    ProcessInfo.processInfo.environment["HTTP_CASES"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../../shared/http-cases/cases.json"
    ).standardized.path
  let corpus = try JSONDecoder().decode(
    CorpusTests.Corpus.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
  return corpus.cases.compactMap { testCase in
    Data(base64Encoded: testCase.inputB64).map { (testCase.id, [UInt8]($0)) }
  }
}

/// Half-closes the client's sending side (the server reads end-of-stream).
func halfClose(_ client: TestClient) {
  shutdown(client.fd, Int32(SHUT_WR))
}

struct HostileFailure: Error, CustomStringConvertible {
  var description: String
}
