import SQLite
import XCTest

@testable import Store

/// "Today" for the rules is the Danish calendar date, not SQLite's UTC date.
final class DanishTodayTests: XCTestCase {
  private func danishDate(atUTC timestamp: String) throws -> String? {
    let connection = try Connection(path: ":memory:")
    return try connection.scalar(
      "SELECT " + DanishToday.date(atUTC: "'\(timestamp)'"), as: String.self)
  }

  func testWinterIsOneHourAhead() throws {
    XCTAssertEqual(try danishDate(atUTC: "2026-11-22 22:59:59"), "2026-11-22")
    XCTAssertEqual(try danishDate(atUTC: "2026-11-22 23:00:00"), "2026-11-23")
    XCTAssertEqual(try danishDate(atUTC: "2011-12-31 23:30:00"), "2012-01-01")
  }

  func testSummerIsTwoHoursAhead() throws {
    XCTAssertEqual(try danishDate(atUTC: "2010-06-30 21:59:59"), "2010-06-30")
    XCTAssertEqual(try danishDate(atUTC: "2010-06-30 22:00:00"), "2010-07-01")
  }

  func testSummerTimeStartsAndEndsAtOneUTCOnTheLastSundays() throws {
    // 2026: summer time from Sunday 29 March to Sunday 25 October, 01:00 UTC.
    XCTAssertEqual(try danishDate(atUTC: "2026-03-28 22:30:00"), "2026-03-28")  // still winter: 23:30
    XCTAssertEqual(try danishDate(atUTC: "2026-10-24 22:30:00"), "2026-10-25")  // still summer: 00:30
    XCTAssertEqual(try danishDate(atUTC: "2026-10-25 22:30:00"), "2026-10-25")  // winter again: 23:30
    // 2012: 31 March was a Saturday, so summer time began on the 25th.
    XCTAssertEqual(try danishDate(atUTC: "2012-03-25 22:30:00"), "2012-03-26")
    XCTAssertEqual(try danishDate(atUTC: "2012-03-24 22:30:00"), "2012-03-24")
  }

  func testTheViewAgreesWithTheExpressionForNow() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store.open(path: folder.appendingPathComponent("db.sqlite").path, readers: 1)
    let expected = try store.database.read { connection in
      try connection.scalar("SELECT " + DanishToday.date(atUTC: "datetime('now')"), as: String.self)
    }
    XCTAssertEqual(try store.today().description, expected)
  }
}
