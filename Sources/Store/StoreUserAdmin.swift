import Domain
import Foundation
import SQLite

/// An account as a municipality's administrator sees it in the list of users: the user and when it was created.
public struct UserAccount: Hashable, Sendable {
  public var user: User
  public var createdAt: Date
}

extension Store {
  /// A municipality's accounts, active and deactivated, by name and then e-mail address.
  public func userAccounts(municipalityCode: String) throws -> [UserAccount] {
    try read { connection in
      try connection.query(
        """
        SELECT * FROM app_user WHERE municipality_code = ?
        ORDER BY CASE WHEN name = '' THEN email ELSE name END COLLATE NOCASE, email
        """, municipalityCode
      ).map { UserAccount(user: try Self.user($0), createdAt: try $0.get("created_at")) }
    }
  }
}

/// Account changes by a municipality's administrator, in the admin module's one transaction with its audit entry.
extension Store.Writer {
  public func user(id: Int64) throws -> User? {
    try connection.queryOne("SELECT * FROM app_user WHERE id = ?", id).map(Store.user)
  }

  /// Whether an account (active or not) has this e-mail address, compared without regard to case.
  public func isEmailInUse(_ email: String) throws -> Bool {
    try connection.scalar(
      "SELECT 1 FROM app_user WHERE email = ?", email.trimmingCharacters(in: .whitespaces), as: Int.self)
      != nil
  }

  /// Adds an account of a municipality (editor or administrator); the e-mail address must be free
  /// (`isEmailInUse`), else `StoreError.invalid`.
  public func addUser(_ user: User, passwordHash: String) throws -> Int64 {
    let email = user.email.trimmingCharacters(in: .whitespaces)
    guard user.role.belongsToMunicipality, let code = user.municipalityCode else {
      throw StoreError.invalid("en \(user.role.danishName) skal høre til en kommune")
    }
    guard try !isEmailInUse(email) else {
      throw StoreError.invalid("der findes allerede en bruger med e-mailadressen \(email)")
    }
    try connection.run(
      """
      INSERT INTO app_user (email, name, password_hash, role, municipality_code, active, must_change_password)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """, email, user.name, passwordHash, user.role.rawValue, code, user.isActive, user.mustChangePassword)
    return connection.lastInsertRowID
  }

  /// Replaces the password with a one-time one: it must be changed at the next login, and every session of the
  /// account ends.
  public func setOneTimePassword(userId: Int64, passwordHash: String) throws {
    try connection.run(
      "UPDATE app_user SET password_hash = ?, must_change_password = 1 WHERE id = ?", passwordHash, userId)
    try connection.run("DELETE FROM session WHERE user_id = ?", userId)
  }
}
