import Domain
import HTTP
import Store
import Web

/// One write of the API: what it did, for the audit log, and the stored object it answers with.
struct WriteAPIChange: Sendable {
  var action: String
  var entity: String
  var entityId: Int64?
  var before: JSONValue?
  var after: JSONValue
  var status: HTTPStatus = .ok
}

extension OpenDataSite {
  /// Runs `body` and its audit entry as ONE transaction (a thrown error undoes both) and answers with the object.
  /// The entry names the token's user as who (none for a municipality's own token) and the token in `after`.
  func change(
    _ principal: APITokenPrincipal, municipalityCode: String?, _ body: (Store.Writer) throws -> WriteAPIChange
  ) throws -> Response {
    let made = try store.batch { writer -> WriteAPIChange in
      let made = try body(writer)
      var after = made.after
      if case .object(var members) = after {
        members.append(
          ("apiToken", ["id": .int(Int(principal.tokenId)), "name": .string(principal.tokenName)]))
        after = .object(members)
      }
      try writer.audit(
        userId: principal.user?.id, action: made.action, entity: made.entity,
        entityId: made.entityId.map(String.init), municipalityCode: municipalityCode,
        beforeJSON: made.before?.text, afterJSON: after.text)
      return made
    }
    return Self.json(made.after, status: made.status)
  }

  /// The `{code}` of the path, after checking the token may write there (403) and the municipality exists (404).
  func writableMunicipality(_ request: Request, _ principal: APITokenPrincipal) throws -> String {
    let code = try request.parameter("code", as: String.self)
    try Self.requireMunicipality(principal, code)
    guard try store.municipality(code: code) != nil else {
      throw APIProblem.notFound("Der findes ingen kommune med koden \(code).")
    }
    return code
  }
}
