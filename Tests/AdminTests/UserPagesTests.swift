import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

final class UserPagesTests: AdminTestCase {
  let home = "0169"
  var list: String { "/admin/kommune/\(home)/brugere" }

  /// Another municipality than `home`, from the seeded list.
  func otherMunicipality() throws -> String {
    try XCTUnwrap(try store.municipalities().first { $0.code != home }).code
  }

  /// The one-time password on a result page.
  func oneTimePassword(in page: String) throws -> String {
    let start = try XCTUnwrap(page.range(of: "<p class=\"one-time-password\"><code>"), page)
    let rest = page[start.upperBound...]
    let end = try XCTUnwrap(rest.range(of: "</code>"))
    return String(rest[..<end.lowerBound])
  }

  func testAdminAddsAnEditorSeesThePasswordOnceAndTheEditorMustChangeIt() throws {
    let admin = try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    let browser = try signedIn("admin@example.dk")
    XCTAssertEqual(try browser.get(list).status, 200)
    let tokens = browser.hiddenFields(ofFormWithAction: list)
    let fields = [("name", "Anne Jensen"), ("email", "anne.jensen@example.dk")]
    let created = try browser.post(list, fields)
    XCTAssertEqual(created.status, 200, created.text)
    XCTAssertNil(created.headers["Location"])
    XCTAssertEqual(created.headers["Cache-Control"], "no-store")
    let password = try oneTimePassword(in: created.text)
    XCTAssertGreaterThanOrEqual(password.count, Passwords.minimumLength)
    XCTAssertTrue(created.text.contains("kun denne ene gang"))

    let editor = try XCTUnwrap(try store.user(email: "anne.jensen@example.dk"))
    XCTAssertEqual(editor.role, .editor)
    XCTAssertEqual(editor.municipalityCode, home)
    XCTAssertEqual(editor.name, "Anne Jensen")
    XCTAssertTrue(editor.mustChangePassword)
    XCTAssertTrue(editor.isActive)
    let hash = try XCTUnwrap(try store.passwordHash(userId: editor.id))
    XCTAssertFalse(try databaseContents(excluding: []).values.joined().joined().contains(password))
    XCTAssertTrue(Passwords.verify(password, against: hash))
    let entries = try store.auditLog(entity: "app_user", entityId: String(editor.id))
    XCTAssertEqual(entries.map(\.action), ["user.add"])
    XCTAssertEqual(entries.first?.userId, admin.id)
    XCTAssertEqual(entries.first?.municipalityCode, home)

    // Reloading the result page sends the same form again: no second account, no password.
    let before = try databaseContents()
    let again = try browser.post(list, fields + tokens, useFormTokens: false)
    XCTAssertEqual(again.status, 303)
    XCTAssertEqual(again.headers["Location"], list)
    XCTAssertFalse(again.text.contains(password))
    XCTAssertEqual(try databaseContents(), before)
    XCTAssertFalse(try browser.get(list).text.contains(password))

    // The editor logs in with it and is sent to choose a password.
    let newcomer = Browser(port: server.boundPort)
    let login = try newcomer.logIn(email: "anne.jensen@example.dk", password: password)
    XCTAssertEqual(login.status, 303)
    XCTAssertEqual(login.headers["Location"], "/admin/adgangskode")
    // The list shows the new editor.
    let page = try browser.get(list).text
    XCTAssertTrue(page.contains("Anne Jensen"))
    XCTAssertTrue(page.contains("anne.jensen@example.dk"))
  }

  func testFieldErrorsComeBackWithTheValuesKept() throws {
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    let browser = try signedIn("admin@example.dk")
    try browser.get(list)
    let before = try databaseContents()
    let reply = try browser.post(list, [("name", ""), ("email", "anne jensen@kommune")])
    XCTAssertEqual(reply.status, 422)
    XCTAssertTrue(reply.text.contains("Skriv redaktørens navn"))
    XCTAssertTrue(reply.text.contains("Skriv e-mailadressen som"))
    XCTAssertTrue(reply.text.contains("value=\"anne jensen@kommune\""))
    XCTAssertTrue(reply.text.contains("aria-invalid=\"true\""))
    XCTAssertTrue(reply.text.contains("class=\"error-summary\""))
    XCTAssertEqual(try databaseContents(), before)

    let fixed = try browser.post(list, [("name", "Anne Jensen"), ("email", "")])
    XCTAssertEqual(fixed.status, 422)
    XCTAssertTrue(fixed.text.contains("value=\"Anne Jensen\""))
    XCTAssertTrue(fixed.text.contains("Skriv redaktørens e-mailadresse"))
    XCTAssertEqual(try databaseContents(), before)
  }

