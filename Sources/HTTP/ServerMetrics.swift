/// What an `HTTPServer` counts when `ServerConfiguration.metrics` is set, written in the Prometheus text format by
/// `write(to:)`:
///
/// - `http_requests_total{method,route,status}`: answered requests. `route` is the pattern the router matched
///   (`/kommune/:code`), `unmatched` when none did; `method` one of GET HEAD POST PUT PATCH DELETE OPTIONS, else
///   `other`. Statuses are final (a thrown error's, a 304 made from a 200).
/// - `http_request_duration_seconds{route}`: histogram of the time from a parsed request to its queued answer
///   (routing, handler, serialization; not the network, and only until a streamed body starts).
/// - `http_open_connections` (gauge), `http_connections_total`, and `http_rejected_requests_total{status}`:
///   requests answered by the server itself before any route saw them (malformed, over a limit, timed out).
///
/// Each event loop counts into its own table behind its own lock, so requests on different loops never contend;
/// a scrape sums the tables and sees every request answered before it (not itself). One object may serve several
/// servers in turn: its counters then add up.
public final class ServerMetrics: Sendable {
  public static let defaultLatencyBuckets: [Double] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
  ]

  /// Upper bounds in seconds, ascending; a `+Inf` bucket follows.
  public let latencyBuckets: [Double]
  private let bucketMicroseconds: [Int64]
  private let loops = Locked<[LoopMetrics]>([])

  public init(latencyBuckets: [Double] = ServerMetrics.defaultLatencyBuckets) {
    precondition(
      latencyBuckets.allSatisfy { $0 > 0 && $0.isFinite }
        && zip(latencyBuckets, latencyBuckets.dropFirst())
          .allSatisfy { $0 < $1 },
      "latency buckets must be positive and ascending")
    self.latencyBuckets = latencyBuckets
    bucketMicroseconds = latencyBuckets.map { Int64(($0 * 1_000_000).rounded()) }
  }

  /// New tables for a starting server's loops.
  func makeLoops(_ count: Int) -> [LoopMetrics] {
    let made = (0..<count).map { _ in LoopMetrics(bucketBounds: bucketMicroseconds) }
    loops.withLock { $0.append(contentsOf: made) }
    return made
  }

  public var openConnections: Int {
    loops.withLock { $0 }.reduce(0) { $0 + $1.openConnections.load(ordering: .relaxed) }
  }

  /// Appends the server's metric families to `text`.
  public func write(to text: inout PrometheusText) {
    let current = loops.withLock { $0 }
    var table = MetricsTable()
    for loop in current { table.merge(loop.snapshot()) }
    let routes = table.routes.keys.sorted()

    text.family(
      "http_requests_total", .counter,
      help: "Requests answered, by method, route pattern (unmatched: no route) and status code.")
    for route in routes {
      for (key, count) in table.routes[route]!.responses.sorted(by: { $0.key < $1.key }) {
        text.sample(
          "http_requests_total",
          labels: [
            ("method", MetricsTable.methodLabel(key.method)), ("route", route),
            ("status", String(key.status)),
          ],
          count)
      }
    }

    text.family(
      "http_request_duration_seconds", .histogram,
      help:
        "Time from a parsed request to its queued answer (routing, handler, serialization), by route pattern."
    )
    for route in routes {
      let series = table.routes[route]!
      var cumulative: UInt64 = 0
      for (index, count) in series.buckets.enumerated() {
        cumulative += count
        let bound = index < latencyBuckets.count ? PrometheusText.format(latencyBuckets[index]) : "+Inf"
        text.sample(
          "http_request_duration_seconds_bucket", labels: [("route", route), ("le", bound)], cumulative)
      }
      text.sample(
        "http_request_duration_seconds_sum", labels: [("route", route)], Double(series.microseconds) / 1e6)
      text.sample("http_request_duration_seconds_count", labels: [("route", route)], cumulative)
    }

    text.family("http_open_connections", .gauge, help: "Client connections open now.")
    text.sample(
      "http_open_connections", current.reduce(0) { $0 + $1.openConnections.load(ordering: .relaxed) })
    text.family("http_connections_total", .counter, help: "Client connections accepted.")
    text.sample(
      "http_connections_total", current.reduce(0) { $0 + $1.acceptedConnections.load(ordering: .relaxed) })

    text.family(
      "http_rejected_requests_total", .counter,
      help: "Requests the server answered itself before any route saw them (malformed, too large, timed out)."
    )
    for (status, count) in table.rejected.sorted(by: { $0.key < $1.key }) {
      text.sample("http_rejected_requests_total", labels: [("status", String(status))], count)
    }
  }

  /// The server's metrics alone as a `/metrics` answer.
  public func response() -> Response {
    var text = PrometheusText()
    write(to: &text)
    return text.response
  }
}
