import Domain
import XCTest

@testable import Citizen

/// Dates and quantities in the words the pages use.
final class GoalViewTextTests: XCTestCase {
  private var dates: [CalendarDate] {
    var dates: [CalendarDate] = []
    for year in [1, 9, 10, 999, 2010, 9999] {
      for month in 1...12 {
        for day in [1, 9, 10, CalendarDate.daysIn(month: month, year: year)] {
          dates.append(CalendarDate(year: year, month: month, day: day)!)
        }
      }
    }
    return dates
  }

  func testDatesInDanishWords() throws {
    let months = [
      "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
      "november",
      "december",
    ]
    for date in dates {
      XCTAssertEqual(
        DanishFormat.date(date), "\(date.day). \(months[date.month - 1]) \(date.year)", "\(date)")
    }
    XCTAssertEqual(DanishFormat.monthDay(MonthDay(month: 10, day: 15)), "15. oktober")
  }

  func testMeasuredAndTargetTextsPutTheDateAfterTheQuantity() throws {
    let date = try XCTUnwrap(CalendarDate("2010-06-22"))
    XCTAssertEqual(GoalView.numbers(82.5, unit: "%", date: date), "82,5 % (22. juni 2010)")
    XCTAssertEqual(GoalView.numbers(1250, unit: "kr.", date: nil), "1.250 kr.")
    XCTAssertEqual(GoalView.numbers(nil, unit: "%", date: date), "")
    XCTAssertEqual(GoalView.targetText(90, unit: nil, date: date), "90 senest 22. juni 2010")
    XCTAssertEqual(GoalView.targetText(90, unit: "%", date: nil), "90 %")
    XCTAssertEqual(GoalView.targetText(nil, unit: "%", date: date), "")
    for date in dates {
      XCTAssertEqual(
        GoalView.numbers(7, unit: "dage", date: date), "7 dage (" + DanishFormat.date(date) + ")")
      XCTAssertEqual(GoalView.targetText(7, unit: "", date: date), "7 senest " + DanishFormat.date(date))
    }
  }
}
