import Domain
import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  /// The login form's own CSRF defence before there is a session: a random value in a cookie and in the form,
  /// which must match (a site elsewhere can make a browser post, but cannot read or set this cookie).
  var loginCookieName: String { secureCookies ? "__Host-bi_login" : "bi_login" }

  public static let loginFailed = "E-mailadressen eller adgangskoden er forkert."

  func registerLogin(on router: inout Router) {
    router.get("/admin/login") { request in
      if try currentSession(request) != nil {
        return Self.redirect(Self.safeNext(try request.queryParameters()["naeste"]))
      }
      return try loginPage(
        request, next: Self.safeNext(try request.queryParameters()["naeste"]), email: "", error: nil)
    }
    router.post("/admin/login") { request in try login(request) }
  }

  func loginPage(
    _ request: Request, next: String, email: String, error: String?, status: HTTPStatus = .ok
  ) throws -> Response {
    let token =
      request.cookies[loginCookieName].flatMap { $0.utf8.count == 64 ? $0 : nil } ?? SessionToken.generate()
    // "email", not "username": the Nu HTML Checker CI runs (20.6.30) allows only the e-mail purpose on type=email.
    var emailField = FormField(
      "email", label: "E-mailadresse", kind: .email, value: email, required: true, autocomplete: "email")
    var passwordField = FormField(
      "password", label: "Adgangskode", kind: .password, required: true, autocomplete: "current-password")
    if let error {
      emailField.error = error
      passwordField.error = nil
    }
    var response = try page(
      "admin/login", title: "Log ind", for: nil, status: status,
      [
        "fields": .array([emailField.templateValue, passwordField.templateValue]),
        "csrf": .string(token), "next": .string(next),
        "errors": error.map { .array([["message": .string($0), "href": .string("#" + emailField.id)]]) }
          ?? .null,
      ])
    response.setCookie(
      try SetCookie(
        name: loginCookieName, value: token, maxAge: 60 * 60, secure: secureCookies, httpOnly: true,
        sameSite: .strict))
    return response
  }

  /// Checks the login form: its CSRF pair, the throttle, then the password (verified against a dummy hash when the
  /// account does not exist, so the answer takes as long and says the same).
  func login(_ request: Request) throws -> Response {
    let form = try request.formParameters()
    let email = (form["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let password = form["password"] ?? ""
    guard let cookie = request.cookies[loginCookieName],
      Self.sameToken(cookie, form["csrf"] ?? "")
    else {
      return try loginPage(
        request, next: Self.safeNext(form["naeste"]), email: email,
        error: "Siden var udløbet. Prøv at logge ind igen.", status: .forbidden)
    }
    let address = LoginThrottle.host(of: request.remoteAddress)
    let moment = now()
    if let wait = try LoginThrottle.wait(store: store, email: email, address: address, now: moment) {
      let minutes = max(1, Int((wait / 60).rounded(.up)))
      var response = try loginPage(
        request, next: Self.safeNext(form["naeste"]), email: email,
        error:
          "For mange mislykkede forsøg på at logge ind. Vent \(minutes) \(minutes == 1 ? "minut" : "minutter"), og prøv igen.",
        status: .tooManyRequests)
      response.headers.replaceOrAdd(name: "Retry-After", value: String(Int(wait.rounded(.up))))
      return response
    }
    let user = try store.user(email: email)
    let hash = try user.flatMap { try store.passwordHash(userId: $0.id) } ?? Self.dummyHash
    let valid = Passwords.verify(password, against: hash)
    guard let user, user.isActive, valid else {
      try store.recordLoginAttempt(email: email, address: address, succeeded: false, at: moment)
      return try loginPage(
        request, next: Self.safeNext(form["naeste"]), email: email, error: Self.loginFailed)
    }
    try store.recordLoginAttempt(email: email, address: address, succeeded: true, at: moment)
    // A session this browser already had (another account) ends: one browser, one session.
    if let previous = request.cookies[sessionCookieName] {
      try store.endSession(tokenDigest: SessionToken.digest(previous))
    }
    let token = SessionToken.generate()
    _ = try store.createSession(
      userId: user.id, tokenDigest: SessionToken.digest(token), csrfToken: "",
      userAgent: request.headers["User-Agent"] ?? "", now: moment)
    try store.audit(
      userId: user.id, action: "login", entity: "app_user", entityId: String(user.id),
      municipalityCode: user.municipalityCode)
    var response = Self.redirect(
      user.mustChangePassword ? "/admin/adgangskode" : Self.safeNext(form["naeste"]))
    response.setCookie(
      try SetCookie(
        name: sessionCookieName, value: token, secure: secureCookies, httpOnly: true, sameSite: .lax))
    response.setCookie(try SetCookie.removing(loginCookieName, secure: secureCookies))
    return response
  }

  /// A yescrypt hash of a random password, so that an unknown account costs a verification like a known one.
  static let dummyHash: String = (try? Passwords.hash(Passwords.oneTime())) ?? "$y$"
}

/// Login throttling: after `limit` failures within `window` for an account (since its last success) or from an
/// address, further attempts wait until the oldest of them leaves the window. Failures for addresses that have no
/// account count the same, so the answer does not reveal which accounts exist.
public enum LoginThrottle {
  public static let limit = 5
  public static let window: TimeInterval = 15 * 60

  /// The client's address without its port: `203.0.113.7:51234` → `203.0.113.7`, `[2001:db8::1]:443` →
  /// `2001:db8::1`.
  static func host(of address: String) -> String {
    if address.hasPrefix("["), let end = address.firstIndex(of: "]") {
      return String(address[address.index(after: address.startIndex)..<end])
    }
    if address.filter({ $0 == ":" }).count == 1, let colon = address.lastIndex(of: ":") {
      return String(address[..<colon])
    }
    return address
  }

  /// Seconds to wait, or nil when an attempt may be made now.
  public static func wait(store: Store, email: String, address: String, now: Date) throws -> TimeInterval? {
    let failures = try store.loginFailures(
      email: email, address: address, since: now.addingTimeInterval(-window))
    let waits = [failures.forAccount, failures.fromAddress].compactMap { list -> TimeInterval? in
      guard list.count >= limit else { return nil }
      return list[list.count - limit].addingTimeInterval(window).timeIntervalSince(now)
    }
    return waits.max().map { max($0, 1) }
  }
}
