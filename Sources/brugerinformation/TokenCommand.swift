import Domain
import Foundation
import Store
import Web

enum TokenCommand: Command {
  static let name = "token"
  static let summary = "make API tokens for the write API (printed once), list and revoke them"
  static let flagNames: Set<String> = []
  static let optionNames: Set<String> = ["database", "email", "name", "id", "municipality"]
  static let subcommands: Set<String> = ["create", "list", "revoke"]
  static let help = """
    Usage: brugerinformation token create --email E --name N [--database PATH]
           brugerinformation token list [--municipality CODE] [--database PATH]
           brugerinformation token revoke --id N [--database PATH]

    create  makes an API token owned by the account with that e-mail address (it acts with the account's role
            and municipality, and stops working when the account is deactivated) and prints it, alone on
            standard output, ONCE: only its SHA-256 digest is stored.
    list    prints every token (or one municipality's): id, name, owner, municipality, created, last used, state.
    revoke  revokes the token with that id; it stops working at once.

    Options:
    \(DatabaseOption.help)
      --help            this text

    """

  static func run(_ arguments: Arguments) throws {
    let store = try Store.open(path: DatabaseOption.path(from: arguments), readers: 1)
    switch arguments.positionals.first {
    case "create":
      guard let email = arguments.string("email") else { throw UsageError("--email is required") }
      guard let name = arguments.string("name") else { throw UsageError("--name is required") }
      let made = try create(store, email: email, name: name, now: Date())
      print(made.token)
      printError("token \(made.id) for \(email): shown only now; keep it secret")
    case "revoke":
      guard let text = arguments.string("id"), let id = Int64(text) else {
        throw UsageError("--id is required (a token's number from 'token list')")
      }
      try revoke(store, id: id, now: Date())
      say("revoked token \(id)")
    default:
      for token in try store.apiTokens(municipalityCode: arguments.string("municipality")) {
        say(
          [
            String(token.id), token.name, token.userEmail ?? "(kommunen)", token.municipalityCode ?? "-",
            ISO8601DateFormatter().string(from: token.createdAt),
            token.lastUsedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "never",
            token.isRevoked ? "revoked" : "active",
          ]
          .joined(separator: "\t"))
      }
    }
  }

  /// Makes a token owned by the active account with this address; the secret is returned, only its digest kept.
  static func create(_ store: Store, email: String, name: String, now: Date) throws -> (
    id: Int64, token: String
  ) {
    guard let user = try store.user(email: email) else {
      throw StoreError.notFound("der er ingen bruger med e-mailadressen \(email)")
    }
    guard user.isActive else { throw StoreError.invalid("brugeren \(email) er deaktiveret") }
    let token = SessionToken.generate()
    let id = try store.batch { writer -> Int64 in
      let id = try writer.createAPIToken(
        name: name, userId: user.id, municipalityCode: nil, tokenDigest: SessionToken.digest(token), now: now)
      try writer.audit(
        userId: nil, action: "api_token.create", entity: "api_token", entityId: String(id),
        municipalityCode: user.municipalityCode, afterJSON: Self.auditJSON(name: name, owner: email))
      return id
    }
    return (id, token)
  }

  static func revoke(_ store: Store, id: Int64, now: Date) throws {
    try store.batch { writer in
      guard try writer.revokeAPIToken(id: id, now: now) else {
        throw StoreError.notFound("en aktiv nøgle nummer \(id)")
      }
      try writer.audit(
        userId: nil, action: "api_token.revoke", entity: "api_token", entityId: String(id),
        afterJSON: "{\"revoked\":true}")
    }
  }

  static func auditJSON(name: String, owner: String) -> String {
    JSONValue.object([("name", .string(name)), ("owner", .string(owner))]).text
  }
}