  func testADuplicateEmailIsAFieldMessageEvenAcrossMunicipalities() throws {
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    try addUser("optaget@example.dk", role: .editor, municipality: try otherMunicipality())
    let browser = try signedIn("admin@example.dk")
    try browser.get(list)
    let before = try databaseContents()
    let reply = try browser.post(list, [("name", "Ole Hansen"), ("email", "Optaget@Example.dk")])
    XCTAssertEqual(reply.status, 422)
    XCTAssertTrue(reply.text.contains("Der findes allerede en bruger med e-mailadressen Optaget@Example.dk"))
    XCTAssertTrue(reply.text.contains("value=\"Ole Hansen\""))
    XCTAssertTrue(reply.text.contains("aria-invalid=\"true\""))
    XCTAssertEqual(try databaseContents(), before)
    // The form that came back carries fresh tokens and works once the address is changed.
    let second = try browser.post(list, [("name", "Ole Hansen"), ("email", "ole@example.dk")])
    XCTAssertEqual(second.status, 200)
    XCTAssertNotNil(try store.user(email: "ole@example.dk"))
  }

  func testDeactivationEndsTheEditorsSessionAndReactivationLetsThemBackIn() throws {
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    let editor = try addUser("redaktor@example.dk", role: .editor, municipality: home)
    let editorBrowser = try signedIn("redaktor@example.dk")
    XCTAssertEqual(try editorBrowser.get("/admin/kommune/\(home)").status, 200)

    let admin = try signedIn("admin@example.dk")
    try admin.get(list)
    let deactivate = "\(list)/\(editor.id)/deaktiver"
    let reply = try admin.post(deactivate)
    XCTAssertEqual(reply.status, 303)
    XCTAssertEqual(reply.headers["Location"], list)
    XCTAssertEqual(try store.user(id: editor.id)?.isActive, false)
    XCTAssertEqual(
      try editorBrowser.get("/admin/kommune/\(home)").status, 303, "the live session still works")
    let refused = try Browser(port: server.boundPort).logIn(email: editor.email, password: Self.password)
    XCTAssertEqual(refused.status, 200)
    XCTAssertTrue(refused.text.contains(AdminSite.loginFailed))
    let listed = try admin.get(list).text
    XCTAssertTrue(listed.contains("Deaktiveret"))
    XCTAssertTrue(listed.contains("\(list)/\(editor.id)/genaktiver"))
    let audit = try store.auditLog(entity: "app_user", entityId: String(editor.id))
    XCTAssertEqual(audit.first?.action, "user.deactivate")
    XCTAssertTrue(audit.first?.beforeJSON?.contains("\"active\":true") == true)
    XCTAssertTrue(audit.first?.afterJSON?.contains("\"active\":false") == true)

    let reactivated = try admin.post("\(list)/\(editor.id)/genaktiver")
    XCTAssertEqual(reactivated.status, 303)
    XCTAssertEqual(try store.user(id: editor.id)?.isActive, true)
    XCTAssertEqual(
      try store.auditLog(entity: "app_user", entityId: String(editor.id)).first?.action, "user.reactivate")
    XCTAssertNotNil(try signedIn(editor.email))
  }

  func testAnAdministratorCannotDeactivateThemselfNorAnotherAdministrator() throws {
    let me = try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    let colleague = try addUser("admin2@example.dk", role: .municipalAdmin, municipality: home)
    let browser = try signedIn("admin@example.dk")
    let page = try browser.get(list)
    XCTAssertFalse(page.text.contains("\(list)/\(me.id)/deaktiver"), "a button to deactivate oneself")
    XCTAssertFalse(page.text.contains("\(list)/\(colleague.id)/deaktiver"))
    let tokens = browser.hiddenFields(ofFormWithAction: list)
    let before = try databaseContents()
    for target in [me, colleague] {
      let reply = try browser.post("\(list)/\(target.id)/deaktiver", tokens, useFormTokens: false)
      XCTAssertEqual(reply.status, 403, target.email)
    }
    XCTAssertEqual(try databaseContents(), before)
    XCTAssertEqual(try browser.get(list).status, 200, "still signed in")
  }

