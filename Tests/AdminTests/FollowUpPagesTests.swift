import Admin
import Citizen
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

/// The yearly follow-up over HTTP, as an editor of a municipality with a contract in force works through it.
final class FollowUpPagesTests: AdminTestCase {
  let code = "0169"
  let otherCode = "0101"

  var base: String { "/admin/kommune/\(code)/opfoelgning" }

  override func setUpWithError() throws {
    try super.setUpWithError()
    try addUser("redaktor@example.dk", role: .editor, municipality: code)
    try addUser("anden@example.dk", role: .editor, municipality: otherCode)
  }

  func goalsInForce() throws -> [Goal] {
    let contract = try XCTUnwrap(try store.contractInForce(municipalityCode: code, asOf: try store.today()))
    return contract.version.areas.sorted { ($0.position, $0.id) < ($1.position, $1.id) }.flatMap {
      $0.goals.sorted { ($0.position, $0.id) < ($1.position, $1.id) }
    }
  }

  func summary(_ year: Int) throws -> FollowUpSummary? {
    try store.followUps(municipalityCode: code).first { $0.budgetYear == year }
  }

  /// A free budget year the form accepts: next year, or the one after when the seed already has next year.
  func freeYear(after: Int? = nil) throws -> Int {
    let today = try store.today()
    let taken = Set(try store.followUps(municipalityCode: code).map(\.budgetYear))
    return try XCTUnwrap(((after ?? today.year) + 1...today.year + 2).first { !taken.contains($0) })
  }

  /// The status fields of `goals`: reached goals need no follow-up text, the others get one.
  func statusFields(_ goals: [Goal], result: GoalStatus.Result = .notReached) -> [(String, String)] {
    goals.flatMap { goal -> [(String, String)] in
      [
        ("status-\(goal.id)", "Status for \(goal.title): arbejdet er i gang."),
        ("maalt-\(goal.id)", "87,5"), ("maaltdato-\(goal.id)", "01-09-\(goal.id % 2 == 0 ? 2025 : 2024)"),
        ("resultat-\(goal.id)", result.rawValue),
        ("opfoelgning-\(goal.id)", result == .reached ? "" : "Vi følger op på \(goal.title) med en ny plan."),
      ]
    }
  }

  func createFollowUp(_ browser: Browser, year: Int) throws {
    try browser.get(base)
    let reply = try browser.post(base, [("budgetaar", String(year))])
    XCTAssertEqual(reply.status, 303, reply.text)
    XCTAssertEqual(reply.headers["Location"], "\(base)/\(year)")
  }

  /// The opening tag of the element with `id` (an input, textarea or select).
  static func tag(_ id: String, in text: String) throws -> Substring {
    let start = try XCTUnwrap(text.range(of: "id=\"\(id)\""), id)
    let end = try XCTUnwrap(text.range(of: ">", range: start.upperBound..<text.endIndex))
    return text[start.lowerBound..<end.lowerBound]
  }

