import Domain
import SQLite
import Store
import XCTest

/// An import replaces a draft's areas and goals in one transaction: all of it, or nothing.
final class StoreImportTests: StoreTestCase {
  private struct Undo: Error {}

  /// Everything an import may touch, to compare before and after.
  private func snapshot(_ version: Int64) throws -> [String] {
    let tables = [
      "SELECT id, version_id, service_area_id, position FROM contract_version_area ORDER BY id",
      "SELECT * FROM goal ORDER BY id", "SELECT * FROM goal_lineage ORDER BY id",
      "SELECT * FROM service_area ORDER BY id", "SELECT * FROM target_adjustment ORDER BY id",
    ]
    var lines = ["\(try XCTUnwrap(store.version(id: version)))"]
    try store.database.withWriter { connection in
      for table in tables {
        for row in try connection.query(table) {
          lines.append((0..<row.count).map { "\(row[$0])" }.joined(separator: "|"))
        }
      }
    }
    return lines
  }

  func testADraftsAreasAndGoalsAreReplacedInOrder() throws {
    let version = try draft(areas: ["Borgerservice og administration", "Folkeskole"])
    let replacement = try store.replaceDraftContent(
      versionId: version, municipalityCode: taastrup,
      areas: [
        (" dagtilbud ", [completeGoal("Sprog"), completeGoal("Trivsel", target: 95)]),
        ("Natur og friluftsliv", [completeGoal("Stier")]),
      ])
    let replaced = try XCTUnwrap(store.version(id: version))
    XCTAssertEqual(replaced.areas.map(\.name), ["Dagtilbud", "Natur og friluftsliv"])
    XCTAssertEqual(replaced.areas.map(\.serviceAreaId).first, try areaId("Dagtilbud"))
    XCTAssertEqual(replaced.areas.map { $0.goals.map(\.title) }, [["Sprog", "Trivsel"], ["Stier"]])
    XCTAssertEqual(replaced.areas.map { $0.goals.map(\.position) }, [[1, 2], [1]])
    XCTAssertEqual(replaced.areas[0].goals[1].targetValue, 95)
    var stored = replaced.areas[0].goals[1]
    stored.id = 0
    stored.lineage = 0
    var expected = completeGoal("Trivsel", target: 95)
    expected.position = 2
    XCTAssertEqual(stored, expected)
    XCTAssertEqual(
      replacement,
      DraftContentReplacement(
        areaCount: 2, goalCount: 3, keptLineageCount: 0, createdServiceAreas: ["Natur og friluftsliv"],
        removedAdjustmentCount: 0))
    XCTAssertEqual(
      try store.serviceAreas(municipalityCode: taastrup).filter { $0.municipalityCode == taastrup }.map(
        \.name),
      ["Natur og friluftsliv"])
    XCTAssertEqual(try scalar("SELECT count(*) FROM goal WHERE version_id = ?", version, as: Int.self), 3)
    XCTAssertEqual(ContentRules.section2Problems(replaced), [])
    try store.adopt(
      versionId: version, Adoption(adoptedOn: date("2010-06-01"), meetingReference: "Byrådet pkt. 4"))
  }

  func testAnOwnAreaIsCreatedOnceAndNeverSharedWithAnotherMunicipality() throws {
    let version = try draft()
    try store.replaceDraftContent(
      versionId: version, municipalityCode: taastrup,
      areas: [("Natur og friluftsliv", [completeGoal("Stier")])])
    let second = try store.replaceDraftContent(
      versionId: version, municipalityCode: taastrup,
      areas: [("NATUR OG FRILUFTSLIV", [completeGoal("Stier")])])
    XCTAssertEqual(second.createdServiceAreas, [])
    XCTAssertEqual(try store.version(id: version)?.areas.map(\.name), ["Natur og friluftsliv"])
    let other = try draft(copenhagen)
    let third = try store.replaceDraftContent(
      versionId: other, municipalityCode: copenhagen,
      areas: [("Natur og friluftsliv", [completeGoal("Stier")])])
    XCTAssertEqual(third.createdServiceAreas, ["Natur og friluftsliv"])
    XCTAssertEqual(
      try scalar("SELECT count(*) FROM service_area WHERE name = 'Natur og friluftsliv'", as: Int.self), 2)
  }

  func testAGoalWithTheSameTitleInTheSameAreaContinuesItsHistory() throws {
    let first = try published(adopted: "2010-06-01", published: "2010-06-20")
    let inForce = try XCTUnwrap(store.version(id: first)?.areas.first?.goals.first)
    let draftId = try store.createDraft(municipalityCode: taastrup)
    let replacement = try store.replaceDraftContent(
      versionId: draftId, municipalityCode: taastrup,
      areas: [
        (
          "Borgerservice og administration",
          [completeGoal("Ny"), completeGoal(" MÅL FOR borgerservice og administration")]
        ),
        ("Folkeskole", [completeGoal("Mål for Borgerservice og administration")]),
      ])
    XCTAssertEqual(replacement.keptLineageCount, 1)
    let goals = try XCTUnwrap(store.version(id: draftId)?.areas.flatMap(\.goals))
    XCTAssertEqual(goals.map(\.lineage).filter { $0 == inForce.lineage }.count, 1)
    XCTAssertEqual(goals[1].lineage, inForce.lineage)
    XCTAssertEqual(goals[1].title, " MÅL FOR borgerservice og administration", "stored as given")
    XCTAssertEqual(try store.goalHistory(lineage: inForce.lineage).map(\.versionId), [first, draftId])
    XCTAssertEqual(Set(goals.map(\.lineage)).count, 3)
  }

