import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

final class DecisionTargetAdjustmentTests: DecisionTestCase {
  func testAdjustingATargetMakesADraftThatCitizensSeeOnceAdoptedAndPublished() throws {
    let (code, contract) = try municipalityInForce()
    let goal = try XCTUnwrap(contract.version.areas.flatMap(\.goals).first { $0.targetValue != nil })
    try addUser(Self.editor, role: .editor, municipality: code)
    let browser = try signedIn(Self.editor)
    let path = "/admin/kommune/\(code)/maal/\(goal.id)/justering"

    // The contract page lists the goals in force, each with its adjustment link.
    let overview = try browser.get("/admin/kommune/\(code)/kontrakt")
    XCTAssertEqual(overview.status, 200, overview.text)
    XCTAssertTrue(overview.text.contains("Version \(contract.version.number)"))
    for inForce in contract.version.areas.flatMap(\.goals) {
      XCTAssertTrue(overview.text.contains("href=\"/admin/kommune/\(code)/maal/\(inForce.id)/justering\""))
    }

    let form = try browser.get(path)
    XCTAssertEqual(form.status, 200)
    let oldTarget = try XCTUnwrap(goal.targetValue)
    XCTAssertTrue(form.text.contains(escaped(DanishNumber.format(oldTarget, unit: goal.unit))), form.text)
    XCTAssertTrue(form.text.contains("Der bliver oprettet et udkast"))

    let newTarget = oldTarget == 87.5 ? 86.5 : 87.5
    let typed = DanishNumber.format(newTarget)
    let reason = "På grund af personalereduktioner"
    for _ in 0..<2 {
      let sent = try browser.post(path, [("target_value", typed), ("target_date", ""), ("reason", reason)])
      XCTAssertEqual(sent.status, 303, sent.text)
      XCTAssertEqual(sent.headers["Location"], Self.paths(code).adoption)
    }

    // What the Store says: a draft, copied from the version in force, with the goal's new target.
    let draft = try XCTUnwrap(try store.draft(municipalityCode: code))
    XCTAssertEqual(draft.basedOn, contract.version.id)
    XCTAssertTrue(draft.changeNote.contains(reason), draft.changeNote)
    let adjusted = try XCTUnwrap(draft.areas.flatMap(\.goals).first { $0.lineage == goal.lineage })
    XCTAssertEqual(adjusted.targetValue, newTarget)
    XCTAssertEqual(adjusted.targetDate, goal.targetDate, "an empty date keeps the old one")
    let history = try store.goalHistory(lineage: goal.lineage)
    let adjustments = try XCTUnwrap(history.first { $0.versionId == draft.id }).adjustments
    XCTAssertEqual(adjustments.count, 1, "the same form twice adjusts once")
    XCTAssertEqual(adjustments.first?.oldTargetValue, oldTarget)
    XCTAssertEqual(adjustments.first?.reason, reason)
    let entry = try XCTUnwrap(try audits(code, "goal.adjust_target").first)
    XCTAssertEqual(entry.entityId, String(adjusted.id))
    XCTAssertTrue(
      try XCTUnwrap(entry.beforeJSON).contains("\"goal_in_force\":\(goal.id)"), entry.beforeJSON ?? "")

    // Citizens see nothing yet; after the council's adoption and publication they see the adjustment.
    let goalPage = "/kommune/\(code)/maal/\(goal.lineage)"
    XCTAssertFalse(try browser.get(goalPage).text.contains(reason))
    let today = try store.today()
    try browser.get(Self.paths(code).adoption)
    let adopted = try browser.post(
      Self.paths(code).adoption,
      [("adopted_on", today.description), ("meeting_reference", "Byrådet, punkt 9")])
    XCTAssertEqual(adopted.status, 303, adopted.text)
    try browser.get(Self.publication(code, draft.number))
    XCTAssertEqual(try browser.post(Self.publication(code, draft.number)).status, 303)
    let citizen = try browser.get(goalPage)
    XCTAssertEqual(citizen.status, 200)
    XCTAssertTrue(citizen.text.contains(escaped(reason)), citizen.text)
    XCTAssertTrue(citizen.text.contains(escaped(DanishNumber.format(newTarget, unit: goal.unit))))
  }

