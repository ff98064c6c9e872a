import Domain
import SQLite
import Store
import XCTest

/// §3: adopted versions are frozen; changes are new versions; exactly one version is in force at a time.
final class Section3Tests: StoreTestCase {
  func testAnAdoptedVersionAndItsContentAreFrozen() throws {
    let version = try published(adopted: "2010-06-01", published: nil)
    let goal = try XCTUnwrap(store.version(id: version)?.areas.first?.goals.first)
    let frozen = "§3: en vedtaget version kan ikke ændres; opret en ny version"
    XCTAssertEqual(errorMessage { try store.updateGoal(id: goal.id, completeGoal("Ny titel")) }, frozen)
    XCTAssertEqual(
      errorMessage { try sql("UPDATE goal SET title = 'Ny titel' WHERE id = ?", goal.id) }, frozen)
    XCTAssertEqual(errorMessage { try sql("DELETE FROM goal WHERE id = ?", goal.id) }, frozen)
    XCTAssertEqual(
      errorMessage { try store.addArea(versionId: version, serviceAreaId: try areaId("Dagtilbud")) }, frozen)
    XCTAssertEqual(
      errorMessage { try sql("UPDATE contract_version SET change_note = 'x' WHERE id = ?", version) }, frozen)
    XCTAssertEqual(
      errorMessage { try sql("DELETE FROM contract_version WHERE id = ?", version) },
      "§3: en vedtaget version kan ikke slettes")
    XCTAssertEqual(
      errorMessage { try store.discardDraft(versionId: version) }, "§3: kun et udkast kan kasseres")
    try store.publish(versionId: version, on: date("2010-06-20"))
    XCTAssertEqual(
      errorMessage {
        try sql("UPDATE contract_version SET published_on = '2010-06-21' WHERE id = ?", version)
      },
      "§3: en offentliggjort version kan ikke ændres; opret en ny version")
    XCTAssertEqual(try store.version(id: version)?.areas.first?.goals.first, goal)
  }

  func testANewVersionIsCopiedWithLineageAndSupersedesFromItsPublication() throws {
    let first = try published(
      adopted: "2010-06-01", published: "2010-06-20", areas: ["Folkeskole", "Dagtilbud"])
    let original = try XCTUnwrap(store.version(id: first))
    let second = try store.createDraft(municipalityCode: taastrup, changeNote: "Kvalitetskontrakt 2013")
    let copy = try XCTUnwrap(store.version(id: second))
    XCTAssertEqual(copy.number, 2)
    XCTAssertEqual(copy.basedOn, first)
    XCTAssertEqual(copy.areas.map(\.name), original.areas.map(\.name))
    XCTAssertEqual(copy.areas.flatMap(\.goals).map(\.lineage), original.areas.flatMap(\.goals).map(\.lineage))
    XCTAssertNotEqual(copy.areas.flatMap(\.goals).map(\.id), original.areas.flatMap(\.goals).map(\.id))
    XCTAssertEqual(
      errorMessage { try store.createDraft(municipalityCode: taastrup) },
      "§3: der er allerede et udkast (version 2)")
    XCTAssertEqual(
      errorMessage {
        try sql("INSERT INTO contract_version (municipality_code, number) VALUES (?, 3)", taastrup)
      },
      "§3: der er allerede et udkast")

    let goal = copy.areas[0].goals[0]
    var changed = goal
    changed.title = "Straksafklaring"
    try store.updateGoal(id: goal.id, changed)
    try store.adopt(
      versionId: second, Adoption(adoptedOn: date("2012-09-24"), meetingReference: "Byrådet pkt. 7"))
    try store.publish(versionId: second, on: date("2012-10-01"))

    XCTAssertEqual(
      try store.contractInForce(municipalityCode: taastrup, asOf: date("2010-06-19"))?.version.id, nil)
    XCTAssertEqual(
      try store.contractInForce(municipalityCode: taastrup, asOf: date("2010-06-20"))?.version.id, first)
    XCTAssertEqual(
      try store.contractInForce(municipalityCode: taastrup, asOf: date("2012-09-30"))?.version.id, first)
    XCTAssertEqual(
      try store.contractInForce(municipalityCode: taastrup, asOf: date("2012-10-01"))?.version.id, second)
    XCTAssertEqual(try store.versionHistory(municipalityCode: taastrup).map(\.number), [1, 2])
    XCTAssertEqual(
      try store.goalHistory(lineage: goal.lineage).map(\.goal.title),
      [original.areas[0].goals[0].title, "Straksafklaring"])
    XCTAssertEqual(
      try scalar(
        "SELECT version_id FROM contract_in_force WHERE municipality_code = ?", taastrup, as: Int64.self),
      second)
    XCTAssertEqual(
      try store.contractInForce(municipalityCode: taastrup, asOf: try store.today())?.version.id, second)
  }

