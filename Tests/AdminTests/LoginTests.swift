import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

final class LoginTests: AdminTestCase {
  func testAdminPagesWithoutSessionRedirectToLoginRememberingThePath() throws {
    let browser = Browser(port: server.boundPort)
    let reply = try browser.get("/admin/kommune/0169")
    XCTAssertEqual(reply.status, 303)
    XCTAssertEqual(reply.headers["Location"], "/admin/login?naeste=/admin/kommune/0169")
    let post = try browser.post("/admin/logout", [("csrf", "x")])
    XCTAssertEqual(post.status, 303)
    XCTAssertEqual(post.headers["Location"], "/admin/login")
  }

  func testLoginSetsAHardenedCookieAndStoresOnlyItsDigest() throws {
    let user = try addUser("redaktor@example.dk", role: .editor, municipality: "0169")
    let browser = Browser(port: server.boundPort)
    try browser.get("/admin/login?naeste=/admin/kommune/0169")
    let reply = try browser.post(
      "/admin/login", [("email", "Redaktor@Example.dk"), ("password", Self.password)])
    XCTAssertEqual(reply.status, 303)
    XCTAssertEqual(reply.headers["Location"], "/admin/kommune/0169")
    let setCookie = try XCTUnwrap(
      reply.headers.values(for: "Set-Cookie").first { $0.hasPrefix("bi_session=") })
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
      XCTAssertTrue(setCookie.contains(attribute), setCookie)
    }
    XCTAssertFalse(setCookie.contains("Secure"), "plain http portal: no Secure flag")
    let token = try XCTUnwrap(browser.cookies["bi_session"])
    XCTAssertEqual(token.count, 64)
    let contents = try databaseContents(excluding: [])
    XCTAssertFalse(contents["session"]!.joined().contains(token), "the plain token is stored")
    XCTAssertTrue(contents["session"]!.joined().contains(SessionToken.digest(token)))
    let dashboard = try browser.get("/admin/kommune/0169")
    XCTAssertEqual(dashboard.status, 200)
    XCTAssertTrue(dashboard.text.contains(try XCTUnwrap(try store.municipality(code: "0169")).name))
    XCTAssertEqual(dashboard.headers["Cache-Control"], "no-store")
    XCTAssertTrue(
      try store.auditLog(municipalityCode: "0169").contains { $0.action == "login" && $0.userId == user.id })
  }

  func testSecureCookieWhenConfiguredForHTTPS() throws {
    try addUser("redaktor@example.dk", role: .editor, municipality: "0169")
    let templates = try TemplateLibrary(directory: Self.projectRoot.appendingPathComponent("Templates").path)
    let staticFiles = try StaticFiles(root: Self.projectRoot.appendingPathComponent("Public").path)
    let https = try AdminSite(
      store: store, templates: templates, staticFiles: staticFiles, secureCookies: true)
    var router = Router()
    https.register(on: &router)
    let page = try router.respond(to: Request(method: .get, target: "/admin/login"))
    let loginCookie = try XCTUnwrap(page.headers.values(for: "Set-Cookie").first)
    XCTAssertTrue(loginCookie.hasPrefix("__Host-bi_login="), loginCookie)
    XCTAssertTrue(loginCookie.contains("Secure"))
  }

  func testWrongPasswordAndUnknownAccountGetTheSameAnswer() throws {
    try addUser("redaktor@example.dk", role: .editor, municipality: "0169")
    let browser = Browser(port: server.boundPort)
    let wrong = try browser.logIn(email: "redaktor@example.dk", password: "forkert forkert")
    let unknown = try browser.logIn(email: "ingen@example.dk", password: "forkert forkert")
    XCTAssertEqual(wrong.status, 200)
    XCTAssertEqual(unknown.status, 200)
    XCTAssertNil(browser.cookies["bi_session"])
    for reply in [wrong, unknown] { XCTAssertTrue(reply.text.contains(AdminSite.loginFailed), reply.text) }
    // Apart from the e-mail address typed and the fresh login token, the two pages are the same.
    func normalized(_ reply: TestClient.Reply) -> String {
      reply.text.replacingOccurrences(of: "redaktor@example.dk", with: "E").replacingOccurrences(
        of: "ingen@example.dk", with: "E"
      ).replacingOccurrences(of: #"name="csrf" value="[0-9a-f]+""#, with: "", options: .regularExpression)
    }
    XCTAssertEqual(normalized(wrong), normalized(unknown))
  }

  func testDeactivatedAccountCannotLogInAndItsSessionsEnd() throws {
    let user = try addUser("redaktor@example.dk", role: .editor, municipality: "0169")
    let browser = try signedIn("redaktor@example.dk")
    try store.batch { try $0.setUserActive(userId: user.id, false) }
    XCTAssertEqual(try browser.get("/admin/kommune/0169").status, 303)
    let again = try Browser(port: server.boundPort).logIn(
      email: "redaktor@example.dk", password: Self.password)
    XCTAssertEqual(again.status, 200)
    XCTAssertTrue(again.text.contains(AdminSite.loginFailed))
  }

  func testThrottlingAfterFiveFailuresPerAccountAndPerAddress() throws {
    try addUser("redaktor@example.dk", role: .editor, municipality: "0169")
    let browser = Browser(port: server.boundPort)
    for _ in 0..<LoginThrottle.limit {
      XCTAssertEqual(try browser.logIn(email: "redaktor@example.dk", password: "forkert forkert").status, 200)
    }
    // Now even the right password waits, with the same words whether or not the account exists.
    let refused = try browser.logIn(email: "redaktor@example.dk", password: Self.password)
    XCTAssertEqual(refused.status, 429)
    XCTAssertNotNil(refused.headers["Retry-After"])
    XCTAssertTrue(refused.text.contains("For mange mislykkede forsøg"))
    XCTAssertNil(browser.cookies["bi_session"])
    // The address is throttled too: another account from the same address waits.
    try addUser("anden@example.dk", role: .editor, municipality: "0169")
    XCTAssertEqual(try browser.logIn(email: "anden@example.dk", password: Self.password).status, 429)
    clock.advance(LoginThrottle.window + 1)
    XCTAssertEqual(try browser.logIn(email: "redaktor@example.dk", password: Self.password).status, 303)
  }

  func testLogoutEndsTheSessionOnTheServer() throws {
    try addUser("redaktor@example.dk", role: .editor, municipality: "0169")
    let browser = try signedIn("redaktor@example.dk")
    let token = try XCTUnwrap(browser.cookies["bi_session"])
    try browser.get("/admin/kommune/0169")
    XCTAssertEqual(try browser.post("/admin/logout").status, 303)
    XCTAssertNil(browser.cookies["bi_session"])
    browser.cookies["bi_session"] = token
    XCTAssertEqual(try browser.get("/admin/kommune/0169").status, 303, "the old token still works")
  }

  func testIdleAndAbsoluteExpiry() throws {
    try addUser("redaktor@example.dk", role: .editor, municipality: "0169")
    let idle = try signedIn("redaktor@example.dk")
    clock.advance(29 * 60)
    XCTAssertEqual(try idle.get("/admin/kommune/0169").status, 200)
    clock.advance(31 * 60)
    XCTAssertEqual(try idle.get("/admin/kommune/0169").status, 303)

    let busy = try signedIn("redaktor@example.dk")
    for _ in 0..<25 {
      clock.advance(29 * 60)
      if try busy.get("/admin/kommune/0169").status != 200 { break }
    }
    XCTAssertEqual(try busy.get("/admin/kommune/0169").status, 303, "a session lives at most 12 hours")
  }

  func testFirstLoginAsksForANewPassword() throws {
    try addUser("ny@example.dk", role: .editor, municipality: "0169", mustChangePassword: true)
    let browser = Browser(port: server.boundPort)
    let login = try browser.logIn(email: "ny@example.dk", password: Self.password)
    XCTAssertEqual(login.headers["Location"], "/admin/adgangskode")
    XCTAssertEqual(try browser.get("/admin/kommune/0169").headers["Location"], "/admin/adgangskode")
    try browser.get("/admin/adgangskode")
    let short = try browser.post(
      "/admin/adgangskode", [("current", Self.password), ("new", "kort"), ("repeat", "kort")])
    XCTAssertEqual(short.status, 422)
    XCTAssertTrue(short.text.contains("mindst \(Passwords.minimumLength) tegn"))
    XCTAssertTrue(short.text.contains("aria-invalid=\"true\""))
    let newPassword = "helt ny og lang adgangskode"
    let changed = try browser.post(
      "/admin/adgangskode", [("current", Self.password), ("new", newPassword), ("repeat", newPassword)])
    XCTAssertEqual(changed.status, 303)
    XCTAssertEqual(try browser.get("/admin/kommune/0169").status, 200)
    XCTAssertEqual(
      try Browser(port: server.boundPort).logIn(email: "ny@example.dk", password: Self.password).status, 200)
    XCTAssertEqual(
      try Browser(port: server.boundPort).logIn(email: "ny@example.dk", password: newPassword).status, 303)
  }

  func testPostsWithoutTheSessionsCSRFTokenAreRefusedAndChangeNothing() throws {
    try addUser("redaktor@example.dk", role: .editor, municipality: "0169")
    let browser = try signedIn("redaktor@example.dk")
    try browser.get("/admin/adgangskode")
    let before = try databaseContents()
    let newPassword = "helt ny og lang adgangskode"
    let fields = [("current", Self.password), ("new", newPassword), ("repeat", newPassword)]
    let missing = try browser.post("/admin/adgangskode", fields, useFormTokens: false)
    XCTAssertEqual(missing.status, 403)
    let wrong = try browser.post(
      "/admin/adgangskode", fields + [("csrf", String(repeating: "a", count: 64))], useFormTokens: true)
    XCTAssertEqual(wrong.status, 403)
    XCTAssertTrue(wrong.text.contains("sikkerhedsnøglen"))
    XCTAssertEqual(try databaseContents(), before)
    // A login form posted from elsewhere (no matching login cookie) is refused too.
    let other = Browser(port: server.boundPort)
    XCTAssertEqual(
      try other.post("/admin/login", [("email", "redaktor@example.dk"), ("password", Self.password)]).status,
      403)
  }

  func testNextIsOnlyFollowedInsideTheAdminModule() throws {
    try addUser("redaktor@example.dk", role: .editor, municipality: "0169")
    for (next, expected) in [
      ("/admin/kommune/0169", "/admin/kommune/0169"), ("//evil.example/admin", "/admin"),
      ("https://evil.example", "/admin"), ("/kommune/0169", "/admin"),
    ] {
      let browser = Browser(port: server.boundPort)
      try browser.get("/admin/login?naeste=" + Browser.encode(next))
      let reply = try browser.post(
        "/admin/login", [("email", "redaktor@example.dk"), ("password", Self.password)])
      XCTAssertEqual(reply.headers["Location"], expected, next)
    }
  }

  func testLoggingInAgainEndsTheBrowsersEarlierSession() throws {
    try addUser("redaktor@example.dk", role: .editor, municipality: "0169")
    try addUser("anden@example.dk", role: .editor, municipality: "0169")
    let browser = try signedIn("redaktor@example.dk")
    let first = try XCTUnwrap(browser.cookies["bi_session"])
    // The login form itself, posted with the first session's cookie still in the browser.
    try browser.get("/admin/login")
    browser.cookies["bi_login"] =
      browser.hiddenFields(ofFormWithAction: "/admin/login").first { $0.0 == "csrf" }?.1
    XCTAssertEqual(
      try browser.post("/admin/login", [("email", "anden@example.dk"), ("password", Self.password)]).status,
      303)
    XCTAssertNotEqual(browser.cookies["bi_session"], first, "a new token at login")
    let old = Browser(port: server.boundPort)
    old.cookies["bi_session"] = first
    XCTAssertEqual(try old.get("/admin/kommune/0169").status, 303, "the earlier session still works")
  }
}
