import Domain
import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  /// The municipality's API tokens for the write API: make one (shown once), revoke one.
  static let tokenPageNames = ["admin/tokens-api", "admin/tokens-api-created"]

  func registerTokenRoutes(on routes: inout AdminRoutes) {
    routes.get("/admin/kommune/:code/tokens", .municipalAdmin) { request in
      try tokensPage(request, name: "", errors: FormErrors())
    }
    routes.post("/admin/kommune/:code/tokens", .municipalAdmin) { request in try createToken(request) }
    routes.post("/admin/kommune/:code/tokens/tilbagekald", .municipalAdmin) { request in
      try revokeToken(request)
    }
  }

  /// The municipality's tokens (its own and its users'), each live one with a revoke button, and the form that makes
  /// one.
  func tokensPage(_ request: AdminRequest, name: String, errors: FormErrors, status: HTTPStatus = .ok) throws
    -> Response
  {
    let code = try request.code
    guard let municipality = try store.municipality(code: code) else { throw AdminError.notFound("Kommunen") }
    let tokens = try store.apiTokens(municipalityCode: code).map { token -> TemplateValue in
      [
        "id": .string(String(token.id)), "name": .string(token.name),
        "owner": .string(token.userEmail ?? "Kommunen"),
        "created": .string(DanishTime.text(token.createdAt)),
        "lastUsed": .string(token.lastUsedAt.map(DanishTime.text) ?? "Aldrig"),
        "revoked": .string(token.revokedAt.map(DanishTime.text) ?? ""),
        "live": .bool(!token.isRevoked), "tokens": request.formTokens(),
        "revoke": .string("/admin/kommune/\(code)/tokens/tilbagekald"),
      ]
    }
    return try page(
      "admin/tokens-api", title: "API-nøgler – \(municipality.name)", for: request, status: status,
      [
        "municipality": ["name": .string(municipality.name), "code": .string(code)],
        "apiTokens": .array(tokens), "name": .string(name), "errors": errors.summary,
        "tokens": request.formTokens(),
      ])
  }

  /// Makes a token owned by the municipality and shows it on the response to this POST, once; only its digest is
  /// stored. Sending the form again (a reload) makes nothing and shows nothing.
  func createToken(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let name = request.field("name")
    var errors = FormErrors()
    if name.isEmpty {
      errors.add("name", "Giv nøglen et navn, fx det system, der skal bruge den.")
    } else if name.count > 200 {
      errors.add("name", "Skriv et navn på højst 200 tegn.")
    }
    guard errors.isEmpty else {
      return try tokensPage(request, name: name, errors: errors, status: .unprocessableContent)
    }
    let token = SessionToken.generate()
    let now = self.now()
    let made = try performOnce(request) { writer -> (AdminChange, Int64) in
      let id = try writer.createAPIToken(
        name: name, userId: nil, municipalityCode: code, tokenDigest: SessionToken.digest(token), now: now)
      return (AdminChange("api_token.create", entity: "api_token", id: id, after: ["name": name]), id)
    }
    guard made != nil else { return Self.redirect("/admin/kommune/\(code)/tokens") }
    return try page(
      "admin/tokens-api-created", title: "API-nøglen er lavet", for: request,
      [
        "name": .string(name), "token": .string(token),
        "list": .string("/admin/kommune/\(code)/tokens"),
      ])
  }

  /// Revokes one of the municipality's live tokens (the form's `id`); 404 for any other.
  func revokeToken(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let list = "/admin/kommune/\(code)/tokens"
    guard let id = Int64(request.field("id")),
      let token = try store.apiTokens(municipalityCode: code).first(where: { $0.id == id })
    else { throw AdminError.notFound("API-nøglen") }
    guard !token.isRevoked else { return Self.redirect(list) }
    let now = self.now()
    return try perform(request, redirect: list) { writer in
      guard try writer.revokeAPIToken(id: id, municipalityCode: code, now: now) else {
        throw AdminError.notFound("API-nøglen")
      }
      return AdminChange(
        "api_token.revoke", entity: "api_token", id: id, before: ["name": token.name, "revoked": false],
        after: ["name": token.name, "revoked": true])
    }
  }
}
