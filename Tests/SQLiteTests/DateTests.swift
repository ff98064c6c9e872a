import Foundation
import SQLite
import XCTest

final class DateTests: XCTestCase {
  func testDateTextFormatIsUTCWholeSeconds() {
    XCTAssertEqual(Date(timeIntervalSince1970: 0).sqliteValue, .text("1970-01-01T00:00:00Z"))
    XCTAssertEqual(Date(timeIntervalSince1970: 1_278_000_000.9).sqliteValue, .text("2010-07-01T16:00:00Z"))
    XCTAssertEqual(Date(timeIntervalSince1970: -1).sqliteValue, .text("1969-12-31T23:59:59Z"))
    XCTAssertEqual(Date(timeIntervalSince1970: 951_825_599).sqliteValue, .text("2000-02-29T11:59:59Z"))
    XCTAssertEqual(Date(timeIntervalSince1970: 4_102_444_800).sqliteValue, .text("2100-01-01T00:00:00Z"))
  }

  func testDateParsingAcceptsSQLiteFormsAndRejectsOthers() {
    let expected = Date(timeIntervalSince1970: 1_278_000_000)
    XCTAssertEqual(Date(sqliteValue: .text("2010-07-01T16:00:00Z")), expected)
    XCTAssertEqual(Date(sqliteValue: .text("2010-07-01 16:00:00")), expected)
    XCTAssertEqual(Date(sqliteValue: .text("2010-07-01T16:00:00.250Z")), expected.addingTimeInterval(0.25))
    for bad in [
      "2010-07-01", "2010-07-01T16:00Z", "2010-13-01T16:00:00Z", "2010-02-30T16:00:00Z",
      "2010-07-01T24:00:00Z", "2010-07-01T16:00:00+02:00", "2010-07-01T16:00:00.Z", "x010-07-01T16:00:00Z",
    ] {
      XCTAssertNil(Date(sqliteValue: .text(bad)), bad)
    }
    XCTAssertNil(Date(sqliteValue: .integer(1_278_000_000)))
  }

  /// SQLite's own date functions are the independent oracle for the calendar arithmetic.
  func testDateTextAgreesWithSQLiteAcrossCenturies() throws {
    let connection = try Connection(path: ":memory:")
    var generator = SystemRandomNumberGenerator()
    var seconds: [Int64] = [0, -1, 951_782_400, 4_107_542_399, -2_208_988_800, 253_402_300_799]
    for _ in 0..<500 {
      seconds.append(Int64.random(in: -30_000_000_000...200_000_000_000, using: &generator))
    }
    for second in seconds {
      let date = Date(timeIntervalSince1970: TimeInterval(second))
      let expected = try connection.scalar(
        "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', ?, 'unixepoch')", second, as: String.self)
      XCTAssertEqual(date.sqliteValue, .text(try XCTUnwrap(expected)), "\(second)")
      XCTAssertEqual(try connection.scalar("SELECT ?", date, as: Date.self), date)
      let day = SQLDate(date, in: TimeZone(secondsFromGMT: 0)!)
      XCTAssertEqual(
        try connection.scalar("SELECT date(?, 'unixepoch')", second, as: SQLDate.self), day, "\(second)")
      if day.year < 9999 {
        XCTAssertEqual(
          try connection.scalar("SELECT date(?, '+1 day')", day, as: SQLDate.self), day.adding(days: 1))
      }
    }
  }

  func testSQLDateValidatesTheCalendar() {
    XCTAssertNotNil(SQLDate(year: 2024, month: 2, day: 29))
    XCTAssertNil(SQLDate(year: 2023, month: 2, day: 29))
    XCTAssertNil(SQLDate(year: 1900, month: 2, day: 29))
    XCTAssertNotNil(SQLDate(year: 2000, month: 2, day: 29))
    XCTAssertNil(SQLDate(year: 2010, month: 4, day: 31))
    XCTAssertNil(SQLDate(year: 2010, month: 0, day: 1))
    XCTAssertNil(SQLDate(year: 0, month: 1, day: 1))
    XCTAssertEqual(SQLDate("2010-07-01"), SQLDate(year: 2010, month: 7, day: 1))
    for bad in ["2010-7-1", "2010-07-01T00:00:00Z", "2010/07/01", "", "2010-07-32", " 2010-07-01"] {
      XCTAssertNil(SQLDate(bad), bad)
    }
    XCTAssertEqual(SQLDate(year: 987, month: 6, day: 5)?.description, "0987-06-05")
  }

  func testSQLDateArithmeticAndOrder() throws {
    let date = try XCTUnwrap(SQLDate("2009-12-31"))
    XCTAssertEqual(date.adding(days: 1), SQLDate("2010-01-01"))
    XCTAssertEqual(date.adding(days: 60), SQLDate("2010-03-01"))
    XCTAssertEqual(date.adding(days: -365), SQLDate("2008-12-31"))
    XCTAssertEqual(SQLDate("1970-01-01")?.daysSinceEpoch, 0)
    XCTAssertEqual(SQLDate("1969-12-31")?.daysSinceEpoch, -1)
    XCTAssertLessThan(try XCTUnwrap(SQLDate("2009-10-15")), try XCTUnwrap(SQLDate("2009-11-05")))
    XCTAssertLessThan(try XCTUnwrap(SQLDate("2009-12-31")), try XCTUnwrap(SQLDate("2010-01-01")))
  }

  func testSQLDateFromAnInstantInATimeZone() throws {
    let copenhagen = try XCTUnwrap(TimeZone(identifier: "Europe/Copenhagen"))
    // 2010-06-30T23:30:00Z is 01:30 the next day in Copenhagen (summer time, UTC+2).
    let lateEvening = Date(timeIntervalSince1970: 1_277_940_600)
    XCTAssertEqual(SQLDate(lateEvening, in: copenhagen), SQLDate("2010-07-01"))
    XCTAssertEqual(SQLDate(lateEvening, in: TimeZone(secondsFromGMT: 0)!), SQLDate("2010-06-30"))
  }

  func testSQLDateCodableAsText() throws {
    let date = try XCTUnwrap(SQLDate("2010-07-01"))
    let json = try JSONEncoder().encode([date])
    XCTAssertEqual(String(decoding: json, as: UTF8.self), #"["2010-07-01"]"#)
    XCTAssertEqual(try JSONDecoder().decode([SQLDate].self, from: json), [date])
    XCTAssertThrowsError(try JSONDecoder().decode([SQLDate].self, from: Data(#"["2010-02-30"]"#.utf8)))
  }
}
