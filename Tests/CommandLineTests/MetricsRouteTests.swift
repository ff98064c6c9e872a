import Foundation
import HTTP
import HTTPTestSupport
import Store
import XCTest

@testable import brugerinformation

/// The portal's `/metrics` over a socket, with the server counting into `Portal.metrics` as `serve` sets it up.
final class MetricsRouteTests: XCTestCase {
  private var folder: URL!
  private var store: Store!
  private var server: HTTPServer!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "metrics-route-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(path: folder.appendingPathComponent("portal.sqlite").path, readers: 2)
    _ = try Seeder.seed(store)
    server = try startTestPortal(store: store) { configuration, portal in
      configuration.metrics = portal.metrics
    }
  }

  override func tearDownWithError() throws {
    server?.shutdown()
    server?.wait()
    server = nil
    store = nil
    try? FileManager.default.removeItem(at: folder)
  }

  private func scrape() throws -> PrometheusExposition {
    let reply = try oneShot(port: server.boundPort, "GET", "/metrics")
    XCTAssertEqual(reply.status, 200)
    XCTAssertEqual(reply.headers["Content-Type"], "text/plain; version=0.0.4; charset=utf-8")
    XCTAssertEqual(reply.headers["Cache-Control"], "no-store")
    return try PrometheusExposition(parsing: reply.text)
  }

  private func count(_ scrape: PrometheusExposition, _ route: String, _ status: Int) -> Double {
    scrape.sum("http_requests_total", matching: ["route": route, "status": String(status)])
  }

  func testRequestsAreCountedByThePortalsRoutePatterns() throws {
    let code = try XCTUnwrap(store.municipalities().first?.code)
    let before = try scrape()
    var statuses: [String: Int] = [:]
    for target in ["/kommune/\(code)", "/kommune/\(code)", "/api/v1/findes-ikke", "/findes/ikke", "/healthz"]
    {
      statuses[target] = try oneShot(port: server.boundPort, "GET", target).status
    }
    XCTAssertEqual(statuses["/kommune/\(code)"], 200)
    XCTAssertEqual(statuses["/api/v1/findes-ikke"], 404)
    XCTAssertEqual(statuses["/findes/ikke"], 404)
    let after = try scrape()
    XCTAssertEqual(count(after, "/kommune/:code", 200) - count(before, "/kommune/:code", 200), 2)
    XCTAssertEqual(count(after, "/api/*rest", 404) - count(before, "/api/*rest", 404), 1)
    XCTAssertEqual(count(after, "unmatched", 404) - count(before, "unmatched", 404), 1)
    XCTAssertEqual(count(after, "/healthz", 200) - count(before, "/healthz", 200), 1)
    XCTAssertEqual(count(after, "/metrics", 200) - count(before, "/metrics", 200), 1)
    let labels = after.samples.flatMap { $0.labels.values }
    XCTAssertFalse(
      labels.contains { $0.contains(code) || $0.contains("findes") }, "raw paths leaked into labels")
    XCTAssertEqual(after.value("http_open_connections"), 1, "the scrape's own")
  }

  func testDatabaseTimeCountsExactlyTheReadsAndWritesMade() throws {
    let municipalities = try store.municipalityCount()
    let before = try scrape()
    let health = try oneShot(port: server.boundPort, "GET", "/healthz")
    XCTAssertEqual(health.status, 200)
    XCTAssertEqual(health.text, "ok: \(municipalities) kommuner\n", "/healthz still asks the database")
    try store.endSession(tokenDigest: "ingen")  // one write transaction
    let after = try scrape()
    let operations = "database_operations_total"
    let seconds = "database_seconds_total"
    XCTAssertEqual(after.types[operations], "counter")
    XCTAssertEqual(after.types[seconds], "counter")
    // The health check's one read; the scrapes themselves read no table.
    XCTAssertEqual(
      (after.value(operations, ["operation": "read"]) ?? 0)
        - (before.value(operations, ["operation": "read"]) ?? 0),
      1)
    XCTAssertEqual(
      (after.value(operations, ["operation": "write"]) ?? 0)
        - (before.value(operations, ["operation": "write"]) ?? 0), 1)
    for operation in ["read", "write"] {
      let earlier = try XCTUnwrap(before.value(seconds, ["operation": operation]))
      let later = try XCTUnwrap(after.value(seconds, ["operation": operation]))
      XCTAssertGreaterThan(later, earlier, operation)
    }
  }
}