  func testAnEditorIsRefusedTheUserPages() throws {
    let editor = try addUser("redaktor@example.dk", role: .editor, municipality: home)
    let other = try addUser("kollega@example.dk", role: .editor, municipality: home)
    let browser = try signedIn(editor.email)
    XCTAssertEqual(try browser.get(list).status, 403)
    try browser.get("/admin/kommune/\(home)")
    // The session's valid CSRF token (from the logout form) and a fresh one-time token.
    let tokens = browser.hiddenFields(ofFormWithAction: "/admin/logout") + [("once", SessionToken.generate())]
    XCTAssertTrue(tokens.contains { $0.0 == "csrf" })
    let before = try databaseContents()
    XCTAssertEqual(
      try browser.post(list, tokens + [("name", "X"), ("email", "x@example.dk")], useFormTokens: false)
        .status,
      403)
    XCTAssertEqual(
      try browser.post("\(list)/\(other.id)/deaktiver", tokens, useFormTokens: false).status, 403)
    XCTAssertEqual(try databaseContents(), before)
  }

  func testAnAdministratorOfAnotherMunicipalityIsRefusedAndNothingChanges() throws {
    let otherCode = try otherMunicipality()
    let editor = try addUser("redaktor@example.dk", role: .editor, municipality: home)
    try addUser("fremmed@example.dk", role: .municipalAdmin, municipality: otherCode)
    let browser = try signedIn("fremmed@example.dk")
    XCTAssertEqual(try browser.get(list).status, 403)
    let ownList = "/admin/kommune/\(otherCode)/brugere"
    XCTAssertEqual(try browser.get(ownList).status, 200)
    let tokens = browser.hiddenFields(ofFormWithAction: ownList)
    let before = try databaseContents()
    XCTAssertEqual(
      try browser.post("\(list)/\(editor.id)/deaktiver", tokens, useFormTokens: false).status, 403)
    XCTAssertEqual(
      try browser.post(list, tokens + [("name", "X"), ("email", "x@example.dk")], useFormTokens: false)
        .status,
      403)
    // The same editor under the admin's own code is not theirs: 404.
    XCTAssertEqual(
      try browser.post("\(ownList)/\(editor.id)/deaktiver", tokens, useFormTokens: false).status, 404)
    XCTAssertEqual(
      try browser.post("\(ownList)/\(editor.id)/genaktiver", tokens, useFormTokens: false).status, 404)
    XCTAssertEqual(
      try browser.post("\(ownList)/\(editor.id)/ny-adgangskode", tokens, useFormTokens: false).status, 404)
    XCTAssertEqual(try databaseContents(), before)
    XCTAssertEqual(try store.user(id: editor.id)?.isActive, true)
  }

  func testANewOneTimePasswordEndsTheEditorsSessionsAndReplacesTheOldPassword() throws {
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    let editor = try addUser("redaktor@example.dk", role: .editor, municipality: home)
    let editorBrowser = try signedIn(editor.email)
    let admin = try signedIn("admin@example.dk")
    try admin.get(list)
    let target = "\(list)/\(editor.id)/ny-adgangskode"
    let tokens = admin.hiddenFields(ofFormWithAction: target)
    let reply = try admin.post(target)
    XCTAssertEqual(reply.status, 200, reply.text)
    let password = try oneTimePassword(in: reply.text)
    XCTAssertEqual(try editorBrowser.get("/admin/kommune/\(home)").status, 303)
    XCTAssertEqual(
      try Browser(port: server.boundPort).logIn(email: editor.email, password: Self.password).status, 200)
    let login = try Browser(port: server.boundPort).logIn(email: editor.email, password: password)
    XCTAssertEqual(login.headers["Location"], "/admin/adgangskode")
    // Sent again: nothing changes, no password shown.
    let again = try admin.post(target, tokens, useFormTokens: false)
    XCTAssertEqual(again.status, 303)
    XCTAssertFalse(again.text.contains(password))
    XCTAssertEqual(
      try store.auditLog(entity: "app_user", entityId: String(editor.id)).filter {
        $0.action == "user.password-reset"
      }.count, 1)
  }
}
