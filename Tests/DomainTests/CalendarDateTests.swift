import Domain
import XCTest

final class CalendarDateTests: XCTestCase {
  private func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

  func testParsesAndFormatsRoundTrip() {
    for text in ["2010-07-01", "2012-02-29", "0999-12-31", "2013-01-01"] {
      XCTAssertEqual(CalendarDate(text)?.description, text)
    }
    let parsed = date("2011-10-15")
    XCTAssertEqual([parsed.year, parsed.month, parsed.day], [2011, 10, 15])
  }

  func testRejectsImpossibleAndMalformedDates() {
    for text in [
      "2011-02-29", "2011-13-01", "2011-00-10", "2011-04-31", "2011-2-01", "20110201", "2011-02-1x", "",
    ] {
      XCTAssertNil(CalendarDate(text), text)
    }
    XCTAssertNil(CalendarDate(year: 2011, month: 2, day: 29))
    XCTAssertNotNil(CalendarDate(year: 2000, month: 2, day: 29))
    XCTAssertNil(CalendarDate(year: 1900, month: 2, day: 29))
  }

  func testOrdersByYearThenMonthThenDay() {
    XCTAssertLessThan(date("2010-12-31"), date("2011-01-01"))
    XCTAssertLessThan(date("2011-01-31"), date("2011-02-01"))
    XCTAssertLessThan(date("2011-02-01"), date("2011-02-02"))
    XCTAssertEqual(
      [date("2012-01-01"), date("2010-07-01"), date("2011-10-15")].sorted().map(\.description),
      ["2010-07-01", "2011-10-15", "2012-01-01"])
  }

  func testAddingMonthsKeepsTheDayOrFallsBackToTheLastDayOfTheMonth() {
    let cases = [
      ("2011-01-31", 1, "2011-02-28"), ("2012-01-31", 1, "2012-02-29"), ("2010-06-30", 1, "2010-07-30"),
      ("2011-12-31", 1, "2012-01-31"), ("2011-03-31", 1, "2011-04-30"), ("2011-05-15", 1, "2011-06-15"),
      ("2011-01-31", 13, "2012-02-29"), ("2011-03-31", -1, "2011-02-28"),
    ]
    for (start, months, expected) in cases {
      XCTAssertEqual(date(start).addingMonths(months).description, expected, "\(start) + \(months)")
    }
  }

  func testAddingADayCrossesMonthAndYear() {
    XCTAssertEqual(date("2011-02-28").addingDay().description, "2011-03-01")
    XCTAssertEqual(date("2012-02-28").addingDay().description, "2012-02-29")
    XCTAssertEqual(date("2012-12-31").addingDay().description, "2013-01-01")
  }

  func testMonthDayParsesAndPlacesInAYear() {
    XCTAssertEqual(MonthDay("10-15"), MonthDay(month: 10, day: 15))
    XCTAssertEqual(MonthDay(month: 11, day: 5).description, "11-05")
    XCTAssertNil(MonthDay("13-01"))
    XCTAssertEqual(MonthDay(month: 2, day: 29).inYear(2011).description, "2011-02-28")
    XCTAssertEqual(MonthDay(month: 2, day: 29).inYear(2012).description, "2012-02-29")
  }
}
