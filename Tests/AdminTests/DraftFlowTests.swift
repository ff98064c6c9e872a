import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

final class DraftFlowTests: DraftTestCase {
  func testWholeDraftFlowOverHTTP() throws {
    let (code, inForce) = try municipalitiesWithContract(count: 1, minimumGoals: 2)[0]
    try addUser("redaktor@example.dk", role: .editor, municipality: code)
    let browser = try signedIn("redaktor@example.dk")
    let editor = "/admin/kommune/\(code)/udkast"

    // No draft yet: a page saying so, with the button.
    let none = try browser.get(editor)
    XCTAssertEqual(none.status, 200)
    XCTAssertTrue(none.text.contains("intet udkast"), none.text)
    XCTAssertTrue(none.text.contains("version \(inForce.version.number)"))

    // Create: a copy of the version in force, then the editor.
    let created = try browser.post(editor)
    XCTAssertEqual(created.status, 303, created.text)
    XCTAssertEqual(created.headers["Location"], editor)
    var draft = try XCTUnwrap(try draft(code))
    XCTAssertEqual(draft.basedOn, inForce.version.id)
    XCTAssertEqual(draft.areas.map(\.name), inForce.version.areas.map(\.name))
    XCTAssertEqual(
      draft.areas.map { $0.goals.map(\.title) }, inForce.version.areas.map { $0.goals.map(\.title) })
    XCTAssertEqual(
      draft.areas.flatMap { $0.goals.map(\.lineage) },
      inForce.version.areas.flatMap { $0.goals.map(\.lineage) })
    var page = try browser.get(editor)
    XCTAssertEqual(page.status, 200)
    XCTAssertEqual(page.headers["Cache-Control"], "no-store")
    for area in inForce.version.areas {
      XCTAssertTrue(page.text.contains(escaped(area.name)), area.name)
      for goal in area.goals { XCTAssertTrue(page.text.contains(escaped(goal.title)), goal.title) }
    }

    // Add an area from the national list: it comes last.
    let national = try unusedNationalArea(draft)
    XCTAssertEqual(try browser.post(editor + "/omraader", [("omraade", String(national.id))]).status, 303)
    draft = try XCTUnwrap(try self.draft(code))
    XCTAssertEqual(draft.areas.last?.serviceAreaId, national.id)
    XCTAssertEqual(draft.areas.count, inForce.version.areas.count + 1)
    let newArea = try XCTUnwrap(draft.areas.last)

    // A goal with problems: 422, every value kept, each message next to its field, nothing saved.
    let form = editor + "/omraader/\(newArea.id)/maal"
    XCTAssertEqual(try browser.get(form).status, 200)
    let before = try databaseContents()
    var fields = Self.completeGoal(title: "Ventetid på <byggesager>")
    fields = fields.map { name, value in
      switch name {
      case "maalvaerdi": return (name, "halvfems")
      case "udgangsdato": return (name, "31-12-2010")
      case "maaldato": return (name, "01-06-2010")
      default: return (name, value)
      }
    }
    let refused = try browser.post(form, fields)
    XCTAssertEqual(refused.status, 422)
    XCTAssertEqual(try databaseContents(), before)
    XCTAssertTrue(refused.text.contains("Skriv målværdien som et tal"), refused.text)
    XCTAssertTrue(refused.text.contains("Datoen for målværdien skal ligge efter datoen for udgangsværdien"))
    XCTAssertTrue(refused.text.contains("value=\"halvfems\""))
    XCTAssertTrue(refused.text.contains("value=\"Ventetid på &lt;byggesager&gt;\""))
    // The means is a textarea: its value kept as its content.
    XCTAssertTrue(refused.text.contains(">Digital ansøgning og faste sagsbehandlere</textarea>"))
    // The date typed the Danish way comes back as the date it is.
    XCTAssertTrue(refused.text.contains("value=\"2010-12-31\""))
    for field in ["maalvaerdi", "maaldato"] {
      let input = try XCTUnwrap(tag(of: field, in: refused.text), field)
      XCTAssertTrue(input.contains("aria-invalid=\"true\""), input)
      XCTAssertTrue(input.contains("felt-\(field)-fejl"), input)
    }
    XCTAssertFalse(try XCTUnwrap(tag(of: "enhed", in: refused.text)).contains("aria-invalid"))

    // Fixed: saved with the Danish number and date read right.
    fields = fields.map { name, value in
      switch name {
      case "maalvaerdi": return (name, "1.234,5")
      case "maaldato": return (name, "31-12-2013")
      default: return (name, value)
      }
    }
    let saved = try browser.post(form, fields)
    XCTAssertEqual(saved.status, 303, saved.text)
    draft = try XCTUnwrap(try self.draft(code))
    var goal = try XCTUnwrap(draft.areas.last?.goals.first)
    XCTAssertEqual(goal.title, "Ventetid på <byggesager>")
    XCTAssertEqual(goal.targetValue, 1234.5)
    XCTAssertEqual(goal.baselineDate, CalendarDate(year: 2010, month: 12, day: 31))
    XCTAssertEqual(goal.targetDate, CalendarDate(year: 2013, month: 12, day: 31))
    XCTAssertEqual(goal.direction, .lower)
    XCTAssertEqual(saved.headers["Location"], editor + "#maal-\(goal.id)")

    // The same form sent again changes nothing.
    let again = try browser.post(form, fields)
    XCTAssertEqual(again.status, 303)
    XCTAssertEqual(try XCTUnwrap(try self.draft(code)).areas.last?.goals.count, 1)

    // Edit: the form shows the saved values; the change is saved and logged with before and after.
    let edit = try browser.get(editor + "/maal/\(goal.id)")
    XCTAssertEqual(edit.status, 200)
    XCTAssertTrue(edit.text.contains("value=\"1234,5\""), edit.text)
    fields = fields.map { name, value in
      name == "betegnelse" ? (name, "Ventetid på byggetilladelser") : (name, value)
    }
    XCTAssertEqual(try browser.post(editor + "/maal/\(goal.id)", fields).status, 303)
    goal = try XCTUnwrap(try self.draft(code)?.areas.last?.goals.first)
    XCTAssertEqual(goal.title, "Ventetid på byggetilladelser")
    let update = try XCTUnwrap(
      try store.auditLog(municipalityCode: code).first { $0.action == "draft.goal.update" })
    XCTAssertEqual(update.entityId, String(goal.id))
    XCTAssertTrue(update.beforeJSON?.contains("Ventetid på <byggesager>") == true, update.beforeJSON ?? "")
    XCTAssertTrue(update.afterJSON?.contains("Ventetid på byggetilladelser") == true)

    // Reorder: the new area up one place; the first goal of an area with two or more down one place.
    try browser.get(editor)
    XCTAssertEqual(
      try browser.post(editor + "/omraader/\(newArea.id)/flyt", [("retning", "op")]).status, 303)
    draft = try XCTUnwrap(try self.draft(code))
    XCTAssertEqual(draft.areas[draft.areas.count - 2].id, newArea.id)
    let busy = try XCTUnwrap(draft.areas.first { $0.goals.count >= 2 })
    let first = busy.goals[0].id
    let second = busy.goals[1].id
    try browser.get(editor)
    XCTAssertEqual(try browser.post(editor + "/maal/\(first)/flyt", [("retning", "ned")]).status, 303)
    let reordered = try XCTUnwrap(try self.draft(code)?.areas.first { $0.id == busy.id })
    XCTAssertEqual(Array(reordered.goals.map(\.id).prefix(2)), [second, first])

    // Remove a goal: a confirmation page naming it, then gone.
    let confirm = try browser.get(editor + "/maal/\(first)/fjern")
    XCTAssertEqual(confirm.status, 200)
    XCTAssertTrue(confirm.text.contains(escaped(busy.goals[0].title)))
    XCTAssertEqual(try browser.post(editor + "/maal/\(first)/fjern").status, 303)
    XCTAssertFalse(
      try XCTUnwrap(try self.draft(code)).areas.contains { $0.goals.contains { $0.id == first } })

    // Preview: the draft's goal under the banner, never cached or indexed; the public page is unchanged.
    let preview = try browser.get(editor + "/forhaandsvisning")
    XCTAssertEqual(preview.status, 200)
    XCTAssertTrue(preview.text.contains("Forhåndsvisning – ikke offentliggjort"), preview.text)
    XCTAssertTrue(preview.text.contains("Ventetid på byggetilladelser"))
    XCTAssertTrue(preview.text.contains(escaped(national.name)))
    XCTAssertTrue(preview.text.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"))
    XCTAssertEqual(preview.headers["Cache-Control"], "no-store")
    let publicPage = try browser.get("/kommune/\(code)")
    XCTAssertEqual(publicPage.status, 200)
    XCTAssertFalse(publicPage.text.contains("Ventetid på byggetilladelser"))
    XCTAssertFalse(publicPage.text.contains("Forhåndsvisning"))

    // Discard: a confirmation, then the draft is gone and the version in force untouched.
    page = try browser.get(editor + "/kasser")
    XCTAssertEqual(page.status, 200)
    let discarded = try browser.post(editor + "/kasser")
    XCTAssertEqual(discarded.status, 303)
    XCTAssertEqual(discarded.headers["Location"], "/admin/kommune/\(code)")
    XCTAssertNil(try self.draft(code))
    XCTAssertEqual(
      try store.contractInForce(municipalityCode: code, asOf: try store.today())?.version, inForce.version)
    let actions = Set(try store.auditLog(municipalityCode: code).map(\.action))
    for action in [
      "draft.create", "draft.area.add", "draft.goal.add", "draft.goal.update", "draft.area.move",
      "draft.goal.move", "draft.goal.remove", "draft.discard",
    ] {
      XCTAssertTrue(actions.contains(action), action)
    }
  }

  func testOwnAreaByNameChangeNoteAndAreaRemoval() throws {
    let (code, _) = try municipalitiesWithContract(count: 1)[0]
    try addUser("redaktor@example.dk", role: .editor, municipality: code)
    let browser = try signedIn("redaktor@example.dk")
    let editor = "/admin/kommune/\(code)/udkast"
    try browser.get(editor)
    XCTAssertEqual(try browser.post(editor).status, 303)

    // Neither chosen nor typed: the form comes back with the message next to the list.
    try browser.get(editor)
    let empty = try browser.post(editor + "/omraader", [("omraade", ""), ("nyt_omraade", "")])
    XCTAssertEqual(empty.status, 422)
    XCTAssertTrue(try XCTUnwrap(tag(of: "omraade", in: empty.text)).contains("aria-invalid=\"true\""))

    // A new name: the municipality's own service area, added to the draft.
    let added = try browser.post(editor + "/omraader", [("omraade", ""), ("nyt_omraade", "Vej og park")])
    XCTAssertEqual(added.status, 303)
    let own = try XCTUnwrap(try store.serviceAreas(municipalityCode: code).first { $0.name == "Vej og park" })
    XCTAssertEqual(own.municipalityCode, code)
    var draft = try XCTUnwrap(try self.draft(code))
    let area = try XCTUnwrap(draft.areas.last)
    XCTAssertEqual(area.serviceAreaId, own.id)

    // The same name again (other case): refused with a message, no second area.
    try browser.get(editor)
    let twice = try browser.post(editor + "/omraader", [("omraade", ""), ("nyt_omraade", "vej og park")])
    XCTAssertEqual(twice.status, 422)
    XCTAssertTrue(twice.text.contains("er allerede med i udkastet"))
    XCTAssertEqual(try XCTUnwrap(try self.draft(code)).areas.count, draft.areas.count)

    // An area without goals blocks adoption (§2), listed from the Store.
    let page = try browser.get(editor)
    XCTAssertTrue(page.text.contains(escaped("§2: området Vej og park har ingen mål")), page.text)

    // The change note: saved on the draft, shown in the preview as citizens will see it.
    XCTAssertEqual(
      try browser.post(editor + "/aendring", [("aendring", "Nyt serviceområde: Vej og park.")]).status, 303)
    XCTAssertEqual(try self.draft(code)?.changeNote, "Nyt serviceområde: Vej og park.")
    XCTAssertTrue(
      try browser.get(editor + "/forhaandsvisning").text.contains("Nyt serviceområde: Vej og park."))

    // Removing the area: the confirmation names it; then it is gone.
    let confirm = try browser.get(editor + "/omraader/\(area.id)/fjern")
    XCTAssertEqual(confirm.status, 200)
    XCTAssertTrue(confirm.text.contains("Fjern Vej og park"))
    XCTAssertEqual(try browser.post(editor + "/omraader/\(area.id)/fjern").status, 303)
    draft = try XCTUnwrap(try self.draft(code))
    XCTAssertFalse(draft.areas.contains { $0.id == area.id })
  }

  func testMoreThanThreeGoalsIsAWarningNotARefusal() throws {
    let (code, _) = try municipalitiesWithContract(count: 1)[0]
    try addUser("redaktor@example.dk", role: .editor, municipality: code)
    let browser = try signedIn("redaktor@example.dk")
    let editor = "/admin/kommune/\(code)/udkast"
    let draftId = try store.createDraft(municipalityCode: code)
    let draft = try XCTUnwrap(try store.version(id: draftId))
    let areaId = try store.addArea(versionId: draftId, serviceAreaId: try unusedNationalArea(draft).id)
    for number in 1...3 { try store.addGoal(versionAreaId: areaId, Goal(title: "Mål nummer \(number)")) }
    XCTAssertFalse(try browser.get(editor).text.contains("har 4 mål"))

    let form = try browser.get(editor + "/omraader/\(areaId)/maal")
    XCTAssertTrue(form.text.contains("Vejledning"), form.text)
    let saved = try browser.post(
      editor + "/omraader/\(areaId)/maal", [("betegnelse", "Mål nummer 4"), ("retning", "higher")])
    XCTAssertEqual(saved.status, 303, saved.text)
    XCTAssertEqual(try store.version(id: draftId)?.areas.first { $0.id == areaId }?.goals.count, 4)
    let page = try browser.get(editor)
    XCTAssertTrue(page.text.contains("class=\"warning\"><strong>Vejledning:</strong>"))
    XCTAssertTrue(page.text.contains("har 4 mål"), page.text)
    // A goal with only a title is saved, but what it lacks is named as missing before adoption.
    XCTAssertTrue(page.text.contains("Mangler før vedtagelse: indikator, enhed"))
  }

  func testSecondDraftFromAnotherFormLandsOnTheEditorWithAMessage() throws {
    let (code, _) = try municipalitiesWithContract(count: 1)[0]
    try addUser("redaktor@example.dk", role: .editor, municipality: code)
    let first = try signedIn("redaktor@example.dk")
    let second = try signedIn("redaktor@example.dk")
    try first.get("/admin/kommune/\(code)")
    try second.get("/admin/kommune/\(code)")
    XCTAssertEqual(try first.post("/admin/kommune/\(code)/udkast").status, 303)
    let twice = try first.post("/admin/kommune/\(code)/udkast")
    XCTAssertEqual(twice.status, 303)
    XCTAssertEqual(twice.headers["Location"], "/admin/kommune/\(code)/udkast")
    let other = try second.post("/admin/kommune/\(code)/udkast")
    XCTAssertEqual(other.status, 303)
    let location = try XCTUnwrap(other.headers["Location"])
    XCTAssertEqual(location, "/admin/kommune/\(code)/udkast?findes=1")
    let page = try second.get(location)
    XCTAssertEqual(page.status, 200)
    XCTAssertTrue(page.text.contains("Der var allerede et udkast"))
    XCTAssertEqual(try store.versionHistory(municipalityCode: code).filter(\.isDraft).count, 1)
    XCTAssertEqual(
      try store.auditLog(municipalityCode: code).filter { $0.action == "draft.create" }.count, 1)
  }

  /// The start tag of the input, select or textarea named `name`.
  func tag(of name: String, in page: String) -> String? {
    guard let nameRange = page.range(of: "name=\"\(name)\"") else { return nil }
    let start =
      page[..<nameRange.lowerBound].range(of: "<", options: .backwards)?.lowerBound ?? page.startIndex
    let end = page[nameRange.upperBound...].firstIndex(of: ">") ?? page.endIndex
    return String(page[start..<end])
  }
}
