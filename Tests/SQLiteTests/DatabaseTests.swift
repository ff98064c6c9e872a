import Dispatch
import Foundation
import SQLite
import XCTest

final class DatabaseTests: XCTestCase {
  private struct Failure: Error {}
  private var folder: TemporaryFolder!

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
  }

  override func tearDown() {
    folder.remove()
  }

  private func makeDatabase(readers: Int = 2) throws -> Database {
    let database = try Database(path: folder.path("data/db.sqlite"), readers: readers)
    try database.write { try $0.execute("CREATE TABLE t (x INTEGER NOT NULL)") }
    return database
  }

  private func count(_ connection: Connection) throws -> Int {
    try connection.scalar("SELECT count(*) FROM t", as: Int.self) ?? -1
  }

  func testWriteCommitsAndReadSeesIt() throws {
    let database = try makeDatabase()
    XCTAssertEqual(database.readerCount, 2)
    try database.write { try $0.run("INSERT INTO t VALUES (?)", 1) }
    XCTAssertEqual(try database.read(count), 1)
    for loop in [0, 1, 2, 3, -1, Int.min, Int.max] {
      XCTAssertEqual(try database.read(loop: loop, count), 1)
    }
  }

  func testOneStatementReadsRunOutsideATransactionOnAReader() throws {
    for readers in [2, 0] {
      let database = try makeDatabase(readers: readers)
      try database.write { try $0.run("INSERT INTO t VALUES (?)", 1) }
      let (seen, inTransaction, readOnly) = try database.readOneStatement {
        (try count($0), $0.isInTransaction, $0.isReadOnly)
      }
      XCTAssertEqual(seen, 1)
      XCTAssertFalse(inTransaction)
      XCTAssertEqual(readOnly, readers > 0)
      try database.write { try $0.run("INSERT INTO t VALUES (?)", 2) }
      XCTAssertEqual(try database.readOneStatement(count), 2)
      folder.remove()
      folder = try TemporaryFolder()
    }
  }

  func testWriteRollsBackOnThrow() throws {
    let database = try makeDatabase()
    XCTAssertThrowsError(
      try database.write { connection in
        try connection.run("INSERT INTO t VALUES (?)", 1)
        throw Failure()
      })
    XCTAssertEqual(try database.read(count), 0)
    XCTAssertEqual(try database.withWriter(count), 0)
  }

  func testReadConnectionsAreReadOnly() throws {
    let database = try makeDatabase()
    XCTAssertThrowsError(try database.read(loop: 1) { try $0.run("INSERT INTO t VALUES (?)", 1) }) { error in
      XCTAssertEqual((error as? SQLiteError)?.primaryCode, 8)  // SQLITE_READONLY
    }
    XCTAssertEqual(try database.read(count), 0)
  }

  func testWithoutReadersReadsUseTheWriter() throws {
    let database = try makeDatabase(readers: 0)
    try database.write { try $0.run("INSERT INTO t VALUES (?)", 1) }
    XCTAssertEqual(try database.read(count), 1)
    XCTAssertEqual(try database.read(loop: 3, count), 1)
  }

  /// A write transaction is held open on another thread; a read meanwhile completes and sees the committed state
  /// from before the write. If reads waited for the writer, the read would only finish after the writer gave up
  /// waiting (10 s) and committed, and would then see the new row.
  func testReadsDoNotWaitForAnOpenWriteAndSeeTheOldState() throws {
    let database = try makeDatabase()
    try database.write { try $0.run("INSERT INTO t VALUES (?)", 1) }
    let writing = DispatchSemaphore(value: 0)
    let readDone = DispatchSemaphore(value: 0)
    let writerFinished = DispatchSemaphore(value: 0)
    let writer = Thread {
      try? database.write { connection in
        try connection.run("INSERT INTO t VALUES (?)", 2)
        writing.signal()
        _ = readDone.wait(timeout: .now() + 10)
      }
      writerFinished.signal()
    }
    writer.start()
    XCTAssertEqual(writing.wait(timeout: .now() + 10), .success)
    let seenDuringWrite = try database.read(count)
    let seenOnLoopReader = try database.read(loop: 1, count)
    readDone.signal()
    XCTAssertEqual(writerFinished.wait(timeout: .now() + 10), .success)
    XCTAssertEqual(seenDuringWrite, 1)
    XCTAssertEqual(seenOnLoopReader, 1)
    XCTAssertEqual(try database.read(count), 2)
  }

  func testAReadSeesOneSnapshotThroughout() throws {
    let database = try makeDatabase()
    let (before, after) = try database.read { connection in
      let before = try count(connection)
      try database.write { try $0.run("INSERT INTO t VALUES (?)", 1) }
      return (before, try count(connection))
    }
    XCTAssertEqual(before, 0)
    XCTAssertEqual(after, 0, "a read transaction keeps its snapshot")
    XCTAssertEqual(try database.read(count), 1)
  }

  func testConcurrentWritesAreSerialized() throws {
    let database = try makeDatabase()
    try database.write { try $0.execute("CREATE TABLE counter (n INTEGER); INSERT INTO counter VALUES (0)") }
    let failures = Counter()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      for _ in 0..<50 {
        do {
          try database.write { connection in
            let value = try connection.scalar("SELECT n FROM counter", as: Int.self) ?? 0
            try connection.run("UPDATE counter SET n = ?", value + 1)
          }
        } catch {
          failures.add()
        }
      }
    }
    XCTAssertEqual(failures.value, 0)
    XCTAssertEqual(try database.read { try $0.scalar("SELECT n FROM counter", as: Int.self) }, 200)
  }

  func testConcurrentReadsFromManyThreads() throws {
    let database = try makeDatabase(readers: 2)
    try database.write { connection in
      for value in 1...100 { try connection.run("INSERT INTO t VALUES (?)", value) }
    }
    let wrong = Counter()
    DispatchQueue.concurrentPerform(iterations: 8) { index in
      for round in 0..<50 {
        let sum =
          index.isMultiple(of: 2)
          ? try? database.read { try $0.scalar("SELECT sum(x) FROM t", as: Int.self) }
          : try? database.read(loop: round) { try $0.scalar("SELECT sum(x) FROM t", as: Int.self) }
        if sum != 5050 { wrong.add() }
      }
    }
    XCTAssertEqual(wrong.value, 0)
  }

  func testMigrateThroughTheWriter() throws {
    let database = try Database(path: folder.path("m.sqlite"), readers: 1)
    let migrator = try Migrator([Migration(version: 1, name: "t", sql: "CREATE TABLE t (x INTEGER)")])
    XCTAssertEqual(try database.withWriter { try migrator.migrate($0) }, [1])
    XCTAssertEqual(try database.read { try migrator.status(of: $0) }, SchemaStatus(current: 1, latest: 1))
  }

  func testBackupDoesNotNeedAFreeReader() throws {
    let database = try makeDatabase(readers: 1)
    try database.write { try $0.run("INSERT INTO t VALUES (?)", 7) }
    let copyPath = folder.path("copy.sqlite")
    // The only reader is busy (held by this very thread); a backup through it would wait forever.
    try database.read(loop: 0) { _ in try database.backup(to: copyPath) }
    let copy = try Connection(path: copyPath, readOnly: true)
    XCTAssertEqual(try copy.scalar("SELECT x FROM t", as: Int.self), 7)
  }
}
