import Domain
import XCTest

@testable import Admin

/// Numbers and dates as staff type them into the follow-up forms.
final class FollowUpInputTests: XCTestCase {
  func testDanishNumbers() {
    let cases: [(String, Double?)] = [
      ("90", 90), ("87,5", 87.5), ("1.234,5", 1234.5), ("12.345.678", 12_345_678), ("-3,25", -3.25),
      ("87.5", 87.5), ("1.234", 1234), (",5", 0.5), ("90 %", 90), ("1 234,5", 1234.5),
      ("", nil), ("abc", nil), ("1,2,3", nil), ("1.2.3", nil), ("12.34,5", nil), ("1,234.5", nil), ("-", nil),
      ("1e5", nil), ("0x10", nil),
    ]
    for (text, expected) in cases {
      XCTAssertEqual(FollowUpInput.number(text), expected, text)
    }
  }

  func testDatesAsFieldsSendThemAndAsPeopleWriteThem() {
    let date = CalendarDate(year: 2026, month: 9, day: 1)
    for text in ["2026-09-01", "01-09-2026", "1-9-2026", "01.09.2026", "1/9/2026"] {
      XCTAssertEqual(FollowUpInput.date(text), date, text)
    }
    for text in ["", "31-02-2026", "2026-9-1", "01-09-26", "i går", "01-09-2026x"] {
      XCTAssertNil(FollowUpInput.date(text), text)
    }
    XCTAssertEqual(FollowUpInput.example(CalendarDate(year: 2026, month: 9, day: 1)!), "01-09-2026")
  }

  func testNumbersGoBackIntoTheFormAsTheyAreTyped() {
    for value in [87.5, 1234.5, -3.25, 90, 0.125] {
      let text = FollowUpInput.text(value)
      XCTAssertEqual(FollowUpInput.number(text), value, text)
    }
    XCTAssertEqual(FollowUpInput.text(1234.5), "1234,5")
    XCTAssertEqual(FollowUpInput.text(nil), "")
  }
}
