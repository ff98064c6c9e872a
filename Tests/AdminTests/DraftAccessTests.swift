import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

final class DraftAccessTests: DraftTestCase {
  /// Two municipalities, each with a draft copied from its version in force; editors of both.
  func twoDrafts() throws -> (own: ContractVersion, other: ContractVersion) {
    let found = try municipalitiesWithContract(count: 2)
    let own = try XCTUnwrap(try store.version(id: try store.createDraft(municipalityCode: found[0].0)))
    let other = try XCTUnwrap(try store.version(id: try store.createDraft(municipalityCode: found[1].0)))
    try addUser("egen@example.dk", role: .editor, municipality: own.municipalityCode)
    try addUser("anden@example.dk", role: .editor, municipality: other.municipalityCode)
    try addUser("anden-admin@example.dk", role: .municipalAdmin, municipality: other.municipalityCode)
    return (own, other)
  }

  /// Every draft route for `code`, with ids for `:area` and `:goal`, and the fields a real form would send.
  func draftRequests(code: String, area: Int64, goal: Int64, serviceArea: Int64)
    -> [(method: String, target: String, fields: [(String, String)])]
  {
    let editor = "/admin/kommune/\(code)/udkast"
    return [
      ("GET", editor, []), ("POST", editor, []),
      ("POST", editor + "/aendring", [("aendring", "Ændret af en anden")]),
      ("GET", editor + "/forhaandsvisning", []), ("GET", editor + "/kasser", []),
      ("POST", editor + "/kasser", []),
      ("POST", editor + "/omraader", [("omraade", String(serviceArea))]),
      ("GET", editor + "/omraader/\(area)/fjern", []), ("POST", editor + "/omraader/\(area)/fjern", []),
      ("POST", editor + "/omraader/\(area)/flyt", [("retning", "ned")]),
      ("GET", editor + "/omraader/\(area)/maal", []),
      ("POST", editor + "/omraader/\(area)/maal", Self.completeGoal(title: "Indsmuglet mål")),
      ("GET", editor + "/maal/\(goal)", []),
      ("POST", editor + "/maal/\(goal)", Self.completeGoal(title: "Overskrevet mål")),
      ("GET", editor + "/maal/\(goal)/fjern", []), ("POST", editor + "/maal/\(goal)/fjern", []),
      ("POST", editor + "/maal/\(goal)/flyt", [("retning", "ned")]),
    ]
  }

  /// Sends a request with the session's CSRF token and a fresh one-time token, as a form of the user's own would.
  func send(
    _ browser: Browser, _ method: String, _ target: String, _ fields: [(String, String)], csrf: String
  )
    throws -> TestClient.Reply
  {
    if method == "GET" { return try browser.get(target) }
    return try browser.post(
      target, fields + [("csrf", csrf), ("once", UUID().uuidString + UUID().uuidString)], useFormTokens: false
    )
  }

  func csrfToken(_ browser: Browser, code: String) throws -> String {
    try browser.get("/admin/kommune/\(code)")
    return try XCTUnwrap(browser.hiddenFields(ofFormWithAction: "/admin/logout").first { $0.0 == "csrf" }?.1)
  }

  func testAnotherMunicipalitysStaffGet403AndNothingChanges() throws {
    let (own, other) = try twoDrafts()
    let area = try XCTUnwrap(own.areas.first { !$0.goals.isEmpty })
    let serviceArea = try unusedNationalArea(own)
    // Logging in is logged: sign in first, then nothing may change.
    let browsers = try ["anden@example.dk", "anden-admin@example.dk"].map { email in
      let browser = try signedIn(email)
      return (email, browser, try csrfToken(browser, code: other.municipalityCode))
    }
    let before = try databaseContents()
    for (email, browser, csrf) in browsers {
      for request in draftRequests(
        code: own.municipalityCode, area: area.id, goal: area.goals[0].id, serviceArea: serviceArea.id)
      {
        let reply = try send(browser, request.method, request.target, request.fields, csrf: csrf)
        XCTAssertEqual(reply.status, 403, "\(email): \(request.method) \(request.target)")
      }
      // Their own municipality's draft opens: the 403s are about the municipality, not the account.
      XCTAssertEqual(try browser.get("/admin/kommune/\(other.municipalityCode)/udkast").status, 200)
    }
    XCTAssertEqual(try databaseContents(), before)
  }

  func testIdsOfAnotherMunicipalityOrOfAnAdoptedVersionAre404AndNothingChanges() throws {
    let (own, other) = try twoDrafts()
    let browser = try signedIn("egen@example.dk")
    let code = own.municipalityCode
    let csrf = try csrfToken(browser, code: code)
    let foreignArea = try XCTUnwrap(other.areas.first { !$0.goals.isEmpty })
    let inForce = try XCTUnwrap(try store.contractInForce(municipalityCode: code, asOf: try store.today()))
    let adoptedArea = try XCTUnwrap(inForce.version.areas.first { !$0.goals.isEmpty })
    let serviceArea = try unusedNationalArea(own)
    let before = try databaseContents()
    for (area, goal) in [
      (foreignArea.id, foreignArea.goals[0].id), (adoptedArea.id, adoptedArea.goals[0].id),
      (9_999_999, 9_999_999),
    ] {
      for request in draftRequests(code: code, area: area, goal: goal, serviceArea: serviceArea.id)
      where request.target.contains("/omraader/") || request.target.contains("/maal/") {
        let reply = try send(browser, request.method, request.target, request.fields, csrf: csrf)
        XCTAssertEqual(reply.status, 404, "\(request.method) \(request.target): \(reply.text.prefix(200))")
      }
    }
    // Another municipality's own service area cannot be added either.
    let foreignOwn = try store.addServiceArea(
      name: "Anden kommunes område", municipalityCode: other.municipalityCode)
    let afterSetup = try databaseContents()
    try browser.get("/admin/kommune/\(code)/udkast")
    let refused = try browser.post(
      "/admin/kommune/\(code)/udkast/omraader", [("omraade", String(foreignOwn))])
    XCTAssertEqual(refused.status, 422)
    XCTAssertEqual(try databaseContents(), afterSetup)
    XCTAssertNotEqual(before, afterSetup)
  }

  func testAChangeToADraftAdoptedMeanwhileIsRefusedWithAMessage() throws {
    let (code, _) = try municipalitiesWithContract(count: 1, minimumGoals: 2)[0]
    try addUser("redaktor@example.dk", role: .editor, municipality: code)
    let browser = try signedIn("redaktor@example.dk")
    let editor = "/admin/kommune/\(code)/udkast"
    try browser.get(editor)
    XCTAssertEqual(try browser.post(editor).status, 303)
    let draft = try XCTUnwrap(try store.draft(municipalityCode: code))
    XCTAssertEqual(try store.problems(versionId: draft.id), [], "a copy of a version in force is complete")
    let goal = try XCTUnwrap(draft.areas.first { $0.goals.count >= 2 }?.goals.first)
    try browser.get(editor)
    // The council adopts the draft while the page is open.
    try store.adopt(
      versionId: draft.id, Adoption(adoptedOn: try store.today(), meetingReference: "Byrådet, punkt 7"))
    let before = try databaseContents()
    let reply = try browser.post(editor + "/maal/\(goal.id)/flyt", [("retning", "ned")])
    XCTAssertEqual(reply.status, 404)
    XCTAssertTrue(reply.text.contains("intet udkast"), reply.text)
    XCTAssertEqual(try databaseContents(), before)
  }
}
