import Domain
import SQLite

/// Accounts of the admin module. Passwords arrive hashed (yescrypt, by the Web module); the Store never sees one.
extension Store {
  /// Adds an account; the role decides whether a municipality is required (staff) or forbidden (ministry, system).
  public func addUser(_ user: User, passwordHash: String) throws -> Int64 {
    let email = user.email.trimmingCharacters(in: .whitespaces)
    guard email.contains("@"), !email.hasPrefix("@"), !email.hasSuffix("@") else {
      throw StoreError.invalid("“\(user.email)” er ikke en e-mailadresse")
    }
    if user.role.belongsToMunicipality {
      guard let code = user.municipalityCode else {
        throw StoreError.invalid("en \(user.role.danishName) skal høre til en kommune")
      }
      guard try municipality(code: code) != nil else { throw StoreError.notFound("kommune \(code)") }
    } else if user.municipalityCode != nil {
      throw StoreError.invalid("\(user.role.danishName) hører ikke til en kommune")
    }
    return try write { connection in
      if try connection.scalar("SELECT 1 FROM app_user WHERE email = ?", email, as: Int.self) != nil {
        throw StoreError.invalid("der findes allerede en bruger med e-mailadressen \(email)")
      }
      try connection.run(
        """
        INSERT INTO app_user (email, name, password_hash, role, municipality_code, active, must_change_password)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """, email, user.name, passwordHash, user.role.rawValue,
        user.role.belongsToMunicipality
          ? user.municipalityCode : nil, user.isActive, user.mustChangePassword)
      return connection.lastInsertRowID
    }
  }

  /// The account with this e-mail address (compared without regard to case), active or not.
  public func user(email: String) throws -> User? {
    try read { connection in
      try connection.queryOne(
        "SELECT * FROM app_user WHERE email = ?", email.trimmingCharacters(in: .whitespaces)
      )
      .map(Self.user)
    }
  }

  /// The stored yescrypt hash of the account's password.
  public func passwordHash(userId: Int64) throws -> String? {
    try read { try $0.scalar("SELECT password_hash FROM app_user WHERE id = ?", userId, as: String.self) }
  }

  /// Every account, by e-mail address; only one municipality's when a code is given.
  public func users(municipalityCode: String? = nil) throws -> [User] {
    try read { connection in
      try connection.query(
        "SELECT * FROM app_user WHERE ?1 IS NULL OR municipality_code = ?1 ORDER BY email", municipalityCode
      ).map(Self.user)
    }
  }

  static func user(_ row: Row) throws -> User {
    User(
      id: try row.get("id"), email: try row.get("email"), name: try row.get("name"),
      role: Role(rawValue: try row.get("role")) ?? .editor,
      municipalityCode: try row.get("municipality_code"),
      isActive: try row.get("active"), mustChangePassword: try row.get("must_change_password"))
  }
}
