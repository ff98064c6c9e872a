import Foundation
import SQLite
import XCTest

final class BindingTests: XCTestCase {
  private var folder: TemporaryFolder!
  private var connection: Connection!

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    connection = try Connection(path: folder.path("b.sqlite"))
    try connection.execute("CREATE TABLE v (value)")  // no declared type: no affinity conversions
  }

  override func tearDown() {
    connection = nil
    folder.remove()
  }

  private func roundTrip<T: SQLiteValueConvertible & Equatable>(
    _ value: T, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    try connection.run("DELETE FROM v")
    try connection.run("INSERT INTO v (value) VALUES (?)", value)
    let row = try XCTUnwrap(try connection.queryOne("SELECT value FROM v"), file: file, line: line)
    XCTAssertEqual(try row.get("value", as: T.self), value, file: file, line: line)
    XCTAssertEqual(row["value"], value.sqliteValue, file: file, line: line)
  }

  func testIntegersIncludingExtremes() throws {
    for value in [0, 1, -1, Int.max, Int.min, 2_147_483_648] {
      try roundTrip(value)
    }
    for value in [Int64.max, Int64.min, Int64(0)] {
      try roundTrip(value)
    }
  }

  func testDoubles() throws {
    for value in [0.0, -0.5, 3.141_592_653_589_793, 1e300, -1e-300, Double.greatestFiniteMagnitude] {
      try roundTrip(value)
    }
  }

  func testBooleansAreStoredAsZeroAndOne() throws {
    try roundTrip(true)
    XCTAssertEqual(try connection.scalar("SELECT value FROM v", as: Int.self), 1)
    try roundTrip(false)
    XCTAssertEqual(try connection.scalar("SELECT value FROM v", as: Int.self), 0)
  }

  func testStringsIncludingDanishLettersEmojiEmptyAndNUL() throws {
    for value in ["", "Ærø Kommune", "æøå ÆØÅ", "Høje-Taastrup", "🇩🇰", "a\u{0}b", "'; DROP TABLE v; --"] {
      try roundTrip(value)
    }
    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM v", as: Int.self), 1, "the table survived")
    try connection.run("DELETE FROM v")
    try connection.run("INSERT INTO v VALUES (?)", "æøå")
    XCTAssertEqual(try connection.scalar("SELECT length(value) FROM v", as: Int.self), 3)
    XCTAssertEqual(try connection.scalar("SELECT typeof(value) FROM v", as: String.self), "text")
    try connection.run("DELETE FROM v")
    try connection.run("INSERT INTO v VALUES (?)", "")
    XCTAssertEqual(try connection.scalar("SELECT typeof(value) FROM v", as: String.self), "text")
  }

  func testBlobsIncludingNULBytesAndEmpty() throws {
    try roundTrip([UInt8]([0, 1, 0, 255, 0]))
    try roundTrip([UInt8](0...255))
    try roundTrip([UInt8]())
    XCTAssertEqual(try connection.scalar("SELECT typeof(value) FROM v", as: String.self), "blob")
    try roundTrip(Data([0, 0, 7, 0]))
    XCTAssertEqual(try connection.scalar("SELECT length(value) FROM v", as: Int.self), 4)
  }

  func testNilBindsNullAndOptionalsRoundTrip() throws {
    let missing: String? = nil
    try connection.run("INSERT INTO v VALUES (?)", missing)
    try connection.run("INSERT INTO v VALUES (?)", nil)
    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM v WHERE value IS NULL", as: Int.self), 2)
    try roundTrip(String?.none)
    try roundTrip(String?.some("x"))
    try roundTrip(Int?.some(5))
  }

  func testDatesAsISO8601Text() throws {
    let date = Date(timeIntervalSince1970: 1_262_304_000)  // 2010-01-01T00:00:00Z
    try connection.run("INSERT INTO v VALUES (?)", date)
    XCTAssertEqual(try connection.scalar("SELECT value FROM v", as: String.self), "2010-01-01T00:00:00Z")
    XCTAssertEqual(try connection.scalar("SELECT value FROM v", as: Date.self), date)
    try roundTrip(Date(timeIntervalSince1970: 951_782_400))  // 2000-02-29
    try roundTrip(Date(timeIntervalSince1970: -86_400 * 365))
  }

  func testSQLDateAsCalendarText() throws {
    let date = try XCTUnwrap(SQLDate(year: 2010, month: 7, day: 1))
    try roundTrip(date)
    XCTAssertEqual(try connection.scalar("SELECT value FROM v", as: String.self), "2010-07-01")
    XCTAssertEqual(
      try connection.scalar("SELECT date(value, '+1 day') FROM v", as: SQLDate.self), date.adding(days: 1))
  }

  func testArrayOfArgumentsOverload() throws {
    try connection.execute("CREATE TABLE w (a, b, c)")
    let arguments: [SQLArgument] = [1, "two", nil]
    try connection.run("INSERT INTO w VALUES (?, ?, ?)", arguments: arguments)
    let row = try XCTUnwrap(try connection.queryOne("SELECT * FROM w WHERE a = ?", arguments: [1]))
    XCTAssertEqual(row.values, [.integer(1), .text("two"), .null])
  }

  func testRawRepresentableTypesConvertThroughTheirRawValue() throws {
    try roundTrip(Direction.lowerIsBetter)
    XCTAssertEqual(try connection.scalar("SELECT value FROM v", as: String.self), "lower")
    try connection.run("UPDATE v SET value = ?", "sideways")
    let row = try XCTUnwrap(try connection.queryOne("SELECT value FROM v"))
    XCTAssertThrowsError(try row.get("value", as: Direction.self)) { error in
      XCTAssertTrue((error as? SQLiteError)?.message.contains("'sideways'") ?? false, "\(error)")
    }
  }
}

private enum Direction: String, SQLiteValueConvertible {
  case higherIsBetter = "higher"
  case lowerIsBetter = "lower"
}
