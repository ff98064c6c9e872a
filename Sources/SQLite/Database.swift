import Foundation
import Synchronization

/// A database file shared by threads: one writer connection, serialized by a lock, and a number of read-only
/// connections (typically one per event loop), each behind its own lock. In WAL mode reads never wait for the
/// writer and see the last committed state.
///
/// Not reentrant: do not call `write` from inside `write` (it would wait on itself); nest with
/// `Connection.transaction` instead. Results of `read`/`write` must be Sendable, so that nothing tied to a
/// connection (the connection itself) can leave its lock.
public final class Database: Sendable {
  public let path: String
  public let busyTimeout: Duration
  private let writer: Guarded
  private let readers: [Guarded]
  private let nextReader = Atomic<UInt>(0)
  private let writes = Atomic<UInt64>(0)
  private let timer = DatabaseTimer()

  /// How many times this process has used the writer; bumped after each use ends (committed or not). A reader that
  /// sees the same count before two reads knows this process wrote nothing between them.
  public var writeCount: UInt64 { writes.load(ordering: .acquiring) }

  /// Reads and writes so far, and the time they took.
  public var timings: DatabaseTimings { timer.timings }

  /// Opens the writer (creating the file and its folder when missing), then `readers` read-only connections.
  /// With `readers == 0` reads use the writer connection.
  public init(path: String, readers: Int, busyTimeout: Duration = .seconds(5)) throws {
    precondition(readers >= 0, "readers must not be negative")
    self.path = path
    self.busyTimeout = busyTimeout
    let writer = try Connection(path: path, readOnly: false, busyTimeout: busyTimeout)
    self.writer = Guarded(writer)
    self.readers = try (0..<readers).map { _ in
      Guarded(try Connection(path: path, readOnly: true, busyTimeout: busyTimeout))
    }
  }

  public var readerCount: Int { readers.count }

  /// Runs `body` on the writer inside BEGIN IMMEDIATE … COMMIT (ROLLBACK when it throws). Writers queue on a lock.
  public func write<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
    reopenWriterIfReadOnly()
    defer { writes.add(1, ordering: .releasing) }
    return try timer.measure(.write) {
      try writer.withConnection { connection in
        try connection.transaction(.immediate) { try body(connection) }
      }
    }
  }

  /// The writer connection with no transaction around `body` (migrations that manage their own, VACUUM, pragmas).
  public func withWriter<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
    defer { writes.add(1, ordering: .releasing) }
    return try timer.measure(.write) { try writer.withConnection(body) }
  }

  /// Runs `body` on the read-only connection of event loop `index` (modulo the reader count), inside a deferred
  /// transaction so that all its queries see one snapshot.
  public func read<T: Sendable>(loop index: Int, _ body: (Connection) throws -> T) throws -> T {
    let guarded = readers.isEmpty ? writer : readers[Int(index.magnitude % UInt(readers.count))]
    return try timer.measure(.read) {
      try guarded.withConnection { connection in
        try connection.transaction(.deferred) { try body(connection) }
      }
    }
  }

  /// Like `read(loop:_:)` on any reader: a free one if there is one, else the next in turn (waiting for it).
  public func read<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
    try withAnyReader { connection in try connection.transaction(.deferred) { try body(connection) } }
  }

  /// Like `read(_:)` without BEGIN … COMMIT around `body`: for one statement, which is a snapshot by itself (saves
  /// two statements a call; hot paths such as the site revision read per request).
  public func readOneStatement<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
    try withAnyReader(body)
  }

  private func withAnyReader<T>(_ body: (Connection) throws -> T) throws -> T {
    try timer.measure(.read) { try withAnyReaderUntimed(body) }
  }

  private func withAnyReaderUntimed<T>(_ body: (Connection) throws -> T) throws -> T {
    guard !readers.isEmpty else { return try writer.withConnection(body) }
    let start = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
    for offset in 0..<UInt(readers.count) {
      let guarded = readers[Int((start &+ offset) % UInt(readers.count))]
      if let result = try guarded.withConnectionIfAvailable(body) {
        return result
      }
    }
    return try readers[Int(start % UInt(readers.count))].withConnection(body)
  }

  /// True when SQLite opened the writer read-only (the file is write-protected: SQLite falls back to reading).
  public var isReadOnly: Bool { writer.withConnection { !$0.isWritable } }

  /// A writer that SQLite opened read-only stays so; once the file can be written again, a new writer replaces it
  /// before the next write, so that writes work again without a restart.
  private func reopenWriterIfReadOnly() {
    writer.replaceIfUnwritable { try Connection(path: path, readOnly: false, busyTimeout: busyTimeout) }
  }

  /// Applies the migrator's pending migrations on the writer; see `Migrator.migrate(_:)`.
  @discardableResult
  public func migrate(_ migrator: Migrator) throws -> [Int] {
    try withWriter { try migrator.migrate($0) }
  }

  /// Copies the database to `destination` online, from a read-only connection of its own: the writer and the
  /// readers go on meanwhile, and the copy is the state committed when the backup began.
  public func backup(to destination: String, pagesPerStep: Int = 256) throws {
    let source = try Connection(path: path, readOnly: true, busyTimeout: busyTimeout)
    try source.backup(to: destination, pagesPerStep: pagesPerStep)
  }
}

/// A connection and the lock that makes it usable from any thread, one at a time.
///
/// `@unchecked Sendable`: the connection is only reached (and only replaced) through `withConnection…` and
/// `replaceIfUnwritable`, which hold `lock` for the whole use, so no two threads ever touch it at once.
/// (Synchronization's `Mutex<Connection>` cannot express this: handing the non-Sendable connection to the caller's
/// closure merges it into the caller's region.)
private final class Guarded: @unchecked Sendable {
  private let lock = NSLock()
  private var connection: Connection

  init(_ connection: Connection) {
    self.connection = connection
  }

  func withConnection<T>(_ body: (Connection) throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body(connection)
  }

  /// Replaces a connection that cannot write, under the lock, by a new one from `open` when that one can (a new
  /// one that fails to open or cannot write either is dropped).
  func replaceIfUnwritable(_ open: () throws -> Connection) {
    lock.lock()
    defer { lock.unlock() }
    guard !connection.isWritable, let fresh = try? open(), fresh.isWritable else { return }
    connection = fresh
  }

  /// Nil (without running `body`) when another thread holds the connection.
  func withConnectionIfAvailable<T>(_ body: (Connection) throws -> T) rethrows -> T? {
    guard lock.try() else { return nil }
    defer { lock.unlock() }
    return try body(connection)
  }
}
