import SQLite
import XCTest

final class StatementCacheTests: XCTestCase {
  private var folder: TemporaryFolder!

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
  }

  override func tearDown() {
    folder.remove()
  }

  func testTheSameSQLIsPreparedOnce() throws {
    let connection = try Connection(path: folder.path("c.sqlite"))
    try connection.execute("CREATE TABLE t (x INTEGER)")
    let before = connection.preparedStatementCount
    for value in 1...50 {
      try connection.run("INSERT INTO t VALUES (?)", value)
    }
    XCTAssertEqual(connection.preparedStatementCount, before + 1)
    for _ in 1...5 {
      _ = try connection.query("SELECT x FROM t WHERE x > ?", 10)
    }
    XCTAssertEqual(connection.preparedStatementCount, before + 2)
    _ = try connection.query("SELECT x FROM t WHERE x > ? ", 10)  // different text, different statement
    XCTAssertEqual(connection.preparedStatementCount, before + 3)
    connection.clearStatementCache()
    try connection.run("INSERT INTO t VALUES (?)", 51)
    XCTAssertEqual(connection.preparedStatementCount, before + 4)
  }

  func testBindingsAreClearedBetweenUses() throws {
    let connection = try Connection(path: folder.path("c.sqlite"))
    try connection.execute("CREATE TABLE t (a, b)")
    try connection.run("INSERT INTO t VALUES (?, ?)", 1, "one")
    try connection.run("INSERT INTO t VALUES (?, ?)", 2, nil)
    let rows = try connection.query("SELECT a, b FROM t ORDER BY a")
    XCTAssertEqual(rows.map(\.values), [[.integer(1), .text("one")], [.integer(2), .null]])
  }

  func testAStatementThatThrowsMidStepIsResetAndReusable() throws {
    let connection = try Connection(path: folder.path("c.sqlite"))
    try connection.execute("CREATE TABLE t (x INTEGER UNIQUE)")
    let insert = "INSERT INTO t VALUES (?)"
    try connection.run(insert, 1)
    XCTAssertThrowsError(try connection.run(insert, 1)) { error in
      XCTAssertEqual((error as? SQLiteError)?.isUniqueViolation, true)
    }
    try connection.run(insert, 2)
    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM t", as: Int.self), 2)
  }

  /// A reader whose statement was left mid-result would pin its WAL snapshot, so a checkpoint could not copy the
  /// later frames back; after the body throws, the statement must have been reset and the checkpoint is complete.
  func testIterationStoppedByAThrowReleasesTheSnapshot() throws {
    struct Stop: Error {}
    let path = folder.path("c.sqlite")
    let writer = try Connection(path: path)
    try writer.execute("CREATE TABLE t (x INTEGER)")
    try writer.transaction {
      for value in 1...100 { try writer.run("INSERT INTO t VALUES (?)", value) }
    }
    let reader = try Connection(path: path, readOnly: true)
    var seen = 0
    XCTAssertThrowsError(
      try reader.iterate("SELECT x FROM t") { _ in
        seen += 1
        if seen == 3 { throw Stop() }
      }
    ) { error in XCTAssertTrue(error is Stop) }
    XCTAssertEqual(seen, 3)
    try writer.run("INSERT INTO t VALUES (?)", 101)
    XCTAssertTrue(try checkpointIsComplete(writer))
    // The same SQL runs again from the start.
    var all = 0
    try reader.iterate("SELECT x FROM t") { _ in all += 1 }
    XCTAssertEqual(all, 101)
  }

  func testPinnedSnapshotIsDetectedByTheCheckpointProbe() throws {
    // Guards the test above: the probe must see a reader that really is inside a read transaction.
    let path = folder.path("c.sqlite")
    let writer = try Connection(path: path)
    try writer.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)")
    let reader = try Connection(path: path, readOnly: true)
    try reader.transaction(.deferred) {
      _ = try reader.query("SELECT x FROM t")
      try writer.run("INSERT INTO t VALUES (?)", 2)
      XCTAssertFalse(try checkpointIsComplete(writer))
    }
  }

  /// Runs a passive checkpoint (it never waits) and tells whether it copied every frame of the WAL.
  private func checkpointIsComplete(_ connection: Connection) throws -> Bool {
    let row = try XCTUnwrap(try connection.queryOne("PRAGMA wal_checkpoint(PASSIVE)"))
    let log = try row.get("log", as: Int.self)
    XCTAssertGreaterThan(log, 0)
    return try row.get("checkpointed", as: Int.self) == log
  }

  func testTheSameSQLCanRunInsideItsOwnIteration() throws {
    let connection = try Connection(path: folder.path("c.sqlite"))
    try connection.execute("CREATE TABLE t (x INTEGER)")
    for value in 1...4 { try connection.run("INSERT INTO t VALUES (?)", value) }
    let sql = "SELECT x FROM t WHERE x <= ? ORDER BY x"
    let before = connection.preparedStatementCount
    var pairs: [[Int]] = []
    try connection.iterate(sql, 3) { outer in
      let limit: Int = try outer.get("x")
      pairs.append(try connection.query(sql, limit).map { try $0.get("x") })
    }
    XCTAssertEqual(pairs, [[1], [1, 2], [1, 2, 3]])
    XCTAssertEqual(
      connection.preparedStatementCount, before + 1 + pairs.count, "one cached, a stand-in per inner use")
    XCTAssertEqual(try connection.query(sql, 2).count, 2)
    XCTAssertEqual(
      connection.preparedStatementCount, before + 1 + pairs.count, "the cached one is reused afterwards")
  }

  func testTheCacheIsBounded() throws {
    let connection = try Connection(path: folder.path("c.sqlite"))
    for number in 0..<(Connection.statementCacheLimit + 10) {
      XCTAssertEqual(try connection.scalar("SELECT \(number)", as: Int.self), number)
    }
    XCTAssertLessThanOrEqual(connection.cachedStatementCount, Connection.statementCacheLimit)
    XCTAssertGreaterThan(connection.cachedStatementCount, 0)
  }
}
