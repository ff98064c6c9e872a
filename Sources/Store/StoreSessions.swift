import Domain
import Foundation
import SQLite

/// A signed-in user's session as the admin module sees it. The token itself is never stored: only its digest.
public struct SessionRecord: Hashable, Sendable {
  public var id: Int64
  public var user: User
  public var csrfToken: String
  public var createdAt: Date
  public var lastSeenAt: Date
}

extension Store {
  /// How long a session lives without a request, and at most.
  public static let sessionIdleLimit: TimeInterval = 30 * 60
  public static let sessionAbsoluteLimit: TimeInterval = 12 * 60 * 60

  /// Starts a session for `userId` under the digest of its token.
  public func createSession(
    userId: Int64, tokenDigest: String, csrfToken: String, userAgent: String, now: Date
  )
    throws -> Int64
  {
    try write { connection in
      try connection.run(
        """
        INSERT INTO session (token_hash, user_id, created_at, last_seen_at, expires_at, csrf_token, user_agent)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """, tokenDigest, userId, now, now, now.addingTimeInterval(Self.sessionAbsoluteLimit), csrfToken,
        String(userAgent.prefix(300)))
      return connection.lastInsertRowID
    }
  }

  /// The live session with this token digest, its last use moved to `now`; nil (and the session ended) when it
  /// idled past `sessionIdleLimit`, passed `sessionAbsoluteLimit`, or its user was deactivated. While the database
  /// cannot be written (`WriteUnavailable`), the same checks run on a reader without recording the use, so that
  /// signed-in users can still read their pages.
  public func session(tokenDigest: String, now: Date) throws -> SessionRecord? {
    do {
      return try write { try Self.session($0, tokenDigest: tokenDigest, now: now, recordUse: true) }
    } catch is WriteUnavailable {
      return try read { try Self.session($0, tokenDigest: tokenDigest, now: now, recordUse: false) }
    }
  }

  private static func session(_ connection: Connection, tokenDigest: String, now: Date, recordUse: Bool)
    throws
    -> SessionRecord?
  {
    guard
      let row = try connection.queryOne(
        """
        SELECT s.id AS session_id, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at,
          s.expires_at, u.*
        FROM session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?
        """, tokenDigest)
    else { return nil }
    let id: Int64 = try row.get("session_id")
    let lastSeen: Date = try row.get("last_seen_at")
    let expires: Date = try row.get("expires_at")
    let user = try Self.user(row)
    guard user.isActive, now < expires, now.timeIntervalSince(lastSeen) < Self.sessionIdleLimit else {
      if recordUse { try connection.run("DELETE FROM session WHERE id = ?", id) }
      return nil
    }
    if recordUse { try connection.run("UPDATE session SET last_seen_at = ? WHERE id = ?", now, id) }
    return SessionRecord(
      id: id, user: user, csrfToken: try row.get("csrf_token"),
      createdAt: try row.get("session_created_at"),
      lastSeenAt: now)
  }

  /// Ends the session (logout); nothing happens for an unknown digest.
  public func endSession(tokenDigest: String) throws {
    try write { try $0.run("DELETE FROM session WHERE token_hash = ?", tokenDigest) }
  }
}
