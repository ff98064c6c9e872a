import Foundation
import HTTP
import HTTPTestSupport
import Synchronization
import XCTest

/// `ServerMetrics` behind a real `HTTPServer` with two event loops, read back over the socket through `/metrics`
/// and a strict parser of the text format.
final class ServerMetricsTests: XCTestCase {
  private var server: HTTPServer!
  private var port = 0
  private let slowMilliseconds = 40

  private static let patterns: Set<String> = [
    "/kommune/:code", "/kommune/:code/mål/:id(int)", "/fejl/:code", "/etag", "/slow", "/form",
    "/static/*path",
    "/metrics", "/a\"b\\c",
  ]

  override func setUpWithError() throws {
    let metrics = ServerMetrics()
    var router = Router()
    router.get("/kommune/:code") { .text("kommune \($0.parameters["code"] ?? "")") }
    router.get("/kommune/:code/mål/:id(int)") { .text("mål \($0.parameters["id"] ?? "")") }
    router.get("/fejl/:code") { _ in throw HTTPError(.notFound, "Ingen sådan kommune.") }
    router.get("/etag") { _ in
      var response = Response.text("samme")
      response.headers.add(name: "ETag", value: "\"v1\"")
      return response
    }
    let slow = slowMilliseconds
    router.get("/slow") { _ in
      usleep(UInt32(slow * 1000))
      return .text("langsom")
    }
    router.post("/form") { _ in .text("modtaget") }
    router.get("/static/*path") { .text($0.parameters["path"] ?? "") }
    router.get("/a\"b\\c") { _ in .text("mærkeligt navn") }
    router.get("/metrics") { _ in metrics.response() }
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.eventLoops = 2
    configuration.accessLog = false
    configuration.metrics = metrics
    server = HTTPServer(configuration: configuration, responder: router)
    try server.start()
    port = server.boundPort
  }

  override func tearDownWithError() throws {
    server?.shutdown()
    server?.wait()
    server = nil
  }

  private func scrape(file: StaticString = #filePath, line: UInt = #line) throws -> PrometheusExposition {
    let reply = try oneShot(port: port, "GET", "/metrics")
    XCTAssertEqual(reply.status, 200, file: file, line: line)
    XCTAssertEqual(
      reply.headers["Content-Type"], "text/plain; version=0.0.4; charset=utf-8", file: file, line: line)
    return try PrometheusExposition(parsing: reply.text)
  }

  private func requests(
    _ scrape: PrometheusExposition, _ method: String, _ route: String, _ status: Int
  ) -> Double {
    scrape.value("http_requests_total", ["method": method, "route": route, "status": String(status)]) ?? 0
  }

  func testCountersMoveByExactlyTheRequestsMade() throws {
    let before = try scrape()
    let client = try TestClient(port: port)
    var made = 0
    func send(_ method: String, _ target: String, _ status: Int, headers: [String] = [], body: String = "")
      throws
    {
      let reply = try client.request(method, target, headers: headers, body: body)
      XCTAssertEqual(reply.status, status, "\(method) \(target)")
      made += 1
    }
    for code in ["0169", "0169", "0101", "0851", "0101"] { try send("GET", "/kommune/\(code)", 200) }
    try send("HEAD", "/kommune/0169", 200)
    try send("GET", "/kommune/0169/m%C3%A5l/7", 200)
    try send("GET", "/kommune/0169/m%C3%A5l/syv", 404)
    try send("GET", "/findes/ikke", 404)
    try send("GET", "/", 404)
    try send("DELETE", "/kommune/0169", 405)
    try send("BREW", "/kommune/0169", 405)
    try send("POST", "/form", 200, body: "navn=x")
    try send("GET", "/fejl/9999", 404)
    try send("GET", "/etag", 304, headers: ["If-None-Match: \"v1\""])
    try send("GET", "/static/css/site.css", 200)
    try send("GET", "/a%22b%5Cc", 200)
    let after = try scrape()

    let expected: [(String, String, Int, Double)] = [
      ("GET", "/kommune/:code", 200, 5), ("HEAD", "/kommune/:code", 200, 1),
      ("GET", "/kommune/:code/mål/:id(int)", 200, 1), ("GET", "unmatched", 404, 3),
      ("DELETE", "/kommune/:code", 405, 1), ("other", "/kommune/:code", 405, 1), ("POST", "/form", 200, 1),
      ("GET", "/fejl/:code", 404, 1), ("GET", "/etag", 304, 1), ("GET", "/static/*path", 200, 1),
      ("GET", "/a\"b\\c", 200, 1), ("GET", "/metrics", 200, 1),
    ]
    for (method, route, status, count) in expected {
      XCTAssertEqual(
        requests(after, method, route, status) - requests(before, method, route, status), count,
        "\(method) \(route) \(status)")
    }
    XCTAssertEqual(
      after.sum("http_requests_total") - before.sum("http_requests_total"), Double(made + 1),
      "every request made and the first scrape, nothing else")
    XCTAssertEqual(expected.reduce(0) { $0 + $1.3 }, Double(made + 1))

    for sample in after.samples where sample.labels["route"] != nil {
      let route = sample.labels["route"]!
      XCTAssertTrue(route == "unmatched" || Self.patterns.contains(route), "label \(route) is no pattern")
      XCTAssertFalse(
        sample.labels.values.contains { $0.contains("0169") || $0.contains("findes") }, "\(sample)")
    }
  }

