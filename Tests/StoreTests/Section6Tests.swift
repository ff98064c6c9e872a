import Domain
import SQLite
import Store
import XCTest

/// §6: published no later than one month after adoption; late is recorded, never refused.
final class Section6Tests: StoreTestCase {
  func testSQLitesOwnMonthArithmeticGetsTheEndOfJanuaryWrong() throws {
    XCTAssertEqual(try scalar("SELECT date('2011-01-31', '+1 month')", as: String.self), "2011-03-03")
    XCTAssertEqual(PublicationDeadline.after(adoption: date("2011-01-31")).description, "2011-02-28")
  }

  func testTheDatabaseStoresEachDeadlineByTheSection6Rule() throws {
    let cases = [
      ("2011-01-31", "2011-02-28"), ("2012-01-31", "2012-02-29"), ("2010-06-30", "2010-07-30"),
      ("2011-12-31", "2012-01-31"), ("2011-03-31", "2011-04-30"), ("2011-05-15", "2011-06-15"),
    ]
    for (index, (adopted, deadline)) in cases.enumerated() {
      let municipality = "090\(index)"
      try store.addMunicipality(
        Municipality(code: municipality, name: "Kommune \(index)", regionCode: "DK-84"))
      let version = try published(municipality, adopted: adopted, published: nil)
      XCTAssertEqual(
        try scalar(
          "SELECT publication_deadline FROM contract_version WHERE id = ?", version, as: String.self),
        deadline)
      XCTAssertEqual(PublicationDeadline.after(adoption: date(adopted)).description, deadline)
    }
  }

  func testPublishedOnTheDeadlineDayIsOnTimeAndTheDayAfterIsLateButStored() throws {
    let onTime = try published(adopted: "2011-01-31", published: "2011-02-28")
    let late = try published(copenhagen, adopted: "2011-01-31", published: "2011-03-01")
    XCTAssertEqual(
      try scalar("SELECT published_late FROM contract_version WHERE id = ?", onTime, as: Bool.self), false)
    XCTAssertEqual(
      try scalar("SELECT published_late FROM contract_version WHERE id = ?", late, as: Bool.self), true)
    XCTAssertEqual(try store.version(id: late)?.publishedOn, date("2011-03-01"))
    XCTAssertEqual(try store.version(id: late)?.publishedLate, true)
  }

  func testPublicationBeforeAdoptionIsRefused() throws {
    let version = try published(adopted: "2011-01-31", published: nil)
    let message = "§6: en version skal være vedtaget før den offentliggøres"
    XCTAssertEqual(errorMessage { try store.publish(versionId: version, on: date("2011-01-30")) }, message)
    XCTAssertEqual(
      errorMessage {
        try sql("UPDATE contract_version SET published_on = '2011-01-30' WHERE id = ?", version)
      }, message)
    XCTAssertNoThrow(try store.publish(versionId: version, on: date("2011-01-31")))
  }

  func testAPublicationDateInTheFutureIsRefused() throws {
    let version = try published(adopted: "2011-01-31", published: nil)
    let tomorrow = try XCTUnwrap(scalar("SELECT date(d, '+1 day') FROM danish_today", as: String.self))
    XCTAssertEqual(
      errorMessage { try store.publish(versionId: version, on: date(tomorrow)) },
      "§6: offentliggørelsesdatoen ligger i fremtiden")
  }
}
