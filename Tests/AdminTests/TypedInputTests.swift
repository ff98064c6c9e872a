import Domain
import XCTest

@testable import Admin

/// Numbers as staff type them into the forms (read by `DanishNumber.read`, tested in DomainTests) and shown again.
final class TypedInputTests: XCTestCase {
  func testAPercentSignAfterTheNumberIsAllowed() {
    XCTAssertEqual(TypedInput.number("90 %"), 90)
    XCTAssertEqual(TypedInput.number("87,5%"), 87.5)
    XCTAssertNil(TypedInput.number("%"))
    XCTAssertNil(TypedInput.number("1.234"), "a number that reads two ways is not guessed")
    XCTAssertEqual(TypedInput.example(CalendarDate(year: 2026, month: 9, day: 1)!), "01-09-2026")
  }

  func testNumbersGoBackIntoTheFormAsTheyAreTyped() {
    for value in [87.5, 1234.5, -3.25, 90, 0.125] {
      let text = TypedInput.text(value)
      XCTAssertEqual(TypedInput.number(text), value, text)
    }
    XCTAssertEqual(TypedInput.text(1234.5), "1234,5")
    XCTAssertEqual(TypedInput.text(nil), "")
  }
}
