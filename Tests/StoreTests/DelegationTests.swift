import Domain
import SQLite
import Store
import XCTest

/// Delegationsforbud: only the council adopts, with date and meeting; a committee only recommends.
final class DelegationTests: StoreTestCase {
  func testACommitteeRecommendationIsRecordedButNeverAdopts() throws {
    let version = try draft()
    try store.addCommitteeRecommendation(
      versionId: version,
      CommitteeRecommendation(
        committee: "Borger- og Erhvervsudvalget", recommendedOn: date("2012-09-05"), note: "Anbefales."))
    XCTAssertTrue(try XCTUnwrap(store.version(id: version)).isDraft)
    XCTAssertEqual(
      errorMessage { try store.publish(versionId: version, on: date("2012-09-06")) },
      "§6: en version skal være vedtaget før den offentliggøres")
    try store.adopt(
      versionId: version, Adoption(adoptedOn: date("2012-09-24"), meetingReference: "Byrådet 24.9.2012"))
    try store.publish(versionId: version, on: date("2012-09-25"))
    let inForce = try XCTUnwrap(store.contractInForce(municipalityCode: taastrup, asOf: date("2012-10-01")))
    XCTAssertEqual(inForce.recommendations.map(\.committee), ["Borger- og Erhvervsudvalget"])
    XCTAssertEqual(inForce.version.adoption?.adoptedOn, date("2012-09-24"))
  }

  func testAdoptionNeedsBothDateAndMeetingReference() throws {
    let version = try draft()
    let message = "Delegationsforbud: kommunalbestyrelsens vedtagelse kræver både dato og mødereference"
    XCTAssertEqual(
      errorMessage { try sql("UPDATE contract_version SET adopted_on = '2012-09-24' WHERE id = ?", version) },
      message)
    XCTAssertEqual(
      errorMessage {
        try store.adopt(versionId: version, Adoption(adoptedOn: date("2012-09-24"), meetingReference: " "))
      },
      message)
    do {
      try store.adopt(versionId: version, Adoption(adoptedOn: date("2012-09-24"), meetingReference: ""))
      XCTFail("adopted without a meeting")
    } catch let violation as RuleViolation {
      XCTAssertEqual(violation.rule, .delegation)
    }
  }

  func testAnAdoptionDateInTheFutureIsRefused() throws {
    let version = try draft()
    let message = "Delegationsforbud: vedtagelsesdatoen ligger i fremtiden"
    let tomorrow = try XCTUnwrap(scalar("SELECT date(d, '+1 day') FROM danish_today", as: String.self))
    XCTAssertEqual(
      errorMessage {
        try store.adopt(versionId: version, Adoption(adoptedOn: date(tomorrow), meetingReference: "x"))
      },
      message)
    XCTAssertEqual(
      errorMessage {
        try sql(
          "UPDATE contract_version SET adopted_on = ?, meeting_reference = 'x' WHERE id = ?", tomorrow,
          version)
      }, message)
    let today = try XCTUnwrap(scalar("SELECT d FROM danish_today", as: String.self))
    XCTAssertNoThrow(
      try store.adopt(versionId: version, Adoption(adoptedOn: date(today), meetingReference: "x")))
  }
}