  static func html(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "'", with: "&#39;")
  }

  // MARK: The whole year

  func testCreateFillAdoptAndPublishOnTimeShowsOnTheCitizenPage() throws {
    let browser = try signedIn("redaktor@example.dk")
    let today = try store.today()
    let list = try browser.get(base)
    XCTAssertEqual(list.status, 200)
    XCTAssertEqual(list.headers["Cache-Control"], "no-store")
    let year = try freeYear()
    XCTAssertTrue(
      list.text.contains("name=\"budgetaar\" value=\"\(year)\""), "next free budget year suggested")
    try createFollowUp(browser, year: year)
    let followUp = try XCTUnwrap(try summary(year))
    XCTAssertNil(followUp.adoption)

    // The status page shows every goal with its target and baseline beside the fields.
    let goals = try goalsInForce()
    XCTAssertGreaterThan(goals.count, 1)
    let page = try browser.get("\(base)/\(year)")
    XCTAssertEqual(page.status, 200)
    for goal in goals {
      XCTAssertTrue(page.text.contains("<legend>\(Self.html(goal.title))</legend>"), goal.title)
      XCTAssertTrue(page.text.contains("name=\"opfoelgning-\(goal.id)\""))
      let target = DanishNumber.format(try XCTUnwrap(goal.targetValue), unit: goal.unit)
      XCTAssertTrue(page.text.contains(Self.html(target)), "target \(target) of \(goal.title)")
    }

    // All but the last goal: saved, but adoption is refused while the last has no status, and nothing changes.
    let missing = goals.last!
    let saved = try browser.post("\(base)/\(year)", statusFields(Array(goals.dropLast())))
    XCTAssertEqual(saved.status, 303, saved.text)
    let statuses = try XCTUnwrap(try store.followUp(id: followUp.id)).statuses
    XCTAssertEqual(statuses.count, goals.count - 1)
    for status in statuses {
      XCTAssertEqual(status.measuredValue, 87.5, "Danish decimal comma")
      XCTAssertEqual(
        status.measuredOn, CalendarDate(year: status.goalId % 2 == 0 ? 2025 : 2024, month: 9, day: 1))
      XCTAssertEqual(status.result, .notReached)
    }
    let adoptionPage = try browser.get("\(base)/\(year)/vedtagelse")
    XCTAssertTrue(
      adoptionPage.text.contains(Self.html("\"\(missing.title)\" mangler status")), adoptionPage.text)
    let before = try databaseContents()
    let refused = try browser.post(
      "\(base)/\(year)/vedtagelse", [("vedtaget", today.adding(days: -5).description), ("moede", "Byrådet")])
    XCTAssertEqual(refused.status, 422)
    XCTAssertTrue(refused.text.contains("kan ikke vedtages endnu"))
    XCTAssertTrue(refused.text.contains(Self.html("\"\(missing.title)\" mangler status")))
    XCTAssertTrue(refused.text.contains("href=\"\(base)/\(year)#felt-status-\(missing.id)\""))
    XCTAssertTrue(refused.text.contains("value=\"Byrådet\""), "the meeting typed is kept")
    XCTAssertEqual(try databaseContents(), before)

    // The last goal, then adoption and publication on time.
    try browser.get("\(base)/\(year)")
    XCTAssertEqual(try browser.post("\(base)/\(year)", statusFields(goals)).status, 303)
    XCTAssertEqual(try store.problems(followUpId: followUp.id), [])
    try get404("/kommune/\(code)/opfoelgning/\(year)")
    try browser.get("\(base)/\(year)/vedtagelse")
    let adoptedOn = today.adding(days: -5)
    let adopt = try browser.post(
      "\(base)/\(year)/vedtagelse",
      [("vedtaget", adoptedOn.description), ("moede", "Byrådets møde, punkt 7")])
    XCTAssertEqual(adopt.status, 303, adopt.text)
    XCTAssertEqual(try summary(year)?.adoption?.adoptedOn, adoptedOn)
    let publication = try browser.get("\(base)/\(year)/offentliggoerelse")
    XCTAssertTrue(publication.text.contains(PublicationDeadline.after(adoption: adoptedOn).danishText))
    XCTAssertTrue(publication.text.contains("inden for fristen"))
    XCTAssertFalse(publication.text.contains("Fristen er overskredet"))
    XCTAssertEqual(try browser.post("\(base)/\(year)/offentliggoerelse").status, 303)
    let published = try XCTUnwrap(try summary(year))
    XCTAssertEqual(published.publishedOn, today)
    XCTAssertEqual(published.publishedLate, false)

    // The citizen page shows it, with every status text.
    let client = try TestClient(port: server.boundPort)
    let citizen = try client.request("GET", "/kommune/\(code)/opfoelgning/\(year)")
    XCTAssertEqual(citizen.status, 200)
    for goal in goals {
      XCTAssertTrue(citizen.text.contains(Self.html("Vi følger op på \(goal.title) med en ny plan.")))
    }
    XCTAssertFalse(citizen.text.contains("offentliggjort for sent"))
    let actions = try store.auditLog(entity: "follow_up", entityId: String(followUp.id)).map(\.action)
    XCTAssertEqual(
      actions.sorted(),
      ["follow_up.adopt", "follow_up.create", "follow_up.publish", "follow_up.update", "follow_up.update"])
  }

  func testLatePublicationIsAllowedAndRecordedAsLate() throws {
    let browser = try signedIn("redaktor@example.dk")
    let today = try store.today()
    let year = try freeYear()
    try createFollowUp(browser, year: year)
    try browser.get("\(base)/\(year)")
    XCTAssertEqual(
      try browser.post("\(base)/\(year)", statusFields(try goalsInForce(), result: .reached)).status, 303)
    try browser.get("\(base)/\(year)/vedtagelse")
    let adoptedOn = today.adding(days: -70)
    XCTAssertEqual(
      try browser.post(
        "\(base)/\(year)/vedtagelse", [("vedtaget", adoptedOn.description), ("moede", "Byrådet")]
      )
      .status, 303)
    let page = try browser.get("\(base)/\(year)/offentliggoerelse")
    XCTAssertEqual(page.status, 200)
    XCTAssertTrue(page.text.contains("Fristen er overskredet"))
    XCTAssertTrue(page.text.contains(PublicationDeadline.after(adoption: adoptedOn).danishText))
    XCTAssertEqual(try browser.post("\(base)/\(year)/offentliggoerelse").status, 303)
    XCTAssertEqual(try summary(year)?.publishedLate, true)
    let client = try TestClient(port: server.boundPort)
    let citizen = try client.request("GET", "/kommune/\(code)/opfoelgning/\(year)")
    XCTAssertEqual(citizen.status, 200)
    XCTAssertTrue(citizen.text.contains("offentliggjort for sent"))
  }

  // MARK: Field errors

  func testUnmetGoalWithoutFollowUpTextAndAValueThatIsNoNumberComeBackWithEveryValueKept() throws {
    let browser = try signedIn("redaktor@example.dk")
    let year = try freeYear()
    try createFollowUp(browser, year: year)
    let goals = try goalsInForce()
    let (first, second) = (goals[0], goals[1])
    try browser.get("\(base)/\(year)")
    let before = try databaseContents()
    let reply = try browser.post(
      "\(base)/\(year)",
      [
        ("budgetvedtagelse", "2001-10-10"),
        ("status-\(first.id)", "Status med <tegn> & \"citat\""), ("maalt-\(first.id)", "90"),
        ("maaltdato-\(first.id)", "2025-09-01"), ("resultat-\(first.id)", "not_reached"),
        ("opfoelgning-\(first.id)", "  "),
        ("status-\(second.id)", "Målt med fejl"), ("maalt-\(second.id)", "ni og halvfems"),
        ("maaltdato-\(second.id)", "01-09-2025"), ("resultat-\(second.id)", "partly"),
        ("opfoelgning-\(second.id)", "Ny plan"),
      ])
    XCTAssertEqual(reply.status, 422)
    XCTAssertEqual(try databaseContents(), before)
    let text = reply.text
    XCTAssertTrue(
      text.contains(Self.html("\(first.title): målet er ikke nået. Skriv, hvordan kommunen følger op")))
    XCTAssertTrue(
      text.contains(Self.html("\(second.title): skriv den målte værdi som et tal, fx 90 eller 87,5.")))
    XCTAssertTrue(text.contains("Budgettet for \(year) vedtages i \(year - 1)."))
    for id in ["felt-opfoelgning-\(first.id)", "felt-maalt-\(second.id)", "felt-budgetvedtagelse"] {
      XCTAssertTrue(text.contains("<a href=\"#\(id)\">"), "summary links to \(id)")
      XCTAssertTrue(try Self.tag(id, in: text).contains("aria-invalid=\"true\""), id)
    }
    for id in ["felt-status-\(first.id)", "felt-maalt-\(first.id)", "felt-opfoelgning-\(second.id)"] {
      XCTAssertFalse(try Self.tag(id, in: text).contains("aria-invalid"), "\(id) has no problem")
    }
    XCTAssertTrue(text.contains(">Status med &lt;tegn&gt; &amp; &quot;citat&quot;</textarea>"))
    XCTAssertTrue(text.contains("value=\"ni og halvfems\""))
    XCTAssertTrue(text.contains("value=\"01-09-2025\""))
    XCTAssertTrue(text.contains("value=\"2001-10-10\""))
    XCTAssertTrue(text.contains("<option value=\"partly\" selected>"))
    XCTAssertTrue(text.contains(">Ny plan</textarea>"))
  }

  func testPartlyReachedNeedsAFollowUpTextAsTheStoreDoes() throws {
    let browser = try signedIn("redaktor@example.dk")
    let year = try freeYear()
    try createFollowUp(browser, year: year)
    let goal = try goalsInForce()[0]
    try browser.get("\(base)/\(year)")
    let reply = try browser.post(
      "\(base)/\(year)", [("status-\(goal.id)", "Halvvejs"), ("resultat-\(goal.id)", "partly")])
    XCTAssertEqual(reply.status, 422)
    XCTAssertTrue(reply.text.contains(Self.html("\(goal.title): målet er kun delvist nået.")))
    let reached = try browser.post(
      "\(base)/\(year)", [("status-\(goal.id)", "Nået"), ("resultat-\(goal.id)", "reached")])
    XCTAssertEqual(reached.status, 303)
    XCTAssertEqual(
      try store.followUp(id: try XCTUnwrap(try summary(year)).id)?.statuses.map(\.result), [.reached])
  }

  func testBudgetAdoptionDateSetsTheDueDate() throws {
    let browser = try signedIn("redaktor@example.dk")
    let year = try freeYear()
    try createFollowUp(browser, year: year)
    XCTAssertEqual(try summary(year)?.dueOn, CalendarDate(year: year - 1, month: 10, day: 15))
    try browser.get("\(base)/\(year)")
    XCTAssertEqual(
      try browser.post("\(base)/\(year)", [("budgetvedtagelse", "08-10-\(year - 1)")]).status, 303)
    let due = try XCTUnwrap(CalendarDate(year: year - 1, month: 10, day: 8))
    XCTAssertEqual(try summary(year)?.dueOn, due)
    XCTAssertEqual(try store.budgetAdoptions(municipalityCode: code)[year], due)
    let page = try browser.get("\(base)/\(year)?gemt")
    XCTAssertTrue(page.text.contains("Ændringerne er gemt."))
    XCTAssertTrue(page.text.contains(due.danishText))
  }

  func testAdoptionDateInTheFutureOrMissingIsAFieldError() throws {
    let browser = try signedIn("redaktor@example.dk")
    let year = try freeYear()
    try createFollowUp(browser, year: year)
    try browser.get("\(base)/\(year)/vedtagelse")
    let before = try databaseContents()
    let future = try browser.post(
      "\(base)/\(year)/vedtagelse",
      [("vedtaget", try store.today().adding(days: 3).description), ("moede", "")])
    XCTAssertEqual(future.status, 422)
    XCTAssertTrue(future.text.contains("Datoen ligger efter i dag."))
    XCTAssertTrue(future.text.contains("Skriv, hvilket møde i kommunalbestyrelsen der vedtog redegørelsen."))
    XCTAssertTrue(future.text.contains("aria-invalid=\"true\""))
    XCTAssertEqual(try databaseContents(), before)
  }

  // MARK: Once only, duplicates, discarding

  func testTheSameFormTwiceCreatesNothingTwice() throws {
    let browser = try signedIn("redaktor@example.dk")
    let year = try freeYear()
    try browser.get(base)
    XCTAssertEqual(try browser.post(base, [("budgetaar", String(year))]).status, 303)
    let after = try databaseContents()
    let again = try browser.post(base, [("budgetaar", String(year))])
    XCTAssertEqual(again.status, 303)
    XCTAssertEqual(try databaseContents(), after)
    XCTAssertEqual(try store.followUps(municipalityCode: code).filter { $0.budgetYear == year }.count, 1)

    try browser.get("\(base)/\(year)")
    let fields = statusFields(try goalsInForce())
    XCTAssertEqual(try browser.post("\(base)/\(year)", fields).status, 303)
    let saved = try databaseContents()
    XCTAssertEqual(try browser.post("\(base)/\(year)", fields).status, 303)
    XCTAssertEqual(try databaseContents(), saved)
  }

  func testASecondFollowUpForTheSameYearIsAMessageNotAnError() throws {
    let browser = try signedIn("redaktor@example.dk")
    let year = try freeYear()
    try createFollowUp(browser, year: year)
    try browser.get(base)
    let before = try databaseContents()
    let reply = try browser.post(base, [("budgetaar", String(year))])
    XCTAssertEqual(reply.status, 422)
    XCTAssertTrue(
      reply.text.contains("Der findes allerede en opfølgningsredegørelse for budgetåret \(year)."))
    XCTAssertTrue(reply.text.contains("value=\"\(year)\""))
    XCTAssertEqual(try databaseContents(), before)
    for text in ["", "tyve", "1999"] {
      try browser.get(base)
      let wrong = try browser.post(base, [("budgetaar", text)])
      XCTAssertEqual(wrong.status, 422, text)
      XCTAssertTrue(wrong.text.contains("aria-invalid=\"true\""), text)
    }
    XCTAssertEqual(try databaseContents(), before)
  }

  func testDiscardBeforeAdoptionOnly() throws {
    let browser = try signedIn("redaktor@example.dk")
    let year = try freeYear()
    try createFollowUp(browser, year: year)
    try browser.get("\(base)/\(year)")
    let discarded = try browser.post("\(base)/\(year)/kasser")
    XCTAssertEqual(discarded.status, 303)
    XCTAssertNil(try summary(year))
    XCTAssertEqual(try browser.get("\(base)/\(year)").status, 404)

    // An adopted follow-up of the seed: its page has no discard form; a forged one is refused.
    let adopted = try XCTUnwrap(try store.followUps(municipalityCode: code).first { $0.adoption != nil })
    let page = try browser.get("\(base)/\(adopted.budgetYear)")
    XCTAssertEqual(page.status, 200)
    XCTAssertFalse(page.text.contains("/kasser\""))
    let csrf = try XCTUnwrap(
      browser.hiddenFields(ofFormWithAction: "/admin/logout").first { $0.0 == "csrf" }?.1)
    let before = try databaseContents()
    let refused = try browser.post(
      "\(base)/\(adopted.budgetYear)/kasser", [("csrf", csrf), ("once", UUID().uuidString)])
    XCTAssertEqual(refused.status, 409)
    XCTAssertEqual(try databaseContents(), before)
  }

  // MARK: Who may, and what exists

  func testAnotherMunicipalitysEditorGets403AndNothingChanges() throws {
    let browser = try signedIn("anden@example.dk")
    let year = try XCTUnwrap(try store.followUps(municipalityCode: code).first).budgetYear
    try browser.get("/admin/kommune/\(otherCode)/opfoelgning")
    let csrf = try XCTUnwrap(
      browser.hiddenFields(ofFormWithAction: "/admin/logout").first { $0.0 == "csrf" }?.1)
    let before = try databaseContents()
    for path in [
      "", "/\(year)", "/\(year)/vedtagelse", "/\(year)/offentliggoerelse", "/\(year)/forhaandsvisning",
    ] {
      XCTAssertEqual(try browser.get(base + path).status, 403, path)
    }
    for path in ["", "/\(year)", "/\(year)/vedtagelse", "/\(year)/offentliggoerelse", "/\(year)/kasser"] {
      let reply = try browser.post(
        base + path, [("csrf", csrf), ("once", UUID().uuidString), ("budgetaar", String(year + 5))])
      XCTAssertEqual(reply.status, 403, path)
    }
    XCTAssertEqual(try databaseContents(), before)
  }

  func testAYearWithoutAFollowUpIs404() throws {
    let browser = try signedIn("redaktor@example.dk")
    try browser.get(base)
    let csrf = try XCTUnwrap(browser.hiddenFields(ofFormWithAction: base).first { $0.0 == "csrf" }?.1)
    let before = try databaseContents()
    for path in [
      "/1999", "/1999/vedtagelse", "/1999/offentliggoerelse", "/1999/forhaandsvisning", "/abc", "/0",
    ] {
      XCTAssertEqual(try browser.get(base + path).status, 404, path)
    }
    for path in ["/1999", "/1999/vedtagelse", "/1999/offentliggoerelse", "/1999/kasser"] {
      let reply = try browser.post(
        base + path,
        [("csrf", csrf), ("once", UUID().uuidString), ("vedtaget", "2020-01-01"), ("moede", "x")])
      XCTAssertEqual(reply.status, 404, path)
    }
    XCTAssertEqual(try databaseContents(), before)
  }

  func testPreviewShowsTheUnpublishedFollowUpAsCitizensWillSeeItMarkedAsAPreview() throws {
    // The admin site with the citizen module's previews, as the executable hands them in.
    let templates = try TemplateLibrary(directory: Self.projectRoot.appendingPathComponent("Templates").path)
    let staticFiles = try StaticFiles(root: Self.projectRoot.appendingPathComponent("Public").path)
    let citizen = try CitizenSite(store: store, templates: templates, staticFiles: staticFiles)
    let admin = try AdminSite(
      store: store, templates: templates, staticFiles: staticFiles,
      previews: AdminSite.Previews(
        contract: { try citizen.previewContract(versionId: $0) },
        followUp: { try citizen.previewFollowUp(followUpId: $0) }))
    var router = Router()
    citizen.register(on: &router)
    admin.register(on: &router)
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.accessLog = false
    let previewServer = HTTPServer(configuration: configuration, responder: router)
    try previewServer.start()
    defer { previewServer.shutdown() }

    let browser = Browser(port: previewServer.boundPort)
    XCTAssertEqual(try browser.logIn(email: "redaktor@example.dk", password: Self.password).status, 303)
    let year = try freeYear()
    try createFollowUp(browser, year: year)
    let goals = try goalsInForce()
    try browser.get("\(base)/\(year)")
    XCTAssertEqual(try browser.post("\(base)/\(year)", statusFields(goals)).status, 303)
    let preview = try browser.get("\(base)/\(year)/forhaandsvisning")
    XCTAssertEqual(preview.status, 200)
    XCTAssertEqual(preview.headers["Cache-Control"], "no-store")
    XCTAssertEqual(preview.headers["X-Robots-Tag"], "noindex, nofollow")
    XCTAssertTrue(preview.text.contains("<div class=\"preview-banner\">"))
    XCTAssertTrue(preview.text.contains("Forhåndsvisning – ikke offentliggjort"))
    XCTAssertTrue(preview.text.contains("Opfølgningsredegørelse for budgetåret \(year)"))
    for goal in goals {
      XCTAssertTrue(
        preview.text.contains(Self.html("Vi følger op på \(goal.title) med en ny plan.")), goal.title)
    }
    let client = try TestClient(port: previewServer.boundPort)
    XCTAssertEqual(try client.request("GET", "/kommune/\(code)/opfoelgning/\(year)").status, 404)
  }

  func get404(_ target: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let client = try TestClient(port: server.boundPort)
    XCTAssertEqual(try client.request("GET", target).status, 404, target, file: file, line: line)
  }
}
