import Domain
import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  /// A municipality's users: add editors, deactivate, reactivate.
  static let userPageNames = ["admin/users", "admin/users-password"]

  func registerUserRoutes(on routes: inout AdminRoutes) {
    routes.get("/admin/kommune/:code/brugere", .municipalAdmin) { request in
      try usersPage(request, form: NewEditorForm(), errors: FormErrors())
    }
    routes.post("/admin/kommune/:code/brugere", .municipalAdmin) { request in try addEditor(request) }
    routes.post("/admin/kommune/:code/brugere/:user/deaktiver", .municipalAdmin) { request in
      try setActive(request, false)
    }
    routes.post("/admin/kommune/:code/brugere/:user/genaktiver", .municipalAdmin) { request in
      try setActive(request, true)
    }
    routes.post("/admin/kommune/:code/brugere/:user/ny-adgangskode", .municipalAdmin) { request in
      try resetPassword(request)
    }
  }

  /// The list of the municipality's accounts with a button per editor, and the form that adds an editor.
  func usersPage(
    _ request: AdminRequest, form: NewEditorForm, errors: FormErrors, status: HTTPStatus = .ok
  ) throws -> Response {
    let code = try request.code
    guard let municipality = try store.municipality(code: code) else { throw AdminError.notFound("Kommunen") }
    let accounts = try store.userAccounts(municipalityCode: code).map { account -> TemplateValue in
      let user = account.user
      let base = "/admin/kommune/\(code)/brugere/\(user.id)"
      let isSelf = user.id == request.user.id
      let manageable = user.role == .editor && !isSelf
      return [
        "name": .string(user.name.isEmpty ? user.email : user.name), "email": .string(user.email),
        "role": .string(user.role.danishName), "active": .bool(user.isActive),
        "pending": .bool(user.isActive && user.mustChangePassword),
        "created": .string(DanishTime.text(account.createdAt)),
        "self": .bool(isSelf), "manageable": .bool(manageable),
        "deactivate": .string(base + "/deaktiver"), "reactivate": .string(base + "/genaktiver"),
        "reset": .string(base + "/ny-adgangskode"),
        "tokens": request.formTokens(), "resetTokens": request.formTokens(),
      ]
    }
    return try page(
      "admin/users", title: "Brugere – \(municipality.name)", for: request, status: status,
      [
        "municipality": ["name": .string(municipality.name), "code": .string(code)],
        "accounts": .array(accounts),
        "fields": .array(form.fields(errors: errors).map(\.templateValue)),
        "errors": errors.summary, "tokens": request.formTokens(),
        "minimumLength": .int(Passwords.minimumLength),
      ])
  }

  /// Adds an editor and shows the one-time password on the response to this POST, once (see `oneTimePasswordPage`).
  func addEditor(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let form = NewEditorForm(request)
    var errors = form.problems()
    if errors.isEmpty {
      let password = Passwords.oneTime()
      let hash = try Passwords.hash(password)
      do {
        let added = try performOnce(request) { writer -> (AdminChange, User) in
          guard try !writer.isEmailInUse(form.email) else { throw DuplicateEmail() }
          let user = User(
            email: form.email, name: form.name, role: .editor, municipalityCode: code,
            mustChangePassword: true)
          let id = try writer.addUser(user, passwordHash: hash)
          let change = AdminChange(
            "user.add", entity: "app_user", id: id,
            after: [
              "name": user.name, "email": user.email, "role": user.role.rawValue, "municipality": code,
              "active": true, "mustChangePassword": true,
            ])
          return (
            change, User(id: id, email: user.email, name: user.name, role: .editor, municipalityCode: code)
          )
        }
        guard let added else { return Self.redirect("/admin/kommune/\(code)/brugere") }
        return try oneTimePasswordPage(request, user: added, password: password, isNew: true)
      } catch is DuplicateEmail {
        errors.add("email", NewEditorForm.duplicateMessage(form.email))
      }
    }
    return try usersPage(request, form: form, errors: errors, status: .unprocessableContent)
  }

  /// Deactivates (ending the editor's sessions) or reactivates an editor of the municipality. Accounts are never
  /// deleted; administrators are not changed here (a system administrator does that), nor is one's own account.
  func setActive(_ request: AdminRequest, _ active: Bool) throws -> Response {
    let code = try request.code
    let target = try municipalityUser(request)
    let list = "/admin/kommune/\(code)/brugere"
    guard target.id != request.user.id else {
      throw AdminError(.forbidden, "Du kan ikke deaktivere eller genaktivere din egen konto.")
    }
    guard target.role == .editor else {
      throw AdminError(
        .forbidden,
        "Kun redaktører kan deaktiveres og genaktiveres her. Kontakt portalens systemadministrator.")
    }
    guard target.isActive != active else { return Self.redirect(list) }
    return try perform(request, redirect: list) { writer in
      guard let before = try writer.user(id: target.id) else { throw AdminError.notFound("Brugeren") }
      try writer.setUserActive(userId: target.id, active)
      return AdminChange(
        active ? "user.reactivate" : "user.deactivate", entity: "app_user", id: target.id,
        before: ["email": before.email, "active": before.isActive],
        after: ["email": before.email, "active": active])
    }
  }

  /// Gives an active editor a new one-time password (the old one stops working, the editor's sessions end, and the
  /// next login asks for a new password); shown once, like a new editor's.
  func resetPassword(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let target = try municipalityUser(request)
    guard target.id != request.user.id else {
      throw AdminError(.forbidden, "Skift din egen adgangskode under “Skift adgangskode”.")
    }
    guard target.role == .editor, target.isActive else {
      throw AdminError(.forbidden, "Kun aktive redaktører kan få en ny engangsadgangskode her.")
    }
    let password = Passwords.oneTime()
    let hash = try Passwords.hash(password)
    let done = try performOnce(request) { writer -> (AdminChange, Bool) in
      try writer.setOneTimePassword(userId: target.id, passwordHash: hash)
      let change = AdminChange(
        "user.password-reset", entity: "app_user", id: target.id,
        before: ["email": target.email, "mustChangePassword": target.mustChangePassword],
        after: ["email": target.email, "mustChangePassword": true])
      return (change, true)
    }
    guard done == true else { return Self.redirect("/admin/kommune/\(code)/brugere") }
    return try oneTimePasswordPage(request, user: target, password: password, isNew: false)
  }

  /// The account `:user` if it belongs to the municipality in the path; 404 otherwise.
  func municipalityUser(_ request: AdminRequest) throws -> User {
    let id = try request.id("user")
    guard let user = try store.user(id: id), user.municipalityCode == (try request.code) else {
      throw AdminError.notFound("Brugeren")
    }
    return user
  }

  private struct DuplicateEmail: Error {}
}
