import Domain
import XCTest

@testable import Admin

final class DecisionInputTests: XCTestCase {
  func testDanishNumbers() {
    let read: [(String, Double)] = [
      ("90", 90), ("90,5", 90.5), ("1.234,5", 1234.5), ("1.234", 1234), ("-3,25", -3.25), ("\u{2212}3", -3),
      ("1 234,5", 1234.5), ("12.345.678", 12_345_678), ("0,05", 0.05),
    ]
    for (text, value) in read { XCTAssertEqual(DecisionInput.number(text), value, text) }
    for text in [
      "", "90.5", "1.23", "1.2345", ",5", "5,", "1,2,3", "abc", "9O", ".5", "5.", "--5", "1e5", "inf",
    ] {
      XCTAssertNil(DecisionInput.number(text), text)
    }
  }

  func testDatesAsTypedOrSentByADateField() {
    let june24 = CalendarDate(year: 2010, month: 6, day: 24)
    for text in ["2010-06-24", "24-06-2010", "24.6.2010", "24/06/2010"] {
      XCTAssertEqual(DecisionInput.date(text), june24, text)
    }
    for text in [
      "", "31-02-2011", "2011-02-29", "24-06-10", "24-06-2010x", "i går", "2010/06/24", "124-06-2010",
    ] {
      XCTAssertNil(DecisionInput.date(text), text)
    }
    XCTAssertEqual(DecisionInput.date("29-02-2012"), CalendarDate(year: 2012, month: 2, day: 29))
  }
}
