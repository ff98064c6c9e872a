import CEpoll
import Glibc
import XCTest

@testable import HTTP

/// Limits, timeouts, back-pressure, shutdown and descriptor exhaustion over real sockets.
final class ServerLimitTests: XCTestCase {
  var server: HTTPServer!

  override func tearDown() {
    server?.shutdown()
    server?.wait()
    server = nil
  }

  func expectRejection(_ request: [UInt8], status: Int, file: StaticString = #filePath, line: UInt = #line)
    throws
  {
    let client = try TestClient(port: server.boundPort)
    try? client.send(request)
    let reply = try client.readResponse()
    XCTAssertEqual(reply.status, status, file: file, line: line)
    XCTAssertEqual(reply.headers["Connection"], "close", file: file, line: line)
    XCTAssertTrue(client.isClosedWithoutData(), file: file, line: line)
  }

  func testRequestLineLimit() throws {
    server = try startTestServer()
    let target = "/" + String(repeating: "a", count: 9000)
    try expectRejection(Array("GET \(target) HTTP/1.1\r\nHost: t\r\n\r\n".utf8), status: 414)
    let client = try TestClient(port: server.boundPort)
    XCTAssertEqual(try client.request("GET", "/" + String(repeating: "a", count: 8000)).status, 200)
  }

  func testHeaderSectionAndCountLimits() throws {
    server = try startTestServer()
    let big = "X-Big: " + String(repeating: "v", count: 40 * 1024)
    try expectRejection(Array("GET / HTTP/1.1\r\nHost: t\r\n\(big)\r\n\r\n".utf8), status: 431)
    let many = (0..<101).map { "X-F\($0): v\r\n" }.joined()
    try expectRejection(Array("GET / HTTP/1.1\r\nHost: t\r\n\(many)\r\n".utf8), status: 431)
    let client = try TestClient(port: server.boundPort)
    XCTAssertEqual(try client.request("GET", "/", headers: (0..<98).map { "X-F\($0): v" }).status, 200)
  }

  func testBodyLimitFromContentLengthAndChunked() throws {
    server = try startTestServer { $0.maxBodySize = 1000 }
    try expectRejection(
      Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\n".utf8), status: 413)
    let chunk = String(repeating: "c", count: 600)
    let chunked =
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n"
    try expectRejection(Array(chunked.utf8), status: 413)
    let client = try TestClient(port: server.boundPort)
    XCTAssertEqual(
      try client.request("POST", "/echo", body: String(repeating: "x", count: 1000)).body.count, 1000)
  }

  func testHeaderTimeoutAnswers408AndCloses() throws {
    server = try startTestServer { $0.headerTimeout = .milliseconds(300) }
    let client = try TestClient(port: server.boundPort)
    try client.send("GET / HTTP/1.1\r\nHost: t\r\n")
    let started = MonotonicClock.milliseconds()
    let reply = try client.readResponse()
    XCTAssertEqual(reply.status, 408)
    XCTAssertTrue(client.isClosedWithoutData())
    XCTAssertLessThan(MonotonicClock.milliseconds() - started, 3000)
  }

  func testSlowHeaderTrickleStillTimesOut() throws {
    server = try startTestServer { $0.headerTimeout = .milliseconds(400) }
    let client = try TestClient(port: server.boundPort)
    for byte in "GET / HTTP/1.1\r\nHost: t\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8 {
      guard (try? client.send([byte])) != nil else { break }
      usleep(50_000)
    }
    let reply = try? client.readResponse()
    XCTAssertEqual(reply?.status, 408, "a trickling head is cut off at headerTimeout from its first byte")
  }

  func testIdleKeepAliveIsClosedSilently() throws {
    server = try startTestServer { $0.idleTimeout = .milliseconds(300) }
    let client = try TestClient(port: server.boundPort)
    XCTAssertEqual(try client.request("GET", "/").status, 200)
    let started = MonotonicClock.milliseconds()
    XCTAssertTrue(client.isClosedWithoutData())
    let waited = MonotonicClock.milliseconds() - started
    XCTAssertGreaterThanOrEqual(waited, 200)
    XCTAssertLessThan(waited, 3000)
  }

  func testStalledBodyAnswers408() throws {
    server = try startTestServer { $0.bodyTimeout = .milliseconds(300) }
    let client = try TestClient(port: server.boundPort)
    try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
    XCTAssertEqual(try client.readResponse().status, 408)
    XCTAssertTrue(client.isClosedWithoutData())
  }

  func testBodyThatKeepsFlowingIsNotCutOff() throws {
    server = try startTestServer { $0.bodyTimeout = .milliseconds(300) }
    let client = try TestClient(port: server.boundPort)
    try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 8\r\n\r\n")
    for byte in "12345678".utf8 {
      usleep(100_000)
      try client.send([byte])
    }
    XCTAssertEqual(try client.readResponse().text, "12345678")
  }

  func testClientThatNeverReadsDoesNotMakeTheServerBuffer() throws {
    let counter = Counter()
    server = try startTestServer(counter: counter) {
      $0.maxOutputBuffer = 256 * 1024
      $0.writeTimeout = .seconds(30)
    }
    let client = try TestClient(port: server.boundPort)
    var shrink: Int32 = 4096
    setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &shrink, socklen_t(MemoryLayout<Int32>.size))
    let batch = String(repeating: "GET /big?1000000 HTTP/1.1\r\nHost: t\r\n\r\n", count: 100)
    try client.send(batch)
    usleep(500_000)
    XCTAssertLessThan(counter.count, 20, "parsing stops while output is queued")
    XCTAssertGreaterThan(counter.count, 0)
  }

