import Domain
import XCTest

@testable import Admin

/// Numbers and dates as staff type them into the follow-up forms.
final class FollowUpInputTests: XCTestCase {
  func testAPercentSignAfterTheNumberIsAllowed() {
    XCTAssertEqual(FollowUpInput.number("90 %"), 90)
    XCTAssertEqual(FollowUpInput.number("87,5%"), 87.5)
    XCTAssertNil(FollowUpInput.number("%"))
    XCTAssertNil(FollowUpInput.number("1.234"), "a number that reads two ways is not guessed")
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