  func testHistogramIsCumulativeAndConsistentWithTheCounters() throws {
    let client = try TestClient(port: port)
    for index in 0..<20 { XCTAssertEqual(try client.request("GET", "/kommune/\(index)").status, 200) }
    XCTAssertEqual(try client.request("GET", "/slow").status, 200)
    XCTAssertEqual(try client.request("GET", "/slow").status, 200)
    XCTAssertEqual(try client.request("GET", "/ingen/rute").status, 404)
    let scrape = try scrape()
    XCTAssertEqual(scrape.types["http_request_duration_seconds"], "histogram")

    let buckets = scrape.samples.filter { $0.name == "http_request_duration_seconds_bucket" }
    let routes = Set(buckets.compactMap { $0.labels["route"] })
    XCTAssertEqual(routes, ["/kommune/:code", "/slow", "unmatched"], "no route before its first request")
    for route in routes {
      let series = buckets.filter { $0.labels["route"] == route }
        .map { (bound: PrometheusExposition.number(Substring($0.labels["le"]!))!, count: $0.value) }
      XCTAssertEqual(series.map(\.bound), ServerMetrics.defaultLatencyBuckets + [.infinity], route)
      XCTAssertEqual(series.map(\.count), series.map(\.count).sorted(), "\(route): buckets are cumulative")
      let count = scrape.value("http_request_duration_seconds_count", ["route": route])
      XCTAssertEqual(series.last?.count, count, "\(route): +Inf bucket == count")
      XCTAssertEqual(count, scrape.sum("http_requests_total", matching: ["route": route]), route)
      XCTAssertGreaterThanOrEqual(
        scrape.value("http_request_duration_seconds_sum", ["route": route]) ?? -1, 0)
    }
    XCTAssertEqual(scrape.value("http_request_duration_seconds_count", ["route": "/kommune/:code"]), 20)
    // Each /slow request sleeps at least `slowMilliseconds`, so it lies above every bound below that.
    let slowSeconds = Double(slowMilliseconds) / 1000
    for sample in buckets where sample.labels["route"] == "/slow" {
      let bound = PrometheusExposition.number(Substring(sample.labels["le"]!))!
      if bound < slowSeconds { XCTAssertEqual(sample.value, 0, "le=\(bound)") }
    }
    XCTAssertGreaterThanOrEqual(
      scrape.value("http_request_duration_seconds_sum", ["route": "/slow"]) ?? 0, 2 * slowSeconds)
  }

  func testEveryFamilyIsDeclaredWithHelpAndType() throws {
    _ = try oneShot(port: port, "GET", "/kommune/0169")
    let scrape = try scrape()
    let families = [
      "http_requests_total": "counter", "http_request_duration_seconds": "histogram",
      "http_open_connections": "gauge", "http_connections_total": "counter",
      "http_rejected_requests_total": "counter",
    ]
    XCTAssertEqual(scrape.types, families)
    for name in families.keys { XCTAssertFalse(scrape.helps[name, default: ""].isEmpty, name) }
  }

  func testConcurrentRequestsOnBothLoopsLoseNoCounts() throws {
    let threads = 8
    let perThread = 100
    let failures = FailureCount()
    let port = port
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      do {
        let client = try TestClient(port: port)
        for index in 0..<perThread {
          let reply = try client.request("GET", "/kommune/\(thread)-\(index)")
          if reply.status != 200 { failures.add() }
        }
      } catch {
        failures.add()
      }
    }
    XCTAssertEqual(failures.value, 0)
    let scrape = try scrape()
    XCTAssertEqual(requests(scrape, "GET", "/kommune/:code", 200), Double(threads * perThread))
    XCTAssertEqual(
      scrape.value("http_request_duration_seconds_count", ["route": "/kommune/:code"]),
      Double(threads * perThread))
    XCTAssertEqual(scrape.value("http_connections_total"), Double(threads + 1))
  }

  func testOpenConnectionsGaugeFollowsTheClients() throws {
    var clients: [TestClient] = []
    for index in 0..<5 {
      let client = try TestClient(port: port)
      XCTAssertEqual(try client.request("GET", "/kommune/\(index)").status, 200)  // accepted by now
      clients.append(client)
    }
    XCTAssertEqual(try scrape().value("http_open_connections"), 6, "five clients and the scrape's own")
    clients.removeAll()
    // The loops notice closed sockets on their next wakeup; wait for it (a timeout, not a timing assertion).
    let deadline = Date().addingTimeInterval(5)
    var open = try scrape().value("http_open_connections")
    while open != 1 && Date() < deadline {
      usleep(20_000)
      open = try scrape().value("http_open_connections")
    }
    XCTAssertEqual(open, 1, "only the scrape's own")
  }

  func testRequestsRefusedBeforeRoutingAreCountedApart() throws {
    let before = try scrape()
    let client = try TestClient(port: port)
    try client.send("NOT HTTP AT ALL\r\n\r\n")
    XCTAssertEqual(try client.readResponse().status, 400)
    let after = try scrape()
    XCTAssertEqual(after.value("http_rejected_requests_total", ["status": "400"]), 1)
    XCTAssertNil(before.value("http_rejected_requests_total", ["status": "400"]))
    XCTAssertEqual(
      after.sum("http_requests_total") - before.sum("http_requests_total"), 1, "only the first scrape")
  }
}

/// Counts failures across threads.
private final class FailureCount: Sendable {
  private let count = Mutex(0)
  func add() { count.withLock { $0 += 1 } }
  var value: Int { count.withLock { $0 } }
}
