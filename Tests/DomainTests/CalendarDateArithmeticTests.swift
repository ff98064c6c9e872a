import Domain
import XCTest

final class CalendarDateArithmeticTests: XCTestCase {
  private func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

  func testAddingDaysAgreesWithStepping() {
    var stepped = date("1999-12-25")
    let start = stepped
    for offset in 1...2000 {
      stepped = stepped.addingDay()
      XCTAssertEqual(start.adding(days: offset), stepped, "\(offset) days after \(start)")
      XCTAssertEqual(stepped.adding(days: -offset), start)
      XCTAssertEqual(start.days(to: stepped), offset)
      XCTAssertEqual(stepped.days(to: start), -offset)
    }
  }

  func testLeapDaysAndCenturies() {
    XCTAssertEqual(date("2012-02-28").adding(days: 1), date("2012-02-29"))
    XCTAssertEqual(date("2011-02-28").adding(days: 1), date("2011-03-01"))
    XCTAssertEqual(date("1900-02-28").adding(days: 1), date("1900-03-01"))
    XCTAssertEqual(date("2000-02-28").adding(days: 1), date("2000-02-29"))
    XCTAssertEqual(date("2013-01-01").adding(days: -1), date("2012-12-31"))
    XCTAssertEqual(date("2010-01-01").days(to: date("2011-01-01")), 365)
    XCTAssertEqual(date("2012-01-01").days(to: date("2013-01-01")), 366)
  }
}
