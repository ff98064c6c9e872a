import Domain
import XCTest

@testable import Admin

final class DraftInputTests: XCTestCase {
  func testNumbersAsDanesWriteThem() {
    let cases: [(String, Double?)] = [
      ("90", 90), ("90,5", 90.5), ("1.234,5", 1234.5), ("1.234", 1234), ("1.234.567", 1_234_567),
      ("-3,25", -3.25), ("−3", -3), ("+4", 4), ("0,5", 0.5), (",5", 0.5), ("90.5", 90.5), ("0.500", 0.5),
      ("1 234,5", 1234.5), ("82 ", 82),
      ("", nil), ("halvfems", nil), ("90 %", nil), ("5,", nil), ("1,2,3", nil), ("1.23.4", nil),
      ("12.34,5", nil),
      ("1e5", nil), ("-", nil), (".", nil), ("1,234.5", nil),
    ]
    for (text, expected) in cases {
      XCTAssertEqual(DraftInput.number(text), expected, text)
    }
  }

  func testDatesFromTheDateFieldOrTypedTheDanishWay() {
    let expected = CalendarDate(year: 2013, month: 12, day: 31)
    for text in ["2013-12-31", "31-12-2013", "31.12.2013", "31/12/2013"] {
      XCTAssertEqual(DraftInput.date(text), expected, text)
    }
    XCTAssertEqual(DraftInput.date("1-2-2010"), CalendarDate(year: 2010, month: 2, day: 1))
    for text in [
      "", "31-12-13", "2013-13-01", "30-02-2013", "31 12 2013", "i morgen", "2013-2-1", "123-1-2013",
    ] {
      XCTAssertNil(DraftInput.date(text), text)
    }
  }

  func testNumbersShownAgainTheDanishWay() {
    XCTAssertEqual(DraftInput.text(1234.5), "1.234,5")
    XCTAssertEqual(DraftInput.text(90), "90")
    XCTAssertEqual(DraftInput.text(nil), "")
    for value in [0.125, 1234.5, -3.25, 1_000_000] {
      XCTAssertEqual(DraftInput.number(DraftInput.text(value)), value)
    }
  }

  func testTheGoalFormSavesWithATitleAndReportsEachProblemByField() throws {
    var form = DraftGoalForm()
    form.title = "Kort ventetid"
    let goal = try form.validated().get()
    XCTAssertEqual(goal.title, "Kort ventetid")
    XCTAssertNil(goal.indicator)
    XCTAssertNil(goal.targetValue)

    form.title = ""
    form.baselineValue = "mange"
    form.baselineDate = "2012-06-01"
    form.targetDate = "01-06-2012"
    form.direction = "sideways"
    guard case .failure(let problems) = form.validated() else { return XCTFail("accepted") }
    XCTAssertEqual(
      problems.errors.messages.map(\.field), ["betegnelse", "udgangsvaerdi", "maaldato", "retning"])
  }
}
