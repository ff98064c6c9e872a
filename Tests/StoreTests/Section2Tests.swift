import Domain
import SQLite
import Store
import XCTest

/// §2: no adoption or publication while an area has no goal or a goal lacks its numbers or means.
final class Section2Tests: StoreTestCase {
  private let adoption = Adoption(
    adoptedOn: CalendarDate("2010-06-01")!, meetingReference: "Byrådet 1.6.2010")

  func testAVersionWithoutAreasCannotBeAdopted() throws {
    let version = try store.createDraft(municipalityCode: taastrup)
    XCTAssertEqual(
      errorMessage { try store.adopt(versionId: version, adoption) }, "§2: versionen har ingen serviceområder"
    )
    XCTAssertEqual(
      errorMessage {
        try sql(
          "UPDATE contract_version SET adopted_on = '2010-06-01', meeting_reference = 'x' WHERE id = ?",
          version)
      }, "§2: versionen har ingen serviceområder")
    XCTAssertTrue(try store.version(id: version)!.isDraft)
  }

  func testAnAreaWithoutGoalsIsNamed() throws {
    let version = try draft()
    try store.addArea(versionId: version, serviceAreaId: try areaId("Integrationsområdet"))
    do {
      try store.adopt(versionId: version, adoption)
      XCTFail("adopted without a goal for Integrationsområdet")
    } catch let violation as RuleViolation {
      XCTAssertEqual(violation.rule, .section2)
      XCTAssertEqual(violation.message, "§2: området Integrationsområdet har ingen mål")
    }
    XCTAssertTrue(
      errorMessage {
        try sql(
          "UPDATE contract_version SET adopted_on = '2010-06-01', meeting_reference = 'x' WHERE id = ?",
          version)
      }.hasPrefix("§2: "))
  }

  func testEachMissingNumberAndBlankMeansIsNamedForTheGoal() throws {
    let version = try store.createDraft(municipalityCode: taastrup)
    let area = try store.addArea(versionId: version, serviceAreaId: try areaId("Folkeskole"))
    var goal = completeGoal("Responstid")
    goal.targetValue = nil
    goal.baselineDate = nil
    goal.means = " \n\t"
    let added = try store.addGoal(versionAreaId: area, goal)
    do {
      try store.adopt(versionId: version, adoption)
      XCTFail("adopted an incomplete goal")
    } catch let violation as RuleViolation {
      XCTAssertEqual(
        violation.problems.map(\.message),
        [
          "§2: målet \"Responstid\" mangler dato for udgangsværdi",
          "§2: målet \"Responstid\" mangler målværdi",
          "§2: målet \"Responstid\" mangler veje til målet",
        ])
      XCTAssertEqual(violation.problems.map(\.field), ["baseline_date", "target_value", "means"])
      XCTAssertEqual(Set(violation.problems.map(\.goalId)), [added.id])
    }
    for column in ["indicator", "unit", "target_date", "baseline_value"] {
      try store.updateGoal(id: added.id, completeGoal("Responstid"))
      try sql("UPDATE goal SET \(column) = NULL WHERE id = ?", added.id)
      XCTAssertTrue(
        errorMessage { try store.adopt(versionId: version, adoption) }.hasPrefix(
          "§2: målet \"Responstid\" mangler "))
    }
    try store.updateGoal(id: added.id, completeGoal("Responstid"))
    XCTAssertNoThrow(try store.adopt(versionId: version, adoption))
  }

  func testCannotBePublishedIncompleteEvenInOneStatement() throws {
    let version = try store.createDraft(municipalityCode: taastrup)
    try store.addArea(versionId: version, serviceAreaId: try areaId("Dagtilbud"))
    XCTAssertEqual(
      errorMessage {
        try sql(
          """
          UPDATE contract_version SET adopted_on = '2010-06-01', meeting_reference = 'x', published_on = '2010-06-02'
          WHERE id = ?
          """, version)
      }, "§2: et serviceområde i versionen har ingen mål")
    XCTAssertEqual(
      errorMessage {
        try sql(
          "INSERT INTO contract_version (municipality_code, number, adopted_on, meeting_reference) VALUES (?, 9, '2010-01-01', 'x')",
          copenhagen)
      }, "§2: versionen har ingen serviceområder")
  }

  func testTheDatabaseNamesTheSameProblemsAsTheDomainRule() throws {
    let version = try store.createDraft(municipalityCode: taastrup)
    let first = try store.addArea(versionId: version, serviceAreaId: try areaId("Ældreområdet"))
    try store.addArea(versionId: version, serviceAreaId: try areaId("Byggesager"))
    var goal = completeGoal("Tilfredshed")
    goal.unit = "  "
    goal.indicator = nil
    try store.addGoal(versionAreaId: first, goal)
    try store.addGoal(versionAreaId: first, completeGoal("Sagsbehandlingstid"))
    let loaded = try XCTUnwrap(store.version(id: version))
    let reference = ContentRules.section2Problems(loaded)
    XCTAssertEqual(reference.count, 3)
    XCTAssertEqual(try store.problems(versionId: version), reference)
  }
}
