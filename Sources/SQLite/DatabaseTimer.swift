import Glibc
import Synchronization

/// How many reads and writes a `Database` ran and the seconds they took since it opened, waiting for a connection
/// included (what a request spends on the database).
public struct DatabaseTimings: Sendable, Equatable {
  public var reads: UInt64
  public var readSeconds: Double
  public var writes: UInt64
  public var writeSeconds: Double
}

/// Cumulative counters of `DatabaseTimings`: four relaxed atomic additions and two clock reads per use.
final class DatabaseTimer: Sendable {
  enum Kind {
    case read, write
  }

  private let reads = Atomic<UInt64>(0)
  private let readNanoseconds = Atomic<UInt64>(0)
  private let writes = Atomic<UInt64>(0)
  private let writeNanoseconds = Atomic<UInt64>(0)

  func measure<T>(_ kind: Kind, _ body: () throws -> T) rethrows -> T {
    let start = Self.nanoseconds()
    defer {
      let elapsed = Self.nanoseconds() &- start
      switch kind {
      case .read:
        readNanoseconds.add(elapsed, ordering: .relaxed)
        reads.add(1, ordering: .relaxed)
      case .write:
        writeNanoseconds.add(elapsed, ordering: .relaxed)
        writes.add(1, ordering: .relaxed)
      }
    }
    return try body()
  }

  var timings: DatabaseTimings {
    DatabaseTimings(
      reads: reads.load(ordering: .relaxed),
      readSeconds: Double(readNanoseconds.load(ordering: .relaxed)) / 1e9,
      writes: writes.load(ordering: .relaxed),
      writeSeconds: Double(writeNanoseconds.load(ordering: .relaxed)) / 1e9)
  }

  private static func nanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
  }
}
