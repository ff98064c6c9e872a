import Domain
import XCTest

@testable import Ministry

/// The rule calendar's form read on its own: the Danish ways of typing a date and a due day, and the checks.
final class CalendarFormTests: XCTestCase {
  func form(_ deadline: String, _ year: String, _ ends: String, _ due: String) -> CalendarForm {
    let values = [
      "first_contract_deadline": deadline, "first_follow_up_budget_year": year, "duty_ends_on": ends,
      "follow_up_default_due": due,
    ]
    return CalendarForm(field: { values[$0] ?? "" })
  }

  func testTheDueDayTypedTheDanishWay() {
    let october15 = MonthDay(month: 10, day: 15)
    for text in ["15. oktober", "15 oktober", "15. Oktober", "15. okt.", "15.10", "15-10", "15/10", "15.10."]
    {
      XCTAssertEqual(CalendarForm.monthDay(text), october15, text)
    }
    XCTAssertEqual(CalendarForm.monthDay("5. nov"), MonthDay(month: 11, day: 5))
    XCTAssertEqual(CalendarForm.monthDay("1. marts"), MonthDay(month: 3, day: 1))
    XCTAssertEqual(CalendarForm.monthDay("29. februar"), MonthDay(month: 2, day: 29))
    for text in [
      "oktober", "31. februar", "15", "15. ok", "15-13", "0-10", "10-15-2010", "15. oktobre", "x. maj",
    ] {
      XCTAssertNil(CalendarForm.monthDay(text), text)
    }
  }

  func testTheFormShowsTheCalendarAndReadsItBack() throws {
    let shown = CalendarForm(RuleCalendar.regulation)
    XCTAssertEqual(shown.followUpDefaultDue, "15. oktober")
    XCTAssertEqual(shown.firstContractDeadline, "2010-07-01")
    XCTAssertEqual(try shown.calendar().get(), .regulation)
    let typed = form("1-7-2010", "2012", "01.01.2013", "15/10")
    XCTAssertEqual(try typed.calendar().get(), .regulation)
  }

  func testEveryProblemIsFoundAtOnceByField() {
    guard case .failure(let errors) = form("2010-13-01", "twelve", "", "15. blah").calendar() else {
      return XCTFail("the form has problems")
    }
    XCTAssertEqual(
      errors.messages.map(\.field),
      ["first_contract_deadline", "duty_ends_on", "first_follow_up_budget_year", "follow_up_default_due"])
    guard case .failure(let order) = form("2012-07-01", "2012", "2012-07-01", "15-10").calendar() else {
      return XCTFail("the duty ends on the deadline and the budget year is not after it")
    }
    XCTAssertNotNil(order["duty_ends_on"])
    XCTAssertNotNil(order["first_follow_up_budget_year"])
    XCTAssertNil(order["first_contract_deadline"])
  }
}
