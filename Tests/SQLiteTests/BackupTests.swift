import Dispatch
import Foundation
import SQLite
import XCTest

final class BackupTests: XCTestCase {
  private var folder: TemporaryFolder!

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
  }

  override func tearDown() {
    folder.remove()
  }

  private static func fill(_ connection: Connection, rows: ClosedRange<Int>) throws {
    try connection.transaction {
      for id in rows {
        try connection.run(
          "INSERT INTO item (id, name, data) VALUES (?, ?, ?)", id, "række \(id) æøå",
          [UInt8](repeating: UInt8(id % 256), count: 500))
      }
    }
  }

  private static func dump(_ connection: Connection) throws -> [[SQLiteValue]] {
    try connection.query("SELECT id, name, data FROM item ORDER BY id").map(\.values)
  }

  func testBackupIsAnIdenticalIntegrityCheckedCopy() throws {
    let source = try Connection(path: folder.path("source.sqlite"))
    try source.execute(
      """
      CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data BLOB);
      CREATE INDEX item_name ON item(name);
      PRAGMA user_version = 4;
      """)
    try Self.fill(source, rows: 1...2000)
    let copyPath = folder.path("backups/2026/copy.sqlite")
    try source.backup(to: copyPath, pagesPerStep: 7)
    let copy = try Connection(path: copyPath, readOnly: true)
    XCTAssertEqual(try copy.scalar("PRAGMA integrity_check", as: String.self), "ok")
    XCTAssertEqual(try copy.scalar("PRAGMA user_version", as: Int.self), 4)
    XCTAssertEqual(try Self.dump(copy), try Self.dump(source))
    XCTAssertEqual(
      try copy.query("SELECT type, name, sql FROM sqlite_schema ORDER BY name").map(\.values),
      try source.query("SELECT type, name, sql FROM sqlite_schema ORDER BY name").map(\.values))
  }

  /// Writes keep committing on another thread while the backup copies a few pages per step; the copy must be one
  /// consistent snapshot: rows 1...n exactly as in the source, for some n between the counts before and after.
  func testOnlineBackupWhileTheWriterRuns() throws {
    let database = try Database(path: folder.path("live.sqlite"), readers: 1)
    try database.write { connection in
      try connection.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data BLOB)")
      try Self.fill(connection, rows: 1...3000)
    }
    let stop = DispatchSemaphore(value: 0)
    let stopped = DispatchSemaphore(value: 0)
    let firstCommit = DispatchSemaphore(value: 0)
    let commits = Counter()
    let writer = Thread {
      var next = 3001
      while stop.wait(timeout: .now()) == .timedOut {
        if (try? database.write { connection in try Self.fill(connection, rows: next...next + 9) }) != nil {
          commits.add()
          if next == 3001 { firstCommit.signal() }
        }
        next += 10
      }
      stopped.signal()
    }
    writer.start()
    XCTAssertEqual(firstCommit.wait(timeout: .now() + 30), .success)
    let copyPath = folder.path("live-copy.sqlite")
    let commitsBefore = commits.value
    try database.backup(to: copyPath, pagesPerStep: 1)
    let commitsAfter = commits.value
    stop.signal()
    XCTAssertEqual(stopped.wait(timeout: .now() + 30), .success)
    XCTAssertGreaterThan(commitsAfter, commitsBefore, "the writer committed while the backup ran")

    let copy = try Connection(path: copyPath, readOnly: true)
    XCTAssertEqual(try copy.scalar("PRAGMA integrity_check", as: String.self), "ok")
    let copied = try Self.dump(copy)
    let source = try database.read { try Self.dump($0) }
    XCTAssertGreaterThanOrEqual(copied.count, 3000)
    XCTAssertLessThanOrEqual(copied.count, source.count)
    XCTAssertEqual(copied, Array(source.prefix(copied.count)))
    XCTAssertEqual(copied.count % 10, 0, "whole transactions only")
  }

  func testBackupOverwritesAnOlderCopy() throws {
    let source = try Connection(path: folder.path("s.sqlite"))
    try source.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data BLOB)")
    try Self.fill(source, rows: 1...10)
    let copyPath = folder.path("c.sqlite")
    try source.backup(to: copyPath)
    try Self.fill(source, rows: 11...20)
    try source.backup(to: copyPath)
    XCTAssertEqual(try Self.dump(try Connection(path: copyPath, readOnly: true)).count, 20)
  }

  func testBackupToANonDatabaseFileIsRefused() throws {
    let source = try Connection(path: folder.path("s.sqlite"))
    let target = folder.path("text.sqlite")
    try Data("not a database at all, just some text in a file".utf8).write(to: URL(fileURLWithPath: target))
    XCTAssertThrowsError(try source.backup(to: target))
    XCTAssertEqual(
      try String(contentsOfFile: target, encoding: .utf8), "not a database at all, just some text in a file")
  }

  func testBackupInsideAWriteTransactionIsRefusedNotStuck() throws {
    let source = try Connection(path: folder.path("s.sqlite"))
    try source.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data BLOB)")
    try source.transaction {
      try Self.fill(source, rows: 1...3)
      XCTAssertThrowsError(try source.backup(to: folder.path("c.sqlite"))) { error in
        XCTAssertEqual((error as? SQLiteError)?.code, 21)  // SQLITE_MISUSE
      }
    }
    // Inside a read transaction the backup copies that snapshot.
    try source.transaction(.deferred) {
      XCTAssertEqual(try source.scalar("SELECT count(*) FROM item", as: Int.self), 3)
      try source.backup(to: folder.path("c.sqlite"))
    }
    XCTAssertEqual(try Self.dump(try Connection(path: folder.path("c.sqlite"), readOnly: true)).count, 3)
  }

  func testABusyDestinationEndsInABusyErrorAfterTheTimeout() throws {
    let source = try Connection(path: folder.path("s.sqlite"), busyTimeout: .milliseconds(100))
    try source.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data BLOB)")
    try Self.fill(source, rows: 1...3)
    let targetPath = folder.path("busy.sqlite")
    let holder = try Connection(path: targetPath)
    try holder.execute("CREATE TABLE other (x)")
    let started = ContinuousClock.now
    try holder.transaction(.exclusive) {
      try holder.run("INSERT INTO other VALUES (?)", 1)
      XCTAssertThrowsError(try source.backup(to: targetPath)) { error in
        XCTAssertEqual((error as? SQLiteError)?.isBusy, true, "\(error)")
      }
    }
    XCTAssertLessThan(ContinuousClock.now - started, .seconds(5), "bounded by the short busy timeout")
    XCTAssertEqual(
      try holder.scalar("SELECT count(*) FROM other", as: Int.self), 1, "the target is untouched")
  }
}
