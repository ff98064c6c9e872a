import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  func registerAccountRoutes(on routes: inout AdminRoutes) {
    routes.post("/admin/logout", .signedIn) { request in
      if let token = request.request.cookies[sessionCookieName] {
        try store.endSession(tokenDigest: SessionToken.digest(token))
      }
      try store.audit(
        userId: request.user.id, action: "logout", entity: "app_user", entityId: String(request.user.id),
        municipalityCode: request.user.municipalityCode)
      var response = Self.redirect("/admin/login")
      response.setCookie(try SetCookie.removing(sessionCookieName, secure: secureCookies))
      return response
    }
    routes.get("/admin/adgangskode", .signedIn) { request in
      try passwordPage(request, errors: FormErrors())
    }
    routes.post("/admin/adgangskode", .signedIn) { request in
      try changePassword(request)
    }
  }

  func passwordPage(_ request: AdminRequest, errors: FormErrors, status: HTTPStatus = .ok) throws -> Response
  {
    let fields = [
      FormField(
        "current", label: "Nuværende adgangskode", kind: .password, error: errors["current"], required: true,
        autocomplete: "current-password"),
      FormField(
        "new", label: "Ny adgangskode", kind: .password,
        hint: "Mindst \(Passwords.minimumLength) tegn. Brug gerne en sætning, du kan huske.",
        error: errors["new"], required: true, autocomplete: "new-password"),
      FormField(
        "repeat", label: "Gentag den nye adgangskode", kind: .password, error: errors["repeat"],
        required: true,
        autocomplete: "new-password"),
    ]
    return try page(
      "admin/password", title: "Skift adgangskode", for: request, status: status,
      [
        "fields": .array(fields.map(\.templateValue)), "errors": errors.summary,
        "mustChange": .bool(request.user.mustChangePassword), "tokens": request.formTokens(),
      ])
  }

  /// Values are never shown again: a password form that comes back is empty, with the problems next to the fields.
  func changePassword(_ request: AdminRequest) throws -> Response {
    let current = request.form["current"] ?? ""
    let new = request.form["new"] ?? ""
    var errors = FormErrors()
    let hash = try store.passwordHash(userId: request.user.id) ?? ""
    if !Passwords.verify(current, against: hash) {
      errors.add("current", "Den nuværende adgangskode er forkert.")
    }
    if let problem = Passwords.problem(with: new) {
      errors.add("new", problem)
    } else if new == current {
      errors.add("new", "Den nye adgangskode skal være en anden end den nuværende.")
    }
    if new != (request.form["repeat"] ?? "") {
      errors.add("repeat", "De to nye adgangskoder er ikke ens.")
    }
    guard errors.isEmpty else {
      return try passwordPage(request, errors: errors, status: .unprocessableContent)
    }
    try store.setPassword(
      userId: request.user.id, passwordHash: try Passwords.hash(new), keepingSession: request.session.id)
    try store.audit(
      userId: request.user.id, action: "password.change", entity: "app_user",
      entityId: String(request.user.id),
      municipalityCode: request.user.municipalityCode)
    return Self.redirect("/admin")
  }
}
