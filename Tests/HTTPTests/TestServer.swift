import Glibc
import XCTest

@testable import HTTP

/// Counts handled requests across loop threads.
final class Counter: Sendable {
  private let value = Locked(0)
  func increment() { value.withLock { $0 += 1 } }
  var count: Int { value.withLock { $0 } }
}

/// Starts an in-process server on an ephemeral port with routes the socket tests use.
func startTestServer(
  host: String = "127.0.0.1", counter: Counter = Counter(),
  _ adjust: (inout ServerConfiguration) -> Void = { _ in }
) throws -> HTTPServer {
  var configuration = ServerConfiguration(host: host, port: 0)
  configuration.eventLoops = 2
  configuration.accessLog = false
  adjust(&configuration)
  let server = HTTPServer(
    configuration: configuration,
    responder: ClosureResponder { request in
      counter.increment()
      return try testRoute(request)
    })
  try server.start()
  return server
}

/// What `/pattern?count-seed` answers.
func patternBytes(count: Int, seed: Int) -> [UInt8] {
  (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31 &+ seed &* 7 &+ $0 / 251) % 251) }
}

struct SecretFailure: Error, CustomStringConvertible {
  var description: String { "secret-internal-detail" }
}

func testRoute(_ request: Request) throws -> Response {
  let query = request.query ?? ""
  switch request.path {
  case "/echo":
    var response = Response(body: .bytes(request.body))
    response.headers.add(name: "X-Method", value: request.method.rawValue)
    response.headers.add(name: "X-Target", value: request.target)
    return response
  case "/big":
    return Response(body: .bytes([UInt8](repeating: UInt8(ascii: "b"), count: Int(query) ?? 1000)))
  case "/pattern":  // "?count-seed": bytes that differ with their place and the seed
    let parts = query.split(separator: "-").compactMap { Int($0) }
    return Response(body: .bytes(patternBytes(count: parts.first ?? 0, seed: parts.last ?? 0)))
  case "/slow":
    usleep(UInt32(Int(query) ?? 200) * 1000)
    return .text("slow done")
  case "/stream":
    let chunks = (0..<(Int(query) ?? 5)).map { Array("part \($0);".utf8) }
    return Response(
      headers: ["Content-Type": "text/plain"], body: .stream(ResponseStream(chunks: chunks + [[]])))
  case "/trickle":
    // Yields "nothing yet" until 300 ms have passed, then one chunk.
    let start = MonotonicClock.milliseconds()
    let done = Locked(false)
    return Response(
      body: .stream(
        ResponseStream {
          if MonotonicClock.milliseconds() - start < 300 { return [] }
          return done.withLock { finished in
            defer { finished = true }
            return finished ? nil : Array("late".utf8)
          }
        }))
  case "/etag":
    return Response(
      headers: [
        "ETag": "\"v1\"", "Last-Modified": "Sun, 06 Nov 1994 08:49:37 GMT", "Cache-Control": "max-age=60",
        "Content-Type": "text/plain",
      ], body: .bytes(Array("tagged".utf8)))
  case "/who":
    return .text("\(request.eventLoopIndex) \(request.remoteAddress)")
  case "/http-error":
    throw HTTPError(.methodNotAllowed, "only GET here", headers: ["Allow": "GET"])
  case "/throw":
    throw SecretFailure()
  case "/close":
    return Response(headers: ["Connection": "close"], body: .bytes(Array("bye".utf8)))
  default:
    return .text("ok")
  }
}
