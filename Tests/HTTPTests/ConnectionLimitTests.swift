import CEpoll
import Glibc
import XCTest

@testable import HTTP

/// `ServerConfiguration.maxConnections`: past it a connection gets 503 at once and is closed; the held ones keep
/// working, and once they go new connections are served again.
final class ConnectionLimitTests: XCTestCase {
  var server: HTTPServer!

  override func tearDown() {
    server?.shutdown()
    server?.wait()
    server = nil
  }

  func testConnectionsPastTheLimitGet503AndTheServerRecovers() throws {
    let limit = 50
    let counter = Counter()
    server = try startTestServer(counter: counter) { $0.maxConnections = limit }
    XCTAssertEqual(server.connectionLimit, limit)
    let port = server.boundPort
    var held: [TestClient] = []
    for index in 0..<limit {
      let client = try TestClient(port: port)
      XCTAssertEqual(try client.request("GET", "/echo?\(index)").headers["X-Target"], "/echo?\(index)")
      held.append(client)
    }
    XCTAssertEqual(server.openConnections, limit)
    let handledWhileFull = counter.count

    // Refused without a request sent: the 503 arrives on its own, then the close.
    for _ in 0..<20 {
      let refused = try TestClient(port: port, timeoutSeconds: 3)
      let (bytes, ending) = readUntilEnd(refused)
      XCTAssertEqual(ending, .closed)
      let responses = try splitResponses(bytes)
      XCTAssertEqual(responses.map(\.status), [503])
      guard let response = responses.first else { continue }
      XCTAssertEqual(response.headers["Connection"], "close")
      XCTAssertNotNil(response.headers["Retry-After"].flatMap { Int($0) })
      XCTAssertLessThan(response.body.count, 200)
      XCTAssertGreaterThan(response.body.count, 0)
    }
    // Refused with a request already sent: the request is never executed; the client sees the 503 or, when its
    // bytes arrive after the server closed, a reset.
    var answered503 = 0
    for index in 0..<20 {
      let refused = try TestClient(port: port, timeoutSeconds: 3)
      try? refused.send("GET /echo?refused-\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
      let (bytes, ending) = readUntilEnd(refused)
      XCTAssertNotEqual(ending, .timedOut)
      let statuses = try splitResponses(bytes).map(\.status)
      XCTAssertTrue(statuses == [503] || statuses.isEmpty, "\(statuses)")
      if statuses == [503] { answered503 += 1 }
    }
    print("connection limit: \(answered503) of 20 refused clients that sent a request first read the 503")
    XCTAssertGreaterThan(answered503, 0)
    XCTAssertEqual(counter.count, handledWhileFull, "no refused connection's request ran")
    XCTAssertEqual(server.openConnections, limit, "refusals are not counted as open")

    for (index, client) in held.enumerated() {
      XCTAssertEqual(
        try client.request("GET", "/echo?again-\(index)").status, 200, "held connection \(index)")
    }

    held.removeAll()
    XCTAssertEqual(waitForOpenConnections(server, atMost: 0, seconds: 3), 0)
    var fresh: [TestClient] = []
    for index in 0..<limit {
      let client = try TestClient(port: port)
      XCTAssertEqual(
        try client.request("GET", "/echo?fresh-\(index)").status, 200, "fresh connection \(index)")
      fresh.append(client)
    }
    let overflow = try TestClient(port: port, timeoutSeconds: 3)
    XCTAssertEqual(
      try splitResponses(readUntilEnd(overflow).bytes).map(\.status), [503], "the limit still holds")
  }

  func testSilentConnectionsHoldPlacesOnlyUntilTheHeaderTimeout() throws {
    server = try startTestServer {
      $0.maxConnections = 20
      $0.headerTimeout = .milliseconds(500)
      $0.idleTimeout = .seconds(60)
    }
    let port = server.boundPort
    let keptAlive = try TestClient(port: port)
    XCTAssertEqual(try keptAlive.request("GET", "/").status, 200)
    var silent: [TestClient] = []
    for _ in 0..<19 { silent.append(try TestClient(port: port, timeoutSeconds: 5)) }
    let deadline = MonotonicClock.milliseconds() + 2000
    while server.openConnections < 20 && MonotonicClock.milliseconds() < deadline { usleep(10_000) }
    XCTAssertEqual(server.openConnections, 20, "every place is taken")
    let refused = try TestClient(port: port, timeoutSeconds: 3)
    XCTAssertEqual(try splitResponses(readUntilEnd(refused).bytes).map(\.status), [503])
    let started = MonotonicClock.milliseconds()
    for (index, client) in silent.enumerated() {
      let (bytes, ending) = readUntilEnd(client)
      XCTAssertEqual(ending, .closed, "silent connection \(index)")
      XCTAssertTrue(bytes.isEmpty, "silent connection \(index) is closed without an answer")
    }
    let waited = MonotonicClock.milliseconds() - started
    XCTAssertLessThan(waited, 3000, "closed at the header timeout, not the 60 s idle timeout")
    XCTAssertEqual(
      try keptAlive.request("GET", "/").status, 200, "a kept-alive connection waits its idle timeout")
    let fresh = try TestClient(port: port)
    XCTAssertEqual(try fresh.request("GET", "/").status, 200, "the places are free again")
  }

  func testDefaultLimitLeavesAReserveAndHoldsTheBenchmarksIdleConnections() throws {
    XCTAssertEqual(ServerConfiguration.defaultMaxConnections(descriptorLimit: 20_000), 17_500)
    XCTAssertEqual(ServerConfiguration.defaultMaxConnections(descriptorLimit: 1024), 896)
    XCTAssertEqual(ServerConfiguration.defaultMaxConnections(descriptorLimit: 100), 1)
    server = try startTestServer()
    let descriptors = cepoll_raise_fd_limit()
    XCTAssertEqual(
      server.connectionLimit, ServerConfiguration.defaultMaxConnections(descriptorLimit: descriptors))
    if descriptors >= 12_000 {
      XCTAssertGreaterThan(server.connectionLimit, 10_000, "Benchmarks/http.sh holds 10,000 idle connections")
    }
  }
}
