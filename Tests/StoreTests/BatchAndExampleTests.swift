import Domain
import SQLite
import Store
import XCTest

final class BatchAndExampleTests: StoreTestCase {
  /// A seeder writes a whole history in one transaction; a failure leaves nothing behind.
  func testABatchIsAllOrNothing() throws {
    let area = try areaId("Integrationsområdet")
    let version = try store.batch { writer in
      let version = try writer.createDraft(municipalityCode: taastrup)
      let versionArea = try writer.addArea(versionId: version, serviceAreaId: area)
      try writer.addGoal(versionAreaId: versionArea, completeGoal("Fritidspas"))
      try writer.adopt(
        versionId: version, Adoption(adoptedOn: date("2010-06-01"), meetingReference: "Byrådet"))
      try writer.publish(versionId: version, on: date("2010-06-02"))
      return version
    }
    XCTAssertEqual(
      try store.contractInForce(municipalityCode: taastrup, asOf: date("2011-01-01"))?.version.id, version)

    XCTAssertThrowsError(
      try store.batch { writer in
        let draft = try writer.createDraft(municipalityCode: copenhagen)
        try writer.addArea(versionId: draft, serviceAreaId: area)
        try writer.adopt(
          versionId: draft, Adoption(adoptedOn: date("2010-06-01"), meetingReference: "Byrådet"))
      }
    ) { error in
      XCTAssertEqual((error as? RuleViolation)?.message, "§2: området Integrationsområdet har ingen mål")
    }
    XCTAssertEqual(try store.versionHistory(municipalityCode: copenhagen), [])
  }

  func testExampleContentCanBeRemovedAndRealContentStays() throws {
    let real = try published(adopted: "2010-06-01", published: "2010-06-02")
    let area = try areaId("Dagtilbud")
    try store.batch { writer in
      let version = try writer.createDraft(municipalityCode: copenhagen, isExample: true)
      let versionArea = try writer.addArea(versionId: version, serviceAreaId: area, isExample: true)
      var goal = completeGoal("Sprog")
      goal.isExample = true
      let added = try writer.addGoal(versionAreaId: versionArea, goal)
      try writer.adopt(
        versionId: version, Adoption(adoptedOn: date("2010-06-01"), meetingReference: "Byrådet"))
      try writer.publish(versionId: version, on: date("2010-06-02"))
      let followUp = try writer.createFollowUp(
        municipalityCode: copenhagen, budgetYear: 2012, isExample: true)
      try writer.setStatus(
        followUpId: followUp, GoalStatus(goalId: added.id, statusText: "Nået", result: .reached),
        isExample: true)
      try writer.adoptFollowUp(
        id: followUp, Adoption(adoptedOn: date("2011-10-01"), meetingReference: "Byrådet"))
    }
    XCTAssertEqual(try store.versionHistory(municipalityCode: copenhagen).count, 1)
    try store.removeExamples()
    XCTAssertEqual(try store.versionHistory(municipalityCode: copenhagen), [])
    XCTAssertEqual(try store.followUps(municipalityCode: copenhagen), [])
    XCTAssertEqual(try store.versionHistory(municipalityCode: taastrup).map(\.id), [real])
    XCTAssertEqual(
      errorMessage { try sql("DELETE FROM goal WHERE version_id = ?", real) },
      "§3: en vedtaget version kan ikke ændres; opret en ny version")
  }

  func testTheAuditLogKeepsBeforeAndAfter() throws {
    try store.audit(
      userId: nil, action: "publish", entity: "contract_version", entityId: "1",
      beforeJSON: #"{"published_on":null}"#,
      afterJSON: #"{"published_on":"2010-06-02"}"#)
    try store.audit(userId: nil, action: "login", entity: "session", entityId: nil)
    let entries = try store.auditLog(entity: "contract_version")
    XCTAssertEqual(entries.map(\.action), ["publish"])
    XCTAssertEqual(entries.first?.afterJSON, #"{"published_on":"2010-06-02"}"#)
    XCTAssertEqual(try store.auditLog().count, 2)
    XCTAssertThrowsError(
      try store.audit(userId: nil, action: "x", entity: "y", entityId: nil, beforeJSON: "{not json"))
  }
}
