import Domain
import XCTest

final class DeadlineTests: XCTestCase {
  private func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

  func testPublicationDeadlineIsOneMonthByTheSection6Rule() {
    XCTAssertEqual(PublicationDeadline.after(adoption: date("2011-01-31")), date("2011-02-28"))
    XCTAssertEqual(PublicationDeadline.after(adoption: date("2012-01-31")), date("2012-02-29"))
    XCTAssertEqual(PublicationDeadline.after(adoption: date("2010-06-30")), date("2010-07-30"))
  }

  func testPublishedOnTheDeadlineDayIsOnTimeAndTheDayAfterIsLate() {
    let adopted = date("2011-01-31")
    XCTAssertFalse(PublicationDeadline.isLate(published: date("2011-02-28"), adopted: adopted))
    XCTAssertTrue(PublicationDeadline.isLate(published: date("2011-03-01"), adopted: adopted))
    XCTAssertFalse(PublicationDeadline.isLate(published: adopted, adopted: adopted))
  }

  func testContractVersionReportsLatenessOnlyOncePublished() {
    var version = ContractVersion(municipalityCode: "0169", number: 1)
    XCTAssertNil(version.publishedLate)
    version.adoption = Adoption(adoptedOn: date("2010-06-30"), meetingReference: "Byrådet 30.06.2010 pkt. 4")
    XCTAssertEqual(version.adoption?.publicationDeadline, date("2010-07-30"))
    XCTAssertNil(version.publishedLate)
    version.publishedOn = date("2010-07-30")
    XCTAssertEqual(version.publishedLate, false)
    version.publishedOn = date("2010-07-31")
    XCTAssertEqual(version.publishedLate, true)
  }

  func testFollowUpIsDueOnTheBudgetAdoptionDateElseFifteenthOfOctoberTheYearBefore() {
    XCTAssertEqual(
      FollowUpDueDate.forBudgetYear(2012, budgetAdoption: date("2011-10-06")), date("2011-10-06"))
    XCTAssertEqual(FollowUpDueDate.forBudgetYear(2012, budgetAdoption: nil), date("2011-10-15"))
    XCTAssertEqual(
      FollowUpDueDate.forBudgetYear(2020, budgetAdoption: nil, defaultDue: MonthDay(month: 11, day: 5)),
      date("2019-11-05"))
  }
}
