import Foundation
import SQLite
import XCTest

final class ConnectionTests: XCTestCase {
  private var folder: TemporaryFolder!

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
  }

  override func tearDown() {
    folder.remove()
  }

  func testOpensInWALModeWithForeignKeysAndFullSync() throws {
    let connection = try Connection(path: folder.path("a.sqlite"))
    XCTAssertEqual(try connection.scalar("PRAGMA journal_mode", as: String.self), "wal")
    XCTAssertEqual(try connection.scalar("PRAGMA foreign_keys", as: Int.self), 1)
    XCTAssertEqual(try connection.scalar("PRAGMA synchronous", as: Int.self), 2)  // FULL
    try connection.execute("CREATE TABLE t (x INTEGER)")
    XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path("a.sqlite-wal")))
  }

  func testADatabaseThatIsNotInWALModeIsRefusedReadOnly() throws {
    let path = folder.path("rollback.sqlite")
    do {
      let connection = try Connection(path: path)
      try connection.execute("CREATE TABLE t (x); PRAGMA journal_mode = DELETE")
      XCTAssertEqual(try connection.scalar("PRAGMA journal_mode", as: String.self), "delete")
    }
    XCTAssertThrowsError(try Connection(path: path, readOnly: true)) { error in
      XCTAssertTrue((error as? SQLiteError)?.message.contains("not wal") ?? false, "\(error)")
    }
    // A read-write open switches it back to WAL.
    XCTAssertEqual(try Connection(path: path).scalar("PRAGMA journal_mode", as: String.self), "wal")
  }

  func testForeignKeysAreEnforced() throws {
    let connection = try Connection(path: folder.path("fk.sqlite"))
    try connection.execute(
      """
      CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
      INSERT INTO parent (id) VALUES (1);
      """)
    try connection.run("INSERT INTO child (parent_id) VALUES (?)", 1)
    XCTAssertThrowsError(try connection.run("INSERT INTO child (parent_id) VALUES (?)", 2)) { error in
      let error = error as? SQLiteError
      XCTAssertEqual(error?.isForeignKeyViolation, true, "\(String(describing: error))")
      XCTAssertEqual(error?.isConstraintViolation, true)
      XCTAssertEqual(error?.sql, "INSERT INTO child (parent_id) VALUES (?)")
    }
    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM child", as: Int.self), 1)
  }

  func testMissingParentFoldersAreCreated() throws {
    let path = folder.path("one/two/three/db.sqlite")
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("one")))
    let connection = try Connection(path: path)
    try connection.execute("CREATE TABLE t (x)")
    XCTAssertTrue(FileManager.default.fileExists(atPath: path))
  }

  func testAFileThatIsNotADatabaseIsRefused() throws {
    let path = folder.path("notes.sqlite")
    try Data("These are my notes, not a database. Long enough to fill a header and more.".utf8)
      .write(to: URL(fileURLWithPath: path))
    for readOnly in [false, true] {
      XCTAssertThrowsError(try Connection(path: path, readOnly: readOnly)) { error in
        XCTAssertEqual((error as? SQLiteError)?.message, "\(path) is not an SQLite database")
        XCTAssertEqual((error as? SQLiteError)?.code, 26)  // SQLITE_NOTADB
      }
    }
    let contents = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertTrue(contents.hasPrefix("These are my notes"), "the file must be left untouched")
  }

  func testAnEmptyFileBecomesADatabase() throws {
    let path = folder.path("empty.sqlite")
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
    let connection = try Connection(path: path)
    try connection.execute("CREATE TABLE t (x)")
    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM t", as: Int.self), 0)
  }

  func testReadOnlyConnectionCannotWrite() throws {
    let path = folder.path("ro.sqlite")
    let writer = try Connection(path: path)
    try writer.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)")
    let reader = try Connection(path: path, readOnly: true)
    XCTAssertTrue(reader.isReadOnly)
    XCTAssertEqual(try reader.scalar("SELECT x FROM t", as: Int.self), 1)
    XCTAssertThrowsError(try reader.run("INSERT INTO t VALUES (?)", 2)) { error in
      XCTAssertEqual((error as? SQLiteError)?.primaryCode, 8)  // SQLITE_READONLY
    }
    XCTAssertEqual(try writer.scalar("SELECT count(*) FROM t", as: Int.self), 1)
  }

  func testReadOnlyOpenOfAMissingFileFailsAndCreatesNothing() throws {
    let path = folder.path("missing/db.sqlite")
    XCTAssertThrowsError(try Connection(path: path, readOnly: true))
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("missing")))
  }

  func testRunRefusesTwoStatementsAndWrongArgumentCounts() throws {
    let connection = try Connection(path: folder.path("c.sqlite"))
    try connection.execute("CREATE TABLE t (x INTEGER)")
    XCTAssertThrowsError(try connection.run("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)")) { error in
      XCTAssertTrue((error as? SQLiteError)?.message.contains("more than one statement") ?? false)
    }
    XCTAssertThrowsError(try connection.run("INSERT INTO t VALUES (?)")) { error in
      XCTAssertEqual((error as? SQLiteError)?.code, 25)  // SQLITE_RANGE
    }
    XCTAssertThrowsError(try connection.run("INSERT INTO t VALUES (?)", 1, 2))
    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM t", as: Int.self), 0)
    // A trailing semicolon or comment is not a second statement.
    try connection.run("INSERT INTO t VALUES (?); -- done", 3)
    XCTAssertEqual(try connection.scalar("SELECT x FROM t", as: Int.self), 3)
  }

  func testSyntaxErrorCarriesMessageAndSQL() throws {
    let connection = try Connection(path: folder.path("s.sqlite"))
    XCTAssertThrowsError(try connection.query("SELEC 1")) { error in
      let error = error as? SQLiteError
      XCTAssertEqual(error?.primaryCode, 1)  // SQLITE_ERROR
      XCTAssertTrue(error?.message.contains("syntax error") ?? false, "\(String(describing: error))")
      XCTAssertEqual(error?.sql, "SELEC 1")
      XCTAssertTrue(error?.description.contains("SELEC 1") ?? false)
    }
  }

  func testChangesAndLastInsertRowID() throws {
    let connection = try Connection(path: folder.path("ch.sqlite"))
    try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)")
    try connection.run("INSERT INTO t (x) VALUES (?)", 10)
    XCTAssertEqual(connection.lastInsertRowID, 1)
    try connection.run("INSERT INTO t (id, x) VALUES (?, ?)", 42, 20)
    XCTAssertEqual(connection.lastInsertRowID, 42)
    try connection.run("INSERT INTO t (x) VALUES (?)", 30)
    XCTAssertEqual(connection.lastInsertRowID, 43)
    try connection.run("UPDATE t SET x = x + 1 WHERE x >= ?", 20)
    XCTAssertEqual(connection.changes, 2)
    try connection.run("DELETE FROM t")
    XCTAssertEqual(connection.changes, 3)
  }

  func testQueryOneAndScalarWithoutRows() throws {
    let connection = try Connection(path: folder.path("q.sqlite"))
    try connection.execute("CREATE TABLE t (x INTEGER)")
    XCTAssertNil(try connection.queryOne("SELECT x FROM t"))
    XCTAssertNil(try connection.scalar("SELECT x FROM t", as: Int.self))
    try connection.run("INSERT INTO t VALUES (NULL)")
    XCTAssertNil(try connection.scalar("SELECT x FROM t", as: Int.self))
    XCTAssertNotNil(try connection.queryOne("SELECT x FROM t"))
  }

  func testIterateStreamsEveryRowInOrder() throws {
    let connection = try Connection(path: folder.path("it.sqlite"))
    try connection.execute("CREATE TABLE t (x INTEGER)")
    try connection.transaction {
      for value in 1...1000 {
        try connection.run("INSERT INTO t VALUES (?)", value)
      }
    }
    var seen: [Int] = []
    try connection.iterate("SELECT x FROM t WHERE x > ? ORDER BY x", 10) { row in
      seen.append(try row.get("x"))
    }
    XCTAssertEqual(seen, Array(11...1000))
  }

  func testBusyTimeoutEndsInABusyError() throws {
    let path = folder.path("busy.sqlite")
    let holder = try Connection(path: path)
    let waiter = try Connection(path: path, busyTimeout: .milliseconds(200))
    try holder.execute("CREATE TABLE t (x INTEGER)")
    let started = ContinuousClock.now
    try holder.transaction {
      try holder.run("INSERT INTO t VALUES (?)", 1)
      XCTAssertThrowsError(try waiter.transaction { try waiter.run("INSERT INTO t VALUES (?)", 2) }) {
        error in
        XCTAssertEqual((error as? SQLiteError)?.isBusy, true, "\(error)")
      }
    }
    XCTAssertLessThan(
      ContinuousClock.now - started, .seconds(5), "the short timeout applies, not the default")
    XCTAssertFalse(waiter.isInTransaction)
    try waiter.transaction { try waiter.run("INSERT INTO t VALUES (?)", 3) }
    XCTAssertEqual(
      try waiter.query("SELECT x FROM t ORDER BY x").map { try $0.get("x", as: Int.self) }, [1, 3])
  }
}
