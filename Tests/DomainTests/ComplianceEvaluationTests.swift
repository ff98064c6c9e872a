import Domain
import XCTest

final class ComplianceEvaluationTests: XCTestCase {
  private func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

  private func outcome(
    _ facts: ComplianceFacts, _ rule: ComplianceRule, year: Int? = nil, asOf: String,
    calendar: RuleCalendar = .regulation
  ) -> ComplianceOutcome? {
    ComplianceEvaluation.findings(for: facts, asOf: date(asOf), calendar: calendar)
      .first { $0.rule == rule && $0.budgetYear == year }?.outcome
  }

  private func contract(adopted: String, published: String?) -> ComplianceFacts {
    ComplianceFacts(
      municipalityCode: "0169",
      versions: [.init(number: 1, adoptedOn: date(adopted), publishedOn: published.map(date), complete: true)]
    )
  }

  func testFirstContractAsOfTheSection8Deadline() {
    let onTime = contract(adopted: "2010-06-01", published: "2010-06-20")
    let late = contract(adopted: "2010-06-01", published: "2010-07-02")
    XCTAssertEqual(outcome(onTime, .firstContract, asOf: "2010-07-01"), .met)
    XCTAssertEqual(outcome(late, .firstContract, asOf: "2010-07-01"), .notYetDue(due: date("2010-07-01")))
    XCTAssertEqual(
      outcome(late, .firstContract, asOf: "2010-07-02"),
      .failed(due: date("2010-07-01"), actual: date("2010-07-02")))
    XCTAssertEqual(outcome(late, .contractInForce, asOf: "2010-07-01"), .notYetDue(due: date("2010-07-01")))
    XCTAssertEqual(outcome(late, .contractInForce, asOf: "2010-07-02"), .met)
  }

  func testFactsAfterTheAsOfDateAreNotKnown() {
    let facts = contract(adopted: "2010-06-01", published: "2010-06-20")
    XCTAssertEqual(outcome(facts, .firstContract, asOf: "2010-06-19"), .notYetDue(due: date("2010-07-01")))
    XCTAssertEqual(outcome(facts, .contractComplete, asOf: "2010-06-19"), .notApplicable)
    XCTAssertEqual(
      outcome(facts, .contractPublishedOnTime, asOf: "2010-06-19"), .notYetDue(due: date("2010-07-01")))
    XCTAssertEqual(outcome(facts, .contractPublishedOnTime, asOf: "2010-05-31"), .notApplicable)
  }

  func testUnpublishedContractIsLateOnlyAfterItsDeadline() {
    let facts = contract(adopted: "2011-01-31", published: nil)
    XCTAssertEqual(
      outcome(facts, .contractPublishedOnTime, asOf: "2011-02-28"), .notYetDue(due: date("2011-02-28")))
    XCTAssertEqual(
      outcome(facts, .contractPublishedOnTime, asOf: "2011-03-01"),
      .failed(due: date("2011-02-28"), actual: nil))
  }

  func testFollowUpYearsWithADutyAndTheirDueDates() {
    var facts = contract(adopted: "2010-06-01", published: "2010-06-20")
    XCTAssertEqual(ComplianceEvaluation.dutyYears(facts, calendar: .regulation), [2012, 2013])
    facts.budgetAdoptions[2013] = date("2012-10-04")
    facts.followUps = [
      .init(budgetYear: 2013, adoptedOn: date("2012-10-04"), publishedOn: date("2012-11-04"), complete: true)
    ]
    XCTAssertEqual(outcome(facts, .followUpAdoptedOnTime, year: 2013, asOf: "2013-06-01"), .met)
    XCTAssertEqual(outcome(facts, .followUpPublishedOnTime, year: 2013, asOf: "2013-06-01"), .met)
    XCTAssertEqual(
      outcome(facts, .followUpAdoptedOnTime, year: 2012, asOf: "2011-10-16"),
      .failed(due: date("2011-10-15"), actual: nil))
    XCTAssertEqual(
      outcome(facts, .followUpAdoptedOnTime, year: 2012, asOf: "2011-10-15"),
      .notYetDue(due: date("2011-10-15")))
    facts.budgetAdoptions[2013] = date("2012-10-03")
    XCTAssertEqual(
      outcome(facts, .followUpAdoptedOnTime, year: 2013, asOf: "2013-06-01"),
      .failed(due: date("2012-10-03"), actual: date("2012-10-04")))
  }

  func testChangingTheCalendarMovesTheAnswer() {
    let facts = contract(adopted: "2010-06-01", published: "2010-07-02")
    var calendar = RuleCalendar.regulation
    XCTAssertEqual(
      outcome(facts, .firstContract, asOf: "2011-01-01", calendar: calendar),
      .failed(due: date("2010-07-01"), actual: date("2010-07-02")))
    calendar.firstContractDeadline = date("2010-08-01")
    XCTAssertEqual(outcome(facts, .firstContract, asOf: "2011-01-01", calendar: calendar), .met)
    calendar.dutyEndsOn = date("2014-01-01")
    XCTAssertEqual(ComplianceEvaluation.dutyYears(facts, calendar: calendar), [2012, 2013, 2014])
  }
}