  func testAdjustmentFormProblemsComeBackWithTheValuesAndChangeNothing() throws {
    let (code, contract) = try municipalityInForce()
    let goal = try XCTUnwrap(contract.version.areas.flatMap(\.goals).first { $0.targetValue != nil })
    try addUser(Self.editor, role: .editor, municipality: code)
    let browser = try signedIn(Self.editor)
    let path = "/admin/kommune/\(code)/maal/\(goal.id)/justering"
    let before = try databaseContents()
    try browser.get(path)

    let wrong = try browser.post(
      path, [("target_value", "ca. 90"), ("target_date", "32-01-2030"), ("reason", "")])
    XCTAssertEqual(wrong.status, 422)
    XCTAssertTrue(wrong.text.contains("Skriv målværdien som et tal"))
    XCTAssertTrue(wrong.text.contains("Datoen findes ikke"))
    XCTAssertTrue(wrong.text.contains("Skriv begrundelsen"))
    XCTAssertTrue(wrong.text.contains("value=\"ca. 90\""))
    XCTAssertTrue(wrong.text.contains("value=\"32-01-2030\""))
    XCTAssertEqual(wrong.text.components(separatedBy: "aria-invalid=\"true\"").count - 1, 3)

    let same = try browser.post(
      path,
      [
        ("target_value", DanishNumber.format(try XCTUnwrap(goal.targetValue))), ("target_date", ""),
        ("reason", "Ingen grund"),
      ])
    XCTAssertEqual(same.status, 422)
    XCTAssertTrue(same.text.contains("den samme som målets nuværende"))
    XCTAssertTrue(same.text.contains(">Ingen grund</textarea>"))

    if let baseline = goal.baselineDate {
      let early = try browser.post(
        path, [("target_value", "1.234,5"), ("target_date", baseline.description), ("reason", "Ny plan")])
      XCTAssertEqual(early.status, 422)
      XCTAssertTrue(early.text.contains("skal ligge efter datoen for udgangsværdien"))
    }
    XCTAssertEqual(try databaseContents(), before)
  }

  func testDanishNumbersAndDatesAreRead() throws {
    let (code, contract) = try municipalityInForce()
    let goal = try XCTUnwrap(contract.version.areas.flatMap(\.goals).first { $0.targetValue != nil })
    try addUser(Self.editor, role: .editor, municipality: code)
    let browser = try signedIn(Self.editor)
    let path = "/admin/kommune/\(code)/maal/\(goal.id)/justering"
    try browser.get(path)
    let newDate = try XCTUnwrap(CalendarDate(year: 2031, month: 12, day: 31))
    let sent = try browser.post(
      path, [("target_value", "1.234,5"), ("target_date", "31-12-2031"), ("reason", "Nyt niveau")])
    XCTAssertEqual(sent.status, 303, sent.text)
    let draft = try XCTUnwrap(try store.draft(municipalityCode: code))
    let adjusted = try XCTUnwrap(draft.areas.flatMap(\.goals).first { $0.lineage == goal.lineage })
    XCTAssertEqual(adjusted.targetValue, 1234.5)
    XCTAssertEqual(adjusted.targetDate, newDate)
  }

  func testAGoalRemovedFromTheDraftCannotBeAdjustedThere() throws {
    let (code, contract) = try municipalityInForce()
    let area = try XCTUnwrap(contract.version.areas.first { !$0.goals.isEmpty })
    let goal = try XCTUnwrap(area.goals.first)
    let draftId = try store.createDraft(municipalityCode: code)
    let draftArea = try XCTUnwrap(
      try store.version(id: draftId)?.areas.first { $0.serviceAreaId == area.serviceAreaId })
    try store.removeArea(versionAreaId: draftArea.id)
    try addUser(Self.editor, role: .editor, municipality: code)
    let browser = try signedIn(Self.editor)
    let path = "/admin/kommune/\(code)/maal/\(goal.id)/justering"
    let page = try browser.get(path)
    XCTAssertTrue(page.text.contains("Målet er fjernet fra udkastet"), page.text)
    let before = try databaseContents()
    let refused = try browser.post(path, [("target_value", "1"), ("reason", "Ny plan")])
    XCTAssertEqual(refused.status, 409, refused.text)
    XCTAssertTrue(refused.text.contains("value=\"1\""))
    XCTAssertEqual(try databaseContents(), before)
  }
}
