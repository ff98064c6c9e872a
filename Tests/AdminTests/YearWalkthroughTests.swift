import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

/// A municipality's year, as the README tells it, through the browser's eyes only: the administrator's first login,
/// an editor added, a new version drafted, adopted and published, a follow-up filled in, adopted and published, and
/// each step visible to citizens only once published, and in the audit log.
final class YearWalkthroughTests: AdminTestCase {
  func testFromFirstLoginToAPublishedVersionAndFollowUp() throws {
    let today = try store.today()
    let year = today.year + 1
    // A municipality with a contract in force, no draft, and no follow-up for next year's budget.
    let code = try XCTUnwrap(
      try store.municipalities().first { municipality in
        try store.versionInForce(municipalityCode: municipality.code, asOf: today) != nil
          && store.draft(municipalityCode: municipality.code) == nil
          && !store.followUps(municipalityCode: municipality.code).contains { $0.budgetYear == year }
      }
    ).code
    let admin = "/admin/kommune/\(code)"
    let newPassword = "min egen lange adgangskode"

    // 1. The administrator made on the command line logs in with the one-time password and must choose a new one.
    try addUser("admin@kommune.example", role: .municipalAdmin, municipality: code, mustChangePassword: true)
    let administrator = Browser(port: server.boundPort)
    XCTAssertEqual(
      try administrator.logIn(email: "admin@kommune.example", password: Self.password).headers["Location"],
      "/admin/adgangskode")
    try choosePassword(administrator, from: Self.password, to: newPassword)

    // 2. The administrator adds an editor, whose one-time password is shown once; the editor logs in and changes it.
    try administrator.get(admin + "/brugere")
    let added = try administrator.post(
      admin + "/brugere", [("name", "Rikke Redaktør"), ("email", "rikke@kommune.example")])
    XCTAssertEqual(added.status, 200, added.text)
    let oneTime = try Self.between("<p class=\"one-time-password\"><code>", "</code>", in: added.text)
    let editor = Browser(port: server.boundPort)
    XCTAssertEqual(try editor.logIn(email: "rikke@kommune.example", password: oneTime).status, 303)
    try choosePassword(editor, from: oneTime, to: newPassword)
    XCTAssertEqual(try editor.get("/admin").headers["Location"], admin)

    // 3. A draft copied from the version in force, a new service area with one complete goal.
    let inForce = try XCTUnwrap(try store.versionInForce(municipalityCode: code, asOf: today))
    try editor.get(admin)
    XCTAssertEqual(try editor.post(admin + "/udkast").status, 303)
    let draftPage = try editor.get(admin + "/udkast")
    XCTAssertEqual(draftPage.status, 200)
    let usedAreas = Set(inForce.areas.map(\.serviceAreaId))
    let area = try XCTUnwrap(
      try store.serviceAreas().first { $0.municipalityCode == nil && !usedAreas.contains($0.id) })
    XCTAssertEqual(try editor.post(admin + "/udkast/omraader", [("omraade", String(area.id))]).status, 303)
    let draft = try XCTUnwrap(try store.draft(municipalityCode: code))
    let versionArea = try XCTUnwrap(draft.areas.first { $0.serviceAreaId == area.id })
    let goalForm = admin + "/udkast/omraader/\(versionArea.id)/maal"
    try editor.get(goalForm)
    let title = "Svar på henvendelser inden for to dage \(UUID().uuidString.prefix(6))"
    let saved = try editor.post(
      goalForm,
      [
        ("betegnelse", title), ("tema", "Hurtig service"),
        ("maal", "95 % af henvendelserne besvares inden for to dage"),
        ("indikator", "Andel besvaret inden for to dage"), ("enhed", "%"), ("udgangsvaerdi", "82"),
        ("udgangsdato", "01-01-\(today.year)"), ("maalvaerdi", "95"), ("maaldato", "31-12-\(today.year + 2)"),
        ("retning", "higher"), ("veje", "Fælles indbakke og faste svartider"),
      ])
    XCTAssertEqual(saved.status, 303, saved.text)
    XCTAssertEqual(try store.problems(versionId: draft.id), [], "the draft is complete")
    XCTAssertTrue(try editor.get(admin + "/udkast/forhaandsvisning").text.contains(title))
    XCTAssertFalse(try editor.get("/kommune/\(code)").text.contains(title), "a draft is not public")

    // 4. The council adopts it; then it is published, on time, and citizens see it.
    try editor.get(admin + "/udkast/vedtagelse")
    let adopted = try editor.post(
      admin + "/udkast/vedtagelse",
      [("adopted_on", today.description), ("meeting_reference", "Byrådets møde, punkt 12")])
    XCTAssertEqual(adopted.status, 303, adopted.text)
    XCTAssertFalse(try editor.get("/kommune/\(code)").text.contains(title), "adopted but not yet published")
    let publication = admin + "/version/\(draft.number)/offentliggoerelse"
    XCTAssertTrue(
      try editor.get(publication).text.contains(PublicationDeadline.after(adoption: today).danishText))
    XCTAssertEqual(try editor.post(publication).status, 303)
    let version = try XCTUnwrap(try store.version(id: draft.id))
    XCTAssertEqual(version.publishedOn, today)
    XCTAssertEqual(version.publishedLate, false)
    XCTAssertTrue(try editor.get("/kommune/\(code)").text.contains(title))

    // 5. The follow-up for next year's budget: every goal in force gets a status; adopted, published, public.
    try editor.get(admin + "/opfoelgning")
    XCTAssertEqual(try editor.post(admin + "/opfoelgning", [("budgetaar", String(year))]).status, 303)
    let goals = try XCTUnwrap(try store.contractInForce(municipalityCode: code, asOf: today)).version.areas
      .flatMap(\.goals)
    let statusText = "Arbejdet er godt i gang \(UUID().uuidString.prefix(6))"
    try editor.get(admin + "/opfoelgning/\(year)")
    let statuses = goals.flatMap { goal -> [(String, String)] in
      [
        ("status-\(goal.id)", statusText), ("maalt-\(goal.id)", "90"),
        ("maaltdato-\(goal.id)", today.description),
        ("resultat-\(goal.id)", GoalStatus.Result.partly.rawValue),
        ("opfoelgning-\(goal.id)", "Vi følger op med en ny plan for \(goal.title)."),
      ]
    }
    XCTAssertEqual(try editor.post(admin + "/opfoelgning/\(year)", statuses).status, 303)
    try editor.get(admin + "/opfoelgning/\(year)/vedtagelse")
    XCTAssertEqual(
      try editor.post(
        admin + "/opfoelgning/\(year)/vedtagelse",
        [("vedtaget", today.description), ("moede", "Byrådet, punkt 3")]
      ).status, 303)
    try editor.get("/kommune/\(code)/opfoelgning/\(year)")
    XCTAssertEqual(try editor.get("/kommune/\(code)/opfoelgning/\(year)").status, 404, "not yet published")
    try editor.get(admin + "/opfoelgning/\(year)/offentliggoerelse")
    XCTAssertEqual(try editor.post(admin + "/opfoelgning/\(year)/offentliggoerelse").status, 303)
    let followUp = try editor.get("/kommune/\(code)/opfoelgning/\(year)")
    XCTAssertEqual(followUp.status, 200)
    XCTAssertTrue(followUp.text.contains(statusText))

    // 6. The administrator sees every step in the municipality's log, by whom.
    let log = try administrator.get(admin + "/log")
    XCTAssertEqual(log.status, 200)
    let actions = try store.auditLog(municipalityCode: code, limit: 1000).map(\.action)
    for action in [
      "version.adopt", "version.publish", "follow_up.adopt", "follow_up.publish", "draft.goal.add",
    ] {
      XCTAssertTrue(actions.contains(action), "\(action) not logged: \(actions)")
    }
    XCTAssertTrue(log.text.contains("Rikke Redaktør"))
  }

  private func choosePassword(_ browser: Browser, from old: String, to new: String) throws {
    try browser.get("/admin/adgangskode")
    let changed = try browser.post("/admin/adgangskode", [("current", old), ("new", new), ("repeat", new)])
    XCTAssertEqual(changed.status, 303, changed.text)
  }

  static func between(_ start: String, _ end: String, in text: String) throws -> String {
    let from = try XCTUnwrap(text.range(of: start), text)
    let to = try XCTUnwrap(text.range(of: end, range: from.upperBound..<text.endIndex))
    return String(text[from.upperBound..<to.lowerBound])
  }
}
