import Synchronization

/// The open connections of all of a server's loops, against `ServerConfiguration.maxConnections`.
final class ConnectionGauge: Sendable {
  let limit: Int
  private let open = Atomic<Int>(0)

  init(limit: Int) {
    self.limit = limit
  }

  var count: Int { open.load(ordering: .relaxed) }

  /// Counts a new connection, or refuses it (counting nothing) when the limit is reached. Two loops racing for
  /// the last place may both be refused: the count never exceeds the limit.
  func tryOpen() -> Bool {
    if open.wrappingAdd(1, ordering: .relaxed).newValue <= limit { return true }
    open.wrappingSubtract(1, ordering: .relaxed)
    return false
  }

  func closed() {
    open.wrappingSubtract(1, ordering: .relaxed)
  }
}
