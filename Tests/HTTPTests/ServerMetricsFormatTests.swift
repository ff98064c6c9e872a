import HTTPTestSupport
import XCTest

@testable import HTTP

/// The text writer, the bucket arithmetic and the test parser itself (a parser that accepts anything checks nothing).
final class ServerMetricsFormatTests: XCTestCase {
  func testLabelValuesAndHelpAreEscaped() throws {
    var text = PrometheusText()
    text.family("x_total", .counter, help: "Linje\nto \\ «æøå»")
    text.sample("x_total", labels: [("route", "/a\"b\\c\nd"), ("le", "+Inf")], 3)
    XCTAssertEqual(
      text.text,
      "# HELP x_total Linje\\nto \\\\ «æøå»\n# TYPE x_total counter\nx_total{route=\"/a\\\"b\\\\c\\nd\",le=\"+Inf\"} 3\n"
    )
    let parsed = try PrometheusExposition(parsing: text.text)
    XCTAssertEqual(parsed.helps["x_total"], "Linje\nto \\ «æøå»")
    XCTAssertEqual(parsed.value("x_total", ["route": "/a\"b\\c\nd", "le": "+Inf"]), 3)
  }

  func testNumbers() {
    XCTAssertEqual(PrometheusText.format(0.0005), "0.0005")
    XCTAssertEqual(PrometheusText.format(2.5), "2.5")
    XCTAssertEqual(PrometheusText.format(5), "5")
    XCTAssertEqual(PrometheusText.format(.infinity), "+Inf")
    XCTAssertEqual(PrometheusText.format(-.infinity), "-Inf")
    XCTAssertEqual(PrometheusText.format(.nan), "NaN")
    for value in [0.000_001, 0.123_456_789, 1e20, 12_345.5] {
      XCTAssertEqual(PrometheusExposition.number(Substring(PrometheusText.format(value))), value)
    }
  }

  func testABoundIsInsideItsOwnBucket() throws {
    let metrics = ServerMetrics(latencyBuckets: [0.001, 0.01])
    let loops = metrics.makeLoops(2)
    loops[0].record(method: .get, route: "/a", status: 200, microseconds: 1000)  // le 0.001
    loops[1].record(method: .get, route: "/a", status: 200, microseconds: 1001)  // le 0.01
    loops[1].record(method: "BREW", route: nil, status: 405, microseconds: 20_000)  // +Inf only
    var text = PrometheusText()
    metrics.write(to: &text)
    let parsed = try PrometheusExposition(parsing: text.text)
    let bucket = "http_request_duration_seconds_bucket"
    XCTAssertEqual(parsed.value(bucket, ["route": "/a", "le": "0.001"]), 1)
    XCTAssertEqual(parsed.value(bucket, ["route": "/a", "le": "0.01"]), 2)
    XCTAssertEqual(parsed.value(bucket, ["route": "/a", "le": "+Inf"]), 2)
    XCTAssertEqual(parsed.value("http_request_duration_seconds_sum", ["route": "/a"]), 0.002001)
    XCTAssertEqual(parsed.value(bucket, ["route": "unmatched", "le": "0.01"]), 0)
    XCTAssertEqual(parsed.value(bucket, ["route": "unmatched", "le": "+Inf"]), 1)
    XCTAssertEqual(
      parsed.value("http_requests_total", ["method": "other", "route": "unmatched", "status": "405"]), 1)
    XCTAssertEqual(parsed.value("http_requests_total", ["method": "GET", "route": "/a", "status": "200"]), 2)
  }

  func testTheParserRefusesWhatTheFormatForbids() {
    let valid = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\"} 1\n"
    XCTAssertNoThrow(try PrometheusExposition(parsing: valid))
    let broken = [
      "a_total 1\n",  // no TYPE
      "# TYPE a_total counter\na_total 1",  // no final line feed
      "# TYPE a_total counter\na_total{x=\"\\t\"} 1\n",  // unknown escape
      "# TYPE a_total counter\na_total{x=\"1\"} 1\na_total{x=\"1\"} 2\n",  // the same series twice
      // a family in two groups:
      "# TYPE a_total counter\n# TYPE b gauge\na_total 1\nb 2\na_total{x=\"2\"} 3\n",
      "# TYPE a_total counter\na_total{x=1} 1\n",  // unquoted value
      "# TYPE a_total counter\na_total{2x=\"1\"} 1\n",  // bad label name
      "# TYPE a_total counter\na_total one\n",  // not a number
      "# TYPE a_total counter\n# TYPE a_total counter\na_total 1\n",  // second TYPE
      "# TYPE a_total countr\na_total 1\n",  // unknown type
    ]
    for text in broken {
      XCTAssertThrowsError(try PrometheusExposition(parsing: text), text.debugDescription)
    }
  }
}
