import CEpoll
import Glibc
import XCTest

@testable import HTTP

final class ServerTests: XCTestCase {
  var server: HTTPServer!

  override func tearDown() {
    server?.shutdown()
    server?.wait()
    server = nil
  }

  func testKeepAliveServesSeveralRequestsOnOneConnection() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    for index in 0..<5 {
      let reply = try client.request("POST", "/echo?i=\(index)", body: "body \(index)")
      XCTAssertEqual(reply.status, 200)
      XCTAssertEqual(reply.text, "body \(index)")
      XCTAssertEqual(reply.headers["X-Target"], "/echo?i=\(index)")
      XCTAssertNil(reply.headers["Connection"])
      XCTAssertNotNil(reply.headers["Date"].flatMap(HTTPDate.parse))
    }
  }

  func testSixtyFourPipelinedRequestsInOneWriteAreAnsweredInOrder() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    var batch = ""
    for index in 0..<64 {
      batch += "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(String(index).utf8.count)\r\n\r\n\(index)"
    }
    try client.send(batch)
    for index in 0..<64 {
      let reply = try client.readResponse()
      XCTAssertEqual(reply.text, "\(index)")
    }
  }

  func testThousandConcurrentConnections() throws {
    _ = cepoll_raise_fd_limit()
    server = try startTestServer()
    var clients: [TestClient] = []
    for _ in 0..<1000 { clients.append(try TestClient(port: server.boundPort)) }
    for (index, client) in clients.enumerated() {
      try client.send("GET /echo?\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
    }
    var loops = Set<Int>()
    for (index, client) in clients.enumerated() {
      let reply = try client.readResponse()
      XCTAssertEqual(reply.headers["X-Target"], "/echo?\(index)")
      let who = try client.request("GET", "/who")
      loops.insert(Int(who.text.split(separator: " ")[0]) ?? -1)
    }
    XCTAssertEqual(loops, [0, 1], "both loops take connections")
  }

  /// Loops that take one ready connection per `epoll_wait`, three, or as many as there are, still answer every
  /// client, new connections included, in each connection's order.
  func testEveryClientIsServedWhateverTheTurnSize() throws {
    for turn in [1, 3, 256] {
      server = try startTestServer { $0.eventsPerTurn = turn }
      var clients: [TestClient] = []
      for _ in 0..<200 { clients.append(try TestClient(port: server.boundPort)) }
      for (index, client) in clients.enumerated() {
        try client.send(
          "GET /echo?\(index)-a HTTP/1.1\r\nHost: t\r\n\r\nGET /echo?\(index)-b HTTP/1.1\r\nHost: t\r\n\r\n")
      }
      for (index, client) in clients.enumerated() {
        XCTAssertEqual(try client.readResponse().headers["X-Target"], "/echo?\(index)-a", "turn \(turn)")
        XCTAssertEqual(try client.readResponse().headers["X-Target"], "/echo?\(index)-b", "turn \(turn)")
      }
      server.shutdown()
      server.wait()
    }
  }

  func testRemoteAddressAndIPv6() throws {
    server = try startTestServer(host: "::")
    let v4 = try TestClient(host: "127.0.0.1", port: server.boundPort)
    XCTAssertTrue(try v4.request("GET", "/who").text.contains("127.0.0.1:"))
    let v6 = try TestClient(host: "::1", port: server.boundPort)
    XCTAssertTrue(try v6.request("GET", "/who").text.contains("[::1]:"))
  }

  func testIPv6OnlyHost() throws {
    server = try startTestServer(host: "::1")
    let client = try TestClient(host: "::1", port: server.boundPort)
    XCTAssertEqual(try client.request("GET", "/").text, "ok")
    XCTAssertThrowsError(try TestClient(host: "127.0.0.1", port: server.boundPort))
  }

  func testStartFailsClearlyWhenPortIsTaken() throws {
    server = try startTestServer()
    let port = server.boundPort
    let second = HTTPServer(
      configuration: ServerConfiguration(host: "127.0.0.1", port: port),
      responder: ClosureResponder { _ in .text("x") })
    XCTAssertThrowsError(try second.start()) { error in
      XCTAssertTrue("\(error)".contains("\(port)"), "\(error)")
    }
  }

  func testHeadHasGetHeadersWithoutBody() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    let get = try client.request("GET", "/big?1234")
    let head = try client.request("HEAD", "/big?1234")
    XCTAssertEqual(head.status, 200)
    XCTAssertEqual(head.headers["Content-Length"], "1234")
    XCTAssertEqual(head.headers["Content-Length"], get.headers["Content-Length"])
    XCTAssertEqual(head.headers["Content-Type"], get.headers["Content-Type"])
    XCTAssertEqual(try client.request("GET", "/").text, "ok", "no stray body bytes after HEAD")
  }

  func testHTTP10KeepAliveAndClose() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    try client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    let kept = try client.readResponse()
    XCTAssertEqual(kept.headers["Connection"], "keep-alive")
    try client.send("GET / HTTP/1.0\r\n\r\n")
    let last = try client.readResponse()
    XCTAssertEqual(last.headers["Connection"], "close")
    XCTAssertTrue(client.isClosedWithoutData())
  }

  func testConnectionCloseFromClientAndFromApplication() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    try client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\n\r\n")
    XCTAssertEqual(try client.readResponse().headers["Connection"], "close")
    XCTAssertTrue(client.isClosedWithoutData(), "nothing answered after close")
    let other = try TestClient(port: server.boundPort)
    let reply = try other.request("GET", "/close")
    XCTAssertEqual(reply.headers["Connection"], "close")
    XCTAssertTrue(other.isClosedWithoutData())
  }

  func testExpectContinueSendsInterimResponseBeforeBody() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    try client.send("PUT /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
    XCTAssertEqual(try client.readResponse().status, 100)
    try client.send("hello")
    let reply = try client.readResponse()
    XCTAssertEqual(reply.status, 200)
    XCTAssertEqual(reply.text, "hello")
  }

  func testExpectContinueIsNotSentWhenRejected() throws {
    server = try startTestServer { $0.maxBodySize = 100 }
    let client = try TestClient(port: server.boundPort)
    try client.send("PUT /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 500\r\n\r\n")
    XCTAssertEqual(try client.readResponse().status, 413)
    XCTAssertTrue(client.isClosedWithoutData())
  }

  func testHalfClosedClientStillGetsEveryPipelinedAnswer() throws {
    server = try startTestServer { $0.maxOutputBuffer = 64 * 1024 }
    let client = try TestClient(port: server.boundPort)
    try client.send(String(repeating: "GET /big?1000000 HTTP/1.1\r\nHost: t\r\n\r\n", count: 3))
    shutdown(client.fd, Int32(SHUT_WR))
    for _ in 0..<3 { XCTAssertEqual(try client.readResponse().body.count, 1_000_000) }
    XCTAssertTrue(client.isClosedWithoutData())
  }

  /// Large bodies go out from their own storage after the head (small ones are copied behind it): pipelined
  /// answers of every size around the threshold, a HEAD among them, read slowly in small pieces so that writes
  /// stop anywhere (inside a head, at its end, inside a body), arrive whole and in order.
  func testLargeAndSmallBodiesArriveWholeAndInOrderWhenReadSlowly() throws {
    server = try startTestServer { $0.maxOutputBuffer = 64 * 1024 }
    let threshold = EventLoop.separateBodyMinimum
    let sizes = [0, 100, threshold - 1, threshold, threshold + 1, 20_721, 700_000, 3, 2 * threshold, 150_000]
    let client = try TestClient(port: server.boundPort, timeoutSeconds: 20)
    var requests = ""
    for (seed, size) in sizes.enumerated() {
      requests += "GET /pattern?\(size)-\(seed) HTTP/1.1\r\nHost: t\r\n\r\n"
      if seed == 5 { requests += "HEAD /pattern?\(size)-99 HTTP/1.1\r\nHost: t\r\n\r\n" }
    }
    requests += "GET /pattern?\(threshold)-42 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    try client.send(requests)
    var received: [UInt8] = []
    var piece = [UInt8](repeating: 0, count: 1_500)
    var reads = 0
    while true {
      let count = piece.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress!, $0.count, 0) }
      guard count > 0 else { break }
      received.append(contentsOf: piece[0..<count])
      reads += 1
      if reads % 40 == 0 { usleep(2_000) }  // let the server's writes stop part-way
    }
    let responses = try splitResponses(received, headAnswers: [6])
    var expected = sizes.enumerated().map { patternBytes(count: $0.element, seed: $0.offset) }
    expected.insert([], at: 6)
    expected.append(patternBytes(count: threshold, seed: 42))
    XCTAssertEqual(responses.count, expected.count)
    for (index, (response, body)) in zip(responses, expected).enumerated() {
      XCTAssertEqual(response.status, 200, "answer \(index)")
      XCTAssertTrue(
        response.body == body, "answer \(index): \(response.body.count) bytes, wanted \(body.count)")
    }
    XCTAssertEqual(responses[6].headers["Content-Length"], "20721", "HEAD: the length, no body")
  }

  func testChunkedStreamingResponse() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    let reply = try client.request("GET", "/stream?4")
    XCTAssertEqual(reply.headers["Transfer-Encoding"], "chunked")
    XCTAssertNil(reply.headers["Content-Length"])
    XCTAssertEqual(reply.text, "part 0;part 1;part 2;part 3;")
    XCTAssertEqual(try client.request("GET", "/").text, "ok", "keep-alive after a stream")
  }

  func testLargeStreamIsComplete() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    let reply = try client.request("GET", "/stream?20000")
    XCTAssertEqual(reply.text, (0..<20000).map { "part \($0);" }.joined())
  }

  func testStreamWithNothingYetIsPolledWithoutSpinning() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    var before = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &before)
    let reply = try client.request("GET", "/trickle")
    var after = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &after)
    XCTAssertEqual(reply.text, "late")
    let cpu =
      (after.ru_utime.tv_sec - before.ru_utime.tv_sec) * 1_000_000
      + (after.ru_utime.tv_usec - before.ru_utime.tv_usec)
    XCTAssertLessThan(cpu, 200_000, "waiting for the stream does not busy-loop")
  }

  func testStreamOverHTTP10IsCloseDelimited() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    try client.send("GET /stream?3 HTTP/1.0\r\n\r\n")
    let reply = try client.readResponse()
    XCTAssertNil(reply.headers["Transfer-Encoding"])
    XCTAssertEqual(reply.headers["Connection"], "close")
    XCTAssertEqual(reply.text, "part 0;part 1;part 2;")
  }

  func testPipelinedRequestsBehindAStreamWait() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    try client.send("GET /stream?3 HTTP/1.1\r\nHost: t\r\n\r\nGET /echo?after HTTP/1.1\r\nHost: t\r\n\r\n")
    XCTAssertEqual(try client.readResponse().text, "part 0;part 1;part 2;")
    XCTAssertEqual(try client.readResponse().headers["X-Target"], "/echo?after")
  }

  func testErrorsBecomeResponses() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    let httpError = try client.request("GET", "/http-error")
    XCTAssertEqual(httpError.status, 405)
    XCTAssertEqual(httpError.headers["Allow"], "GET")
    XCTAssertEqual(httpError.text, "only GET here")
    let failure = try client.request("GET", "/throw")
    XCTAssertEqual(failure.status, 500)
    XCTAssertFalse(failure.text.contains("secret"))
    XCTAssertEqual(try client.request("GET", "/").status, 200, "connection survives handler errors")
  }

  func testErrorPageHook() throws {
    server = try startTestServer {
      $0.errorPage = { status, _, request in
        .html("<h1>\(status.code)</h1><p>\(request?.path ?? "none")</p>", status: status)
      }
    }
    let client = try TestClient(port: server.boundPort)
    let page = try client.request("GET", "/http-error")
    XCTAssertEqual(page.text, "<h1>405</h1><p>/http-error</p>")
    XCTAssertEqual(page.headers["Allow"], "GET")
    let bad = try TestClient(port: server.boundPort)
    try bad.send("GET / HTTP/1.1\r\n\r\n")
    XCTAssertEqual(try bad.readResponse().text, "<h1>400</h1><p>none</p>")
  }

  func testConditionalGet() throws {
    server = try startTestServer()
    let client = try TestClient(port: server.boundPort)
    let full = try client.request("GET", "/etag")
    XCTAssertEqual(full.status, 200)
    let matched = try client.request("GET", "/etag", headers: ["If-None-Match: \"other\", W/\"v1\""])
    XCTAssertEqual(matched.status, 304)
    XCTAssertEqual(matched.headers["ETag"], "\"v1\"")
    XCTAssertEqual(matched.headers["Cache-Control"], "max-age=60")
    XCTAssertNotNil(matched.headers["Last-Modified"])
    XCTAssertNil(matched.headers["Content-Type"])
    XCTAssertNil(matched.headers["Content-Length"])
    XCTAssertEqual(try client.request("GET", "/etag", headers: ["If-None-Match: *"]).status, 304)
    XCTAssertEqual(try client.request("HEAD", "/etag", headers: ["If-None-Match: \"v1\""]).status, 304)
    XCTAssertEqual(try client.request("GET", "/etag", headers: ["If-None-Match: \"v2\""]).status, 200)
    let since = ["If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT"]
    XCTAssertEqual(try client.request("GET", "/etag", headers: since).status, 304)
    let before = ["If-Modified-Since: Sun, 06 Nov 1994 08:49:36 GMT"]
    XCTAssertEqual(try client.request("GET", "/etag", headers: before).status, 200)
    XCTAssertEqual(
      try client.request("GET", "/etag", headers: since + ["If-None-Match: \"v2\""]).status, 200,
      "If-Modified-Since is ignored when If-None-Match is present")
    XCTAssertEqual(try client.request("POST", "/etag", headers: ["If-None-Match: *"]).status, 200)
    XCTAssertEqual(try client.request("GET", "/", headers: ["If-None-Match: *"]).status, 200, "no validators")
  }

  func testGarbageIsRejectedAndServerKeepsServing() throws {
    server = try startTestServer { $0.headerTimeout = .milliseconds(300) }
    var generator = SplitMix(seed: 42)
    for round in 0..<40 {
      let client = try TestClient(port: server.boundPort, timeoutSeconds: 2)
      let length = Int(generator.next() % 2000) + 1
      var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      if round % 2 == 0 { bytes += Array("\r\n\r\n".utf8) }
      try? client.send(bytes)
      let answer = client.readToEnd()
      if !answer.isEmpty {
        let text = String(decoding: answer.prefix(12), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 4") || text.hasPrefix("HTTP/1.1 5"), "round \(round): \(text)")
      }
    }
    let client = try TestClient(port: server.boundPort)
    XCTAssertEqual(try client.request("GET", "/").text, "ok")
  }
}

/// A small deterministic generator for reproducible garbage.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
