import Domain
import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  /// The one-time password, on the response to the POST that made it (never in a URL, never stored but as a hash).
  /// The page is `no-store`; reloading it sends the POST again, whose one-time form token is spent, so the answer is
  /// a redirect to the list: the password is shown once and no second account is made.
  func oneTimePasswordPage(_ request: AdminRequest, user: User, password: String, isNew: Bool) throws
    -> Response
  {
    let code = try request.code
    return try page(
      "admin/users-password",
      title: isNew ? "Redaktøren er oprettet" : "Ny engangsadgangskode", for: request,
      [
        "isNew": .bool(isNew), "name": .string(user.name.isEmpty ? user.email : user.name),
        "email": .string(user.email), "password": .string(password),
        "minimumLength": .int(Passwords.minimumLength),
        "list": .string("/admin/kommune/\(code)/brugere"),
      ])
  }
}

/// The form that adds an editor: name and e-mail address, as typed.
struct NewEditorForm {
  var name = ""
  var email = ""

  init() {}

  init(_ request: AdminRequest) {
    name = request.field("name")
    email = request.field("email")
  }

  static func duplicateMessage(_ email: String) -> String {
    "Der findes allerede en bruger med e-mailadressen \(email). Brug en anden adresse, eller genaktivér den "
      + "eksisterende bruger i listen."
  }

  /// What must be fixed before the editor can be added, by field.
  func problems() -> FormErrors {
    var errors = FormErrors()
    if name.isEmpty {
      errors.add("name", "Skriv redaktørens navn, fx Anne Jensen.")
    } else if name.count > 200 {
      errors.add("name", "Skriv et navn på højst 200 tegn.")
    }
    if email.isEmpty {
      errors.add("email", "Skriv redaktørens e-mailadresse, fx anne.jensen@kommune.dk.")
    } else if !Self.looksLikeEmail(email) {
      errors.add(
        "email", "Skriv e-mailadressen som navn@domæne.dk, uden mellemrum, fx anne.jensen@kommune.dk.")
    }
    return errors
  }

  /// One `@` with something before it and a domain with a dot after it; no spaces; at most 254 characters.
  static func looksLikeEmail(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard text.count <= 254, parts.count == 2, !parts[0].isEmpty,
      !text.contains(where: { $0.isWhitespace || $0.isNewline })
    else { return false }
    let domain = parts[1]
    return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
  }

  func fields(errors: FormErrors) -> [FormField] {
    [
      FormField(
        "name", label: "Navn", value: name, error: errors["name"], required: true, autocomplete: "off"),
      FormField(
        "email", label: "E-mailadresse", kind: .email, value: email,
        hint: "Redaktøren logger ind med denne adresse.", error: errors["email"], required: true,
        autocomplete: "off"),
    ]
  }
}
