import Synchronization

/// One event loop's share of `ServerMetrics`: written only by its loop thread, read by scrapes on any thread.
/// The counters sit behind this loop's own lock, which only a scrape ever contends for (no lock shared by the loops).
final class LoopMetrics: Sendable {
  let openConnections = Atomic<Int>(0)
  let acceptedConnections = Atomic<UInt64>(0)
  private let table: Locked<MetricsTable>
  private let bucketBounds: [Int64]

  /// `bucketBounds`: the histogram's upper bounds in microseconds, ascending (a last, `+Inf`, bucket is added).
  init(bucketBounds: [Int64]) {
    self.bucketBounds = bucketBounds
    table = Locked(MetricsTable())
  }

  func connectionOpened(openNow: Int) {
    openConnections.store(openNow, ordering: .relaxed)
    acceptedConnections.add(1, ordering: .relaxed)
  }

  func connectionClosed(openNow: Int) {
    openConnections.store(openNow, ordering: .relaxed)
  }

  /// One answered request; `route` nil when no route matched.
  func record(method: HTTPMethod, route: String?, status: Int, microseconds: Int64) {
    var bucket = 0
    while bucket < bucketBounds.count && microseconds > bucketBounds[bucket] { bucket += 1 }
    let key = ResponseKey(status: status, method: MetricsTable.methodIndex(method))
    let bucketCount = bucketBounds.count + 1
    table.withLock { table in
      table.routes[route ?? MetricsTable.unmatched, default: RouteSeries(buckets: bucketCount)].add(
        key, bucket: bucket, microseconds: microseconds)
    }
  }

  /// A request refused before it reached the responder (malformed, over a limit, timed out).
  func recordRejected(status: Int) {
    table.withLock { $0.rejected[status, default: 0] += 1 }
  }

  func snapshot() -> MetricsTable {
    table.withLock { $0 }
  }
}

/// A method's index in `MetricsTable.methods` (the last: any other method) and a status code.
struct ResponseKey: Hashable, Comparable {
  var status: Int
  var method: Int

  static func < (lhs: ResponseKey, rhs: ResponseKey) -> Bool {
    (lhs.method, lhs.status) < (rhs.method, rhs.status)
  }
}

/// A route's counts by method and status, and its latency histogram (per bucket, not yet cumulative).
/// A route sees few method/status pairs, so they sit in an array searched linearly (cheaper than hashing).
struct RouteSeries {
  var responses: [(key: ResponseKey, count: UInt64)] = []
  var buckets: [UInt64]
  var microseconds: Int64 = 0

  init(buckets: Int) {
    self.buckets = [UInt64](repeating: 0, count: buckets)
  }

  mutating func add(_ key: ResponseKey, bucket: Int, microseconds: Int64) {
    add(key, count: 1)
    buckets[bucket] += 1
    self.microseconds += max(0, microseconds)
  }

  private mutating func add(_ key: ResponseKey, count: UInt64) {
    if let index = responses.firstIndex(where: { $0.key == key }) {
      responses[index].count += count
    } else {
      responses.append((key, count))
    }
  }

  mutating func merge(_ other: RouteSeries) {
    for (key, count) in other.responses { add(key, count: count) }
    for index in buckets.indices { buckets[index] += other.buckets[index] }
    microseconds += other.microseconds
  }
}

/// Counters keyed by route pattern; labels only ever come from registered patterns, a fixed method list and
/// status codes, so the number of series stays bounded whatever clients send.
struct MetricsTable {
  static let unmatched = "unmatched"
  static let methods: [HTTPMethod] = [.get, .head, .post, .put, .patch, .delete, .options]
  static let otherMethod = "other"

  var routes: [String: RouteSeries] = [:]
  var rejected: [Int: UInt64] = [:]

  static func methodIndex(_ method: HTTPMethod) -> Int {
    methods.firstIndex(of: method) ?? methods.count
  }

  static func methodLabel(_ index: Int) -> String {
    index < methods.count ? methods[index].rawValue : otherMethod
  }

  mutating func merge(_ other: MetricsTable) {
    routes.merge(other.routes) { mine, theirs in
      var merged = mine
      merged.merge(theirs)
      return merged
    }
    rejected.merge(other.rejected, uniquingKeysWith: +)
  }
}
