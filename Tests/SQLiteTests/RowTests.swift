import SQLite
import XCTest

final class RowTests: XCTestCase {
  private var folder: TemporaryFolder!
  private var connection: Connection!

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    connection = try Connection(path: folder.path("r.sqlite"))
    try connection.execute(
      """
      CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, born TEXT, score REAL, active INTEGER);
      INSERT INTO person VALUES (1, 'Åse', '1970-05-17', 2.5, 1);
      INSERT INTO person VALUES (2, NULL, NULL, NULL, 7);
      """)
  }

  override func tearDown() {
    connection = nil
    folder.remove()
  }

  func testReadByNameAndIndex() throws {
    let row = try XCTUnwrap(try connection.queryOne("SELECT * FROM person WHERE id = ?", 1))
    XCTAssertEqual(row.columnNames, ["id", "name", "born", "score", "active"])
    XCTAssertEqual(try row.get("name", as: String.self), "Åse")
    XCTAssertEqual(try row.get(1, as: String.self), "Åse")
    XCTAssertEqual(try row.get("born", as: SQLDate.self), SQLDate(year: 1970, month: 5, day: 17))
    XCTAssertEqual(try row.get("score", as: Double.self), 2.5)
    XCTAssertEqual(try row.get("active", as: Bool.self), true)
    XCTAssertEqual(try row.get("NAME", as: String.self), "Åse", "column names are case-insensitive")
    XCTAssertEqual(row["id"], .integer(1))
    XCTAssertEqual(row[0], .integer(1))
    XCTAssertNil(row["nope"])
    let id: Int = try row.get("id")
    XCTAssertEqual(id, 1)
  }

  func testNullAsNonOptionalThrowsNamingTheColumn() throws {
    let row = try XCTUnwrap(try connection.queryOne("SELECT * FROM person WHERE id = ?", 2))
    XCTAssertThrowsError(try row.get("name", as: String.self)) { error in
      let error = error as? SQLiteError
      XCTAssertEqual(error?.code, 20)  // SQLITE_MISMATCH
      XCTAssertTrue(error?.message.contains("'name'") ?? false, "\(String(describing: error))")
      XCTAssertTrue(error?.message.contains("NULL") ?? false)
    }
    XCTAssertNil(try row.get("name", as: String?.self))
    XCTAssertNil(try row.get("score", as: Double?.self))
  }

  func testWrongTypeThrowsNamingTheColumn() throws {
    let row = try XCTUnwrap(try connection.queryOne("SELECT * FROM person WHERE id = ?", 1))
    XCTAssertThrowsError(try row.get("name", as: Int.self)) { error in
      XCTAssertTrue((error as? SQLiteError)?.message.contains("'name'") ?? false)
    }
    XCTAssertThrowsError(try row.get("id", as: String.self))
    XCTAssertThrowsError(try row.get("score", as: Int.self), "a REAL is not silently truncated")
    XCTAssertThrowsError(try row.get("name", as: SQLDate.self))
    XCTAssertThrowsError(try row.get("name", as: Int?.self), "a present value of the wrong type is an error")
    let other = try XCTUnwrap(try connection.queryOne("SELECT active FROM person WHERE id = ?", 2))
    XCTAssertThrowsError(try other.get("active", as: Bool.self), "7 is not a boolean")
  }

  func testMissingColumnThrows() throws {
    let row = try XCTUnwrap(try connection.queryOne("SELECT id FROM person"))
    XCTAssertThrowsError(try row.get("name", as: String.self)) { error in
      XCTAssertTrue((error as? SQLiteError)?.message.contains("no column named 'name'") ?? false)
    }
    XCTAssertThrowsError(try row.get(5, as: Int.self))
  }

  func testQueryReturnsAllRowsInOrder() throws {
    let rows = try connection.query("SELECT id, name FROM person ORDER BY id DESC")
    XCTAssertEqual(try rows.map { try $0.get("id", as: Int.self) }, [2, 1])
    XCTAssertEqual(rows.map(\.count), [2, 2])
  }
}