  func testSamePublicationDayTheHigherNumberIsInForceAndEarlierDatesAreRefused() throws {
    let first = try published(adopted: "2011-03-01", published: "2011-03-10")
    let second = try published(adopted: "2011-03-05", published: "2011-03-10")
    XCTAssertEqual(
      try store.contractInForce(municipalityCode: taastrup, asOf: date("2011-03-10"))?.version.id, second)
    XCTAssertNotEqual(first, second)
    let third = try published(adopted: "2011-03-01", published: nil)
    XCTAssertEqual(
      errorMessage { try store.publish(versionId: third, on: date("2011-03-09")) },
      "§3: en anden version er offentliggjort senere end denne dato")
  }

  func testADraftCanBeDiscardedAndEditedFreely() throws {
    try published(
      adopted: "2010-06-01", published: "2010-06-20", areas: ["Folkeskole", "Dagtilbud", "Byggesager"])
    let draft = try store.createDraft(municipalityCode: taastrup)
    let areas = try XCTUnwrap(store.version(id: draft)?.areas)
    try store.reorderAreas(versionId: draft, areaIds: areas.map(\.id).reversed())
    XCTAssertEqual(
      try store.version(id: draft)?.areas.map(\.name), ["Byggesager", "Dagtilbud", "Folkeskole"])
    XCTAssertThrowsError(try store.reorderAreas(versionId: draft, areaIds: [areas[0].id]))
    try store.removeArea(versionAreaId: areas[1].id)
    let extra = try store.addGoal(versionAreaId: areas[0].id, completeGoal("Trivsel"))
    try store.reorderGoals(versionAreaId: areas[0].id, goalIds: [extra.id, areas[0].goals[0].id])
    XCTAssertEqual(
      try store.version(id: draft)?.areas.last?.goals.map(\.title), ["Trivsel", areas[0].goals[0].title])
    try store.removeGoal(id: extra.id)
    XCTAssertEqual(try store.version(id: draft)?.areas.count, 2)
    try store.discardDraft(versionId: draft)
    XCTAssertNil(try store.version(id: draft))
    XCTAssertNil(try store.draft(municipalityCode: taastrup))
  }

  func testAnotherMunicipalitysOwnAreaCannotBeUsed() throws {
    let own = try store.addServiceArea(name: "Erhverv og turisme", municipalityCode: copenhagen)
    let version = try store.createDraft(municipalityCode: taastrup)
    XCTAssertEqual(
      errorMessage { try store.addArea(versionId: version, serviceAreaId: own) },
      "§2: serviceområdet tilhører en anden kommune")
  }

  func testTargetAdjustmentMakesANewVersionThatRecordsOldAndNewTarget() throws {
    let first = try published(adopted: "2010-06-01", published: "2010-06-20")
    let goal = try XCTUnwrap(store.version(id: first)?.areas.first?.goals.first)
    let adjusted = try store.adjustTarget(
      goalId: goal.id, newTargetValue: 85, reason: "På grund af personalereduktioner", on: date("2012-09-03"))
    XCTAssertNotEqual(adjusted.versionId, first)
    try store.adopt(
      versionId: adjusted.versionId, Adoption(adoptedOn: date("2012-09-24"), meetingReference: "Byrådet"))
    try store.publish(versionId: adjusted.versionId, on: date("2012-09-25"))
    let inForce = try XCTUnwrap(store.contractInForce(municipalityCode: taastrup, asOf: date("2012-12-01")))
    let newGoal = try XCTUnwrap(inForce.version.areas.first?.goals.first)
    XCTAssertEqual(newGoal.targetValue, 85)
    XCTAssertEqual(newGoal.lineage, goal.lineage)
    let adjustment = try XCTUnwrap(inForce.adjustments[goal.lineage]?.first)
    XCTAssertEqual([adjustment.oldTargetValue, adjustment.newTargetValue], [goal.targetValue, 85])
    XCTAssertEqual(adjustment.reason, "På grund af personalereduktioner")
    XCTAssertEqual(
      try store.contractInForce(municipalityCode: taastrup, asOf: date("2012-01-01"))?.adjustments, [:])
    XCTAssertEqual(
      errorMessage {
        try sql("UPDATE target_adjustment SET reason = 'x' WHERE id = ?", adjustment.id)
      }, "§3: en vedtaget version kan ikke ændres; opret en ny version")
  }
}