  func testATargetAdjustmentStaysOnlyWhileTheImportKeepsItsTarget() throws {
    let first = try published(adopted: "2010-06-01", published: "2010-06-20")
    let inForce = try XCTUnwrap(store.version(id: first)?.areas.first?.goals.first)
    let (draftId, _) = try store.adjustTarget(
      goalId: inForce.id, newTargetValue: 85, reason: "Færre medarbejdere", on: date("2011-02-01"))
    func adjustments() throws -> [TargetAdjustment] {
      try store.goalHistory(lineage: inForce.lineage).last { $0.versionId == draftId }?.adjustments ?? []
    }
    XCTAssertEqual(try adjustments().map(\.reason), ["Færre medarbejdere"])

    let kept = try store.replaceDraftContent(
      versionId: draftId, municipalityCode: taastrup,
      areas: [("Borgerservice og administration", [completeGoal(inForce.title, target: 85)])])
    XCTAssertEqual(kept.removedAdjustmentCount, 0)
    XCTAssertEqual(try adjustments().map(\.newTargetValue), [85])
    XCTAssertEqual(try adjustments().map(\.oldTargetValue), [90])
    XCTAssertEqual(try adjustments().map(\.adjustedOn), [date("2011-02-01")])

    let changed = try store.replaceDraftContent(
      versionId: draftId, municipalityCode: taastrup,
      areas: [("Borgerservice og administration", [completeGoal(inForce.title, target: 80)])])
    XCTAssertEqual(changed.removedAdjustmentCount, 1)
    XCTAssertEqual(try adjustments(), [])
    XCTAssertEqual(try scalar("SELECT count(*) FROM target_adjustment", as: Int.self), 0)
  }

  func testAFailingGoalLeavesTheDraftExactlyAsItWas() throws {
    let version = try draft(areas: ["Borgerservice og administration", "Folkeskole"])
    let before = try snapshot(version)
    let message = errorMessage {
      try store.replaceDraftContent(
        versionId: version, municipalityCode: taastrup,
        areas: [
          ("Natur og friluftsliv", [completeGoal("Stier")]),
          ("Dagtilbud", [completeGoal("Sprog"), completeGoal("  ")]),
        ])
    }
    XCTAssertEqual(message, "§2: målet mangler en betegnelse")
    XCTAssertEqual(try snapshot(version), before)
  }

  func testInABatchALaterFailureUndoesTheImport() throws {
    let version = try draft()
    let before = try snapshot(version)
    XCTAssertThrowsError(
      try store.batch { writer in
        try writer.replaceDraftContent(
          versionId: version, municipalityCode: taastrup,
          areas: [("Natur og friluftsliv", [completeGoal("Stier")])])
        XCTAssertEqual(try writer.version(id: version)?.areas.map(\.name), ["Natur og friluftsliv"])
        throw Undo()
      }
    ) { XCTAssertTrue($0 is Undo) }
    XCTAssertEqual(try snapshot(version), before)
  }

  func testOnlyTheMunicipalitysOwnDraftIsReplaced() throws {
    let adopted = try published(adopted: "2010-06-01", published: nil)
    let before = try snapshot(adopted)
    let areas: [(serviceAreaName: String, goals: [Goal])] = [("Dagtilbud", [completeGoal("Sprog")])]
    XCTAssertEqual(
      errorMessage {
        try store.replaceDraftContent(versionId: adopted, municipalityCode: taastrup, areas: areas)
      },
      "§3: en vedtaget version kan ikke ændres; opret en ny version")
    XCTAssertEqual(try snapshot(adopted), before)

    let other = try draft(copenhagen)
    let otherBefore = try snapshot(other)
    XCTAssertThrowsError(
      try store.replaceDraftContent(versionId: other, municipalityCode: taastrup, areas: areas)
    ) { XCTAssertEqual($0 as? StoreError, .invalid("version \(other) tilhører en anden kommune")) }
    XCTAssertEqual(try snapshot(other), otherBefore)
    XCTAssertThrowsError(
      try store.replaceDraftContent(versionId: 9_999, municipalityCode: taastrup, areas: areas)
    ) { XCTAssertEqual($0 as? StoreError, .notFound("version 9999")) }
  }

  func testAnAreaNamedTwiceOrNotAtAllIsRefused() throws {
    let version = try draft()
    let before = try snapshot(version)
    XCTAssertThrowsError(
      try store.replaceDraftContent(
        versionId: version, municipalityCode: taastrup,
        areas: [("Dagtilbud", [completeGoal("Sprog")]), ("DAGTILBUD ", [completeGoal("Trivsel")])])
    ) { XCTAssertEqual($0 as? StoreError, .invalid("serviceområdet «DAGTILBUD» står to gange")) }
    XCTAssertThrowsError(
      try store.replaceDraftContent(
        versionId: version, municipalityCode: taastrup, areas: [(" ", [completeGoal("Sprog")])])
    ) { XCTAssertEqual($0 as? StoreError, .invalid("et serviceområde mangler sit navn")) }
    XCTAssertEqual(try snapshot(version), before)
  }
}
