import HTTP
import Store

/// `GET /metrics`: the server's counters (see `ServerMetrics`) and the database's time, in the Prometheus text
/// format. Public on purpose: it names route patterns, never paths, users or data, and a monitor needs no login.
enum MetricsRoute {
  static func handler(server metrics: ServerMetrics, store: Store) -> RouteHandler {
    { _ in
      var text = PrometheusText()
      metrics.write(to: &text)
      let timings = store.database.timings
      text.family(
        "database_seconds_total", .counter,
        help: "Seconds spent in SQLite reads and writes, waiting for a connection included.")
      text.sample("database_seconds_total", labels: [("operation", "read")], timings.readSeconds)
      text.sample("database_seconds_total", labels: [("operation", "write")], timings.writeSeconds)
      text.family(
        "database_operations_total", .counter,
        help: "SQLite reads (one snapshot each) and write transactions run.")
      text.sample("database_operations_total", labels: [("operation", "read")], timings.reads)
      text.sample("database_operations_total", labels: [("operation", "write")], timings.writes)
      return text.response
    }
  }
}
