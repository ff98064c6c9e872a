import Domain
import Foundation
import SQLite

/// How many recent failed logins an account and an address have, for throttling.
public struct LoginFailures: Hashable, Sendable {
  /// Failures for the e-mail address since its last successful login (whether or not the account exists).
  public var forAccount: [Date]
  /// Failures from the network address, whichever accounts they tried.
  public var fromAddress: [Date]
}

extension Store {
  public func user(id: Int64) throws -> User? {
    try read { try $0.queryOne("SELECT * FROM app_user WHERE id = ?", id).map(Self.user) }
  }

  /// Sets a new password hash and clears "must change password"; the user's other sessions end.
  public func setPassword(userId: Int64, passwordHash: String, keepingSession sessionId: Int64?) throws {
    try write { connection in
      try connection.run(
        "UPDATE app_user SET password_hash = ?, must_change_password = 0 WHERE id = ?", passwordHash, userId)
      try connection.run("DELETE FROM session WHERE user_id = ? AND id IS NOT ?", userId, sessionId)
    }
  }

  /// Records one login attempt; attempts older than a day are forgotten at the same time.
  public func recordLoginAttempt(email: String, address: String, succeeded: Bool, at now: Date) throws {
    try write { connection in
      try connection.run(
        "INSERT INTO login_attempt (email, address, at, succeeded) VALUES (?, ?, ?, ?)",
        String(email.trimmingCharacters(in: .whitespaces).prefix(320)), address, now, succeeded)
      try connection.run("DELETE FROM login_attempt WHERE at < ?", now.addingTimeInterval(-24 * 60 * 60))
    }
  }

  /// Failed logins since `since` for the account (only after its last success) and from the address.
  public func loginFailures(email: String, address: String, since: Date) throws -> LoginFailures {
    try read { connection in
      let email = email.trimmingCharacters(in: .whitespaces)
      let forAccount: [Date] = try connection.query(
        """
        SELECT at FROM login_attempt WHERE email = ?1 AND succeeded = 0 AND at >= ?2
          AND at > coalesce((SELECT max(at) FROM login_attempt WHERE email = ?1 AND succeeded = 1), '')
        ORDER BY at
        """, email, since
      ).map { try $0.get("at") }
      let fromAddress: [Date] = try connection.query(
        "SELECT at FROM login_attempt WHERE address = ? AND succeeded = 0 AND at >= ? ORDER BY at", address,
        since
      ).map { try $0.get("at") }
      return LoginFailures(forAccount: forAccount, fromAddress: fromAddress)
    }
  }
}

extension Store.Writer {
  /// Claims a submitted form's one-time token in this transaction: false when it was claimed before (the form was
  /// sent twice), so the caller changes nothing. Tokens older than a day are forgotten.
  public func claimForm(nonce: String, userId: Int64?) throws -> Bool {
    try connection.run("INSERT OR IGNORE INTO form_submission (nonce, user_id) VALUES (?, ?)", nonce, userId)
    let claimed = connection.changes == 1
    if claimed {
      try connection.run(
        "DELETE FROM form_submission WHERE at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day')")
    }
    return claimed
  }

  /// Deactivates or reactivates an account; deactivation ends its sessions. Accounts are never deleted.
  public func setUserActive(userId: Int64, _ active: Bool) throws {
    try connection.run("UPDATE app_user SET active = ? WHERE id = ?", active, userId)
    if !active { try connection.run("DELETE FROM session WHERE user_id = ?", userId) }
  }
}