  func testClientThatNeverReadsIsDroppedAfterWriteTimeout() throws {
    server = try startTestServer { $0.writeTimeout = .milliseconds(300) }
    let client = try TestClient(port: server.boundPort)
    var shrink: Int32 = 4096
    setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &shrink, socklen_t(MemoryLayout<Int32>.size))
    let size = 32 * 1024 * 1024
    try client.send("GET /big?\(size) HTTP/1.1\r\nHost: t\r\n\r\n")
    usleep(1_500_000)
    let started = MonotonicClock.milliseconds()
    let received = client.readToEnd()
    XCTAssertLessThan(received.count, size, "the server gave up on the client")
    XCTAssertLessThan(MonotonicClock.milliseconds() - started, 4000, "and reset the connection")
  }

  func testShutdownFinishesInFlightRequestAndRefusesNewConnections() throws {
    server = try startTestServer { $0.shutdownGrace = .seconds(5) }
    let port = server.boundPort
    let inFlight = try TestClient(port: port)
    try inFlight.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nhello")
    let idle = try TestClient(port: port)
    XCTAssertEqual(try idle.request("GET", "/").status, 200)
    usleep(100_000)
    server.shutdown()
    usleep(300_000)
    XCTAssertThrowsError(try TestClient(port: port), "new connections are refused")
    XCTAssertTrue(idle.isClosedWithoutData(), "idle keep-alive connections are closed")
    try inFlight.send("world")
    let reply = try inFlight.readResponse()
    XCTAssertEqual(reply.text, "helloworld")
    XCTAssertEqual(reply.headers["Connection"], "close")
    server.wait()
    server = nil
  }

  func testShutdownGraceBoundsTheWait() throws {
    server = try startTestServer { $0.shutdownGrace = .milliseconds(300) }
    let stuck = try TestClient(port: server.boundPort)
    try stuck.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nhello")
    usleep(100_000)
    let started = MonotonicClock.milliseconds()
    server.shutdown()
    server.wait()
    XCTAssertLessThan(MonotonicClock.milliseconds() - started, 3000)
    XCTAssertTrue(stuck.isClosedWithoutData())
    server = nil
  }

  /// Lowers the descriptor limit so that accept(2) fails with EMFILE, checks that the loops do not spin
  /// while it does, then frees descriptors and checks that waiting clients are served.
  func testSurvivesDescriptorExhaustion() throws {
    server = try startTestServer()
    let port = server.boundPort
    var original = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &original)
    defer { setrlimit(Int32(RLIMIT_NOFILE.rawValue), &original) }
    var probeFd = open("/dev/null", O_RDONLY)
    let highest = probeFd
    close(probeFd)
    _ = cepoll_set_fd_limit(Int(highest) + 40)
    var clients: [TestClient] = []
    while let client = try? TestClient(port: port, timeoutSeconds: 1) { clients.append(client) }
    probeFd = open("/dev/null", O_RDONLY)
    XCTAssertEqual(probeFd, -1, "descriptors are exhausted")
    for client in clients { try? client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n") }
    var before = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &before)
    usleep(500_000)
    var after = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &after)
    let cpuMicroseconds =
      (after.ru_utime.tv_sec - before.ru_utime.tv_sec) * 1_000_000
      + (after.ru_utime.tv_usec - before.ru_utime.tv_usec)
      + (after.ru_stime.tv_sec - before.ru_stime.tv_sec) * 1_000_000
      + (after.ru_stime.tv_usec - before.ru_stime.tv_usec)
    XCTAssertLessThan(cpuMicroseconds, 250_000, "no busy loop while accept fails")
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &original)
    var answered = 0
    for client in clients {
      if let reply = try? client.readResponse(), reply.status == 200 { answered += 1 }
    }
    XCTAssertEqual(answered, clients.count, "every waiting client is served once descriptors are back")
    let fresh = try TestClient(port: port)
    XCTAssertEqual(try fresh.request("GET", "/").text, "ok")
  }
}
