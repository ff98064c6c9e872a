import SQLite
import XCTest

final class TransactionTests: XCTestCase {
  private struct Failure: Error {}
  private var folder: TemporaryFolder!
  private var connection: Connection!

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    connection = try Connection(path: folder.path("t.sqlite"))
    try connection.execute("CREATE TABLE t (x INTEGER NOT NULL)")
  }

  override func tearDown() {
    connection = nil
    folder.remove()
  }

  private func values() throws -> [Int] {
    try connection.query("SELECT x FROM t ORDER BY x").map { try $0.get("x") }
  }

  func testCommitKeepsWritesAndReturnsTheResult() throws {
    let result = try connection.transaction { () -> Int in
      XCTAssertTrue(connection.isInTransaction)
      try connection.run("INSERT INTO t VALUES (?)", 1)
      try connection.run("INSERT INTO t VALUES (?)", 2)
      return 42
    }
    XCTAssertEqual(result, 42)
    XCTAssertFalse(connection.isInTransaction)
    XCTAssertEqual(try values(), [1, 2])
  }

  func testThrowRollsBackEverything() throws {
    XCTAssertThrowsError(
      try connection.transaction {
        try connection.run("INSERT INTO t VALUES (?)", 1)
        try connection.run("INSERT INTO t VALUES (?)", 2)
        throw Failure()
      }
    ) { error in XCTAssertTrue(error is Failure) }
    XCTAssertFalse(connection.isInTransaction)
    XCTAssertEqual(try values(), [])
  }

  func testSQLErrorRollsBackEarlierWrites() throws {
    XCTAssertThrowsError(
      try connection.transaction {
        try connection.run("INSERT INTO t VALUES (?)", 1)
        try connection.run("INSERT INTO t VALUES (?)", nil)
      }
    ) { error in XCTAssertEqual((error as? SQLiteError)?.isNotNullViolation, true) }
    XCTAssertEqual(try values(), [])
  }

  func testNestedTransactionRollsBackOnlyItsOwnWork() throws {
    try connection.transaction {
      try connection.run("INSERT INTO t VALUES (?)", 1)
      XCTAssertThrowsError(
        try connection.transaction {
          try connection.run("INSERT INTO t VALUES (?)", 2)
          throw Failure()
        })
      try connection.transaction {
        try connection.run("INSERT INTO t VALUES (?)", 3)
        try connection.transaction {
          try connection.run("INSERT INTO t VALUES (?)", 4)
        }
      }
      XCTAssertTrue(connection.isInTransaction)
    }
    XCTAssertEqual(try values(), [1, 3, 4])
  }

  func testOuterThrowUndoesCommittedInnerSavepoints() throws {
    XCTAssertThrowsError(
      try connection.transaction {
        try connection.transaction {
          try connection.run("INSERT INTO t VALUES (?)", 1)
        }
        throw Failure()
      })
    XCTAssertEqual(try values(), [])
  }

  func testTriggerRaiseMessagePassesThroughIntact() throws {
    try connection.execute(
      """
      CREATE TRIGGER no_negatives BEFORE INSERT ON t WHEN NEW.x < 0
      BEGIN SELECT RAISE(ABORT, 'x må ikke være negativ: §2, stk. 1'); END;
      """)
    XCTAssertThrowsError(try connection.run("INSERT INTO t VALUES (?)", -1)) { error in
      let error = error as? SQLiteError
      XCTAssertEqual(error?.message, "x må ikke være negativ: §2, stk. 1")
      XCTAssertEqual(error?.isRaisedByTrigger, true)
      XCTAssertEqual(error?.isConstraintViolation, true)
    }
  }

  func testTriggerRaiseRollbackInsideTransactionIsHandled() throws {
    try connection.execute(
      """
      CREATE TRIGGER stop BEFORE INSERT ON t WHEN NEW.x = 13
      BEGIN SELECT RAISE(ROLLBACK, 'unlucky'); END;
      """)
    XCTAssertThrowsError(
      try connection.transaction {
        try connection.run("INSERT INTO t VALUES (?)", 1)
        try connection.run("INSERT INTO t VALUES (?)", 13)
      }
    ) { error in XCTAssertEqual((error as? SQLiteError)?.message, "unlucky") }
    XCTAssertFalse(connection.isInTransaction)
    XCTAssertEqual(try values(), [])
    try connection.transaction { try connection.run("INSERT INTO t VALUES (?)", 2) }
    XCTAssertEqual(try values(), [2])
  }

  func testFailedCommitRollsBack() throws {
    try connection.execute(
      """
      CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
      """)
    XCTAssertThrowsError(
      try connection.transaction {
        try connection.run("INSERT INTO child VALUES (?)", 9)
      }
    ) { error in XCTAssertEqual((error as? SQLiteError)?.isForeignKeyViolation, true) }
    XCTAssertFalse(connection.isInTransaction)
    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM child", as: Int.self), 0)
  }
}
