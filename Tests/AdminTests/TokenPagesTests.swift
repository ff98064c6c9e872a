import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

final class TokenPagesTests: AdminTestCase {
  let home = "0169"
  var list: String { "/admin/kommune/\(home)/tokens" }

  /// The token on the page that shows it once.
  func shownToken(in page: String) throws -> String {
    let start = try XCTUnwrap(page.range(of: "<p class=\"one-time-password\"><code>"), page)
    let rest = page[start.upperBound...]
    return String(rest[..<(try XCTUnwrap(rest.range(of: "</code>"))).lowerBound])
  }

  func testTheAdminMakesATokenSeesItOnceAndItActsForTheMunicipality() throws {
    let admin = try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    let browser = try signedIn("admin@example.dk")
    XCTAssertEqual(try browser.get(list).status, 200)
    let tokens = browser.hiddenFields(ofFormWithAction: list)
    let created = try browser.post(list, [("name", "ESDH-integration")])
    XCTAssertEqual(created.status, 200, created.text)
    XCTAssertEqual(created.headers["Cache-Control"], "no-store")
    let token = try shownToken(in: created.text)
    XCTAssertEqual(token.count, 64)
    XCTAssertFalse(
      try databaseContents(excluding: []).values.joined().joined().contains(token), "stored hashed")

    let principal = try XCTUnwrap(
      try store.apiTokenPrincipal(tokenDigest: SessionToken.digest(token), now: Date()))
    XCTAssertEqual(principal.municipalityCode, home)
    XCTAssertNil(principal.user)
    XCTAssertTrue(principal.mayWrite(municipalityCode: home))
    let stored = try XCTUnwrap(try store.apiTokens(municipalityCode: home).first)
    XCTAssertEqual(stored.name, "ESDH-integration")
    let entry = try XCTUnwrap(try store.auditLog(entity: "api_token", entityId: String(stored.id)).first)
    XCTAssertEqual(entry.action, "api_token.create")
    XCTAssertEqual(entry.userId, admin.id)

    // A reload sends the spent form again: no second token, nothing shown.
    let before = try databaseContents()
    let again = try browser.post(list, [("name", "ESDH-integration")] + tokens, useFormTokens: false)
    XCTAssertEqual(again.status, 303)
    XCTAssertFalse(again.text.contains(token))
    XCTAssertTrue(try databaseContents() == before, "nothing changed")
    let page = try browser.get(list).text
    XCTAssertTrue(page.contains("ESDH-integration"))
    XCTAssertFalse(page.contains(token))

    // Revoking it stops it at once, and is audited.
    let revoked = try browser.post("\(list)/tilbagekald", [("id", String(stored.id))])
    XCTAssertEqual(revoked.status, 303, revoked.text)
    XCTAssertNil(try store.apiTokenPrincipal(tokenDigest: SessionToken.digest(token), now: Date()))
    XCTAssertEqual(
      try store.auditLog(entity: "api_token", entityId: String(stored.id)).first?.action, "api_token.revoke")
  }

  func testOnlyTheMunicipalitysAdministratorManagesItsTokens() throws {
    try addUser("editor@example.dk", role: .editor, municipality: home)
    try addUser("other@example.dk", role: .municipalAdmin, municipality: "0101")
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    let digest = SessionToken.digest(SessionToken.generate())
    let id = try store.batch { writer in
      try writer.createAPIToken(
        name: "Fremmed", userId: nil, municipalityCode: "0101", tokenDigest: digest, now: Date())
    }
    _ = try store.batch { writer in
      try writer.createAPIToken(
        name: "Egen", userId: nil, municipalityCode: home,
        tokenDigest: SessionToken.digest(SessionToken.generate()), now: Date())
    }
    let editor = try signedIn("editor@example.dk")
    let other = try signedIn("other@example.dk")
    let browser = try signedIn("admin@example.dk")
    let before = try databaseContents()
    XCTAssertEqual(try editor.get(list).status, 403)
    XCTAssertEqual(try other.get(list).status, 403)
    // Another municipality's token is neither listed nor revoked from this municipality's page.
    let page = try browser.get(list).text
    XCTAssertTrue(page.contains("Egen") && !page.contains("Fremmed"))
    XCTAssertEqual(try browser.post("\(list)/tilbagekald", [("id", String(id))]).status, 404)
    try browser.get(list)
    XCTAssertEqual(try browser.post(list, [("name", "  ")]).status, 422)
    XCTAssertTrue(try databaseContents() == before, "nothing changed")
    XCTAssertNotNil(try store.apiTokenPrincipal(tokenDigest: digest, now: Date()))
  }
}
