import Domain
import Foundation
import SQLite

/// An API token as the admin module and the command line list it; the token itself is never stored, only its
/// digest.
public struct APIToken: Hashable, Sendable {
  public var id: Int64
  public var name: String
  /// The owning user, when a user owns it (then it acts with the user's role and municipality).
  public var userId: Int64?
  public var userEmail: String?
  /// The owning municipality when no user owns it, else the user's municipality (nil for the ministry).
  public var municipalityCode: String?
  public var createdAt: Date
  public var lastUsedAt: Date?
  public var revokedAt: Date?

  public var isRevoked: Bool { revokedAt != nil }
}

/// Who a live API token acts as: its owning user, or (for a municipality's own token) that municipality's staff.
public struct APITokenPrincipal: Hashable, Sendable {
  public var tokenId: Int64
  public var tokenName: String
  /// nil for a token owned by a municipality.
  public var user: User?
  public var role: Role
  public var municipalityCode: String?

  /// May write this municipality's contract and follow-ups.
  public func mayWrite(municipalityCode code: String) -> Bool {
    role.belongsToMunicipality && municipalityCode == code
  }

  /// May read the national compliance answer.
  public var mayReadCompliance: Bool { role == .ministry || role == .sysadmin }
}

extension Store {
  /// Every token, newest first; with a code, those owned by the municipality or by one of its users.
  public func apiTokens(municipalityCode: String? = nil) throws -> [APIToken] {
    try read { connection in
      try connection.query(
        """
        SELECT t.id, t.name, t.user_id, u.email, coalesce(t.municipality_code, u.municipality_code) AS code,
          t.created_at, t.last_used_at, t.revoked_at
        FROM api_token t LEFT JOIN app_user u ON u.id = t.user_id
        WHERE ?1 IS NULL OR coalesce(t.municipality_code, u.municipality_code) = ?1
        ORDER BY t.id DESC
        """, municipalityCode
      ).map { row in
        APIToken(
          id: try row.get("id"), name: try row.get("name"), userId: try row.get("user_id"),
          userEmail: try row.get("email"), municipalityCode: try row.get("code"),
          createdAt: try row.get("created_at"), lastUsedAt: try row.get("last_used_at"),
          revokedAt: try row.get("revoked_at"))
      }
    }
  }

  /// The live token with this digest, its last use moved to `now`; nil when unknown, revoked, or its owning user
  /// is deactivated.
  public func apiTokenPrincipal(tokenDigest: String, now: Date) throws -> APITokenPrincipal? {
    try write { connection in
      guard
        let row = try connection.queryOne(
          """
          SELECT id, name, user_id, municipality_code, revoked_at FROM api_token WHERE token_hash = ?
          """, tokenDigest)
      else { return nil }
      guard try row.get("revoked_at", as: String?.self) == nil else { return nil }
      let id: Int64 = try row.get("id")
      let principal: APITokenPrincipal
      if let userId = try row.get("user_id", as: Int64?.self) {
        guard
          let user = try connection.queryOne("SELECT * FROM app_user WHERE id = ?", userId).map(Self.user),
          user.isActive
        else { return nil }
        principal = APITokenPrincipal(
          tokenId: id, tokenName: try row.get("name"), user: user, role: user.role,
          municipalityCode: user.municipalityCode)
      } else {
        principal = APITokenPrincipal(
          tokenId: id, tokenName: try row.get("name"), user: nil, role: .editor,
          municipalityCode: try row.get("municipality_code"))
      }
      try connection.run("UPDATE api_token SET last_used_at = ? WHERE id = ?", now, id)
      return principal
    }
  }
}

extension Store.Writer {
  /// Stores a new token under the digest of its secret; `userId` or `municipalityCode` (or both) owns it.
  @discardableResult
  public func createAPIToken(
    name: String, userId: Int64?, municipalityCode: String?, tokenDigest: String, now: Date
  ) throws -> Int64 {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { throw StoreError.invalid("nøglen skal have et navn") }
    guard trimmed.count <= 200 else { throw StoreError.invalid("navnet er for langt (højst 200 tegn)") }
    guard userId != nil || municipalityCode != nil else {
      throw StoreError.invalid("nøglen skal tilhøre en bruger eller en kommune")
    }
    try connection.run(
      "INSERT INTO api_token (token_hash, name, user_id, municipality_code, created_at) VALUES (?, ?, ?, ?, ?)",
      tokenDigest, trimmed, userId, municipalityCode, now)
    return connection.lastInsertRowID
  }

  /// Revokes a token (when `municipalityCode` is given, only one of that municipality's); false when there is no
  /// such live token.
  public func revokeAPIToken(id: Int64, municipalityCode: String? = nil, now: Date) throws -> Bool {
    try connection.run(
      """
      UPDATE api_token SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL AND (?3 IS NULL
        OR coalesce(municipality_code, (SELECT municipality_code FROM app_user WHERE id = api_token.user_id)) = ?3)
      """, now, id, municipalityCode)
    return connection.changes > 0
  }
}
