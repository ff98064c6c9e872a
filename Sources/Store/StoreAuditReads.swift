import Domain
import Foundation
import SQLite

/// An audit entry with the names a reader needs: who made the change (nil for the command line) and the
/// municipality it concerns.
public struct AuditRecord: Hashable, Sendable {
  public var entry: AuditEntry
  public var userName: String?
  public var userEmail: String?
  public var municipalityName: String?
}

/// Which audit entries to list, newest first.
public struct AuditFilter: Hashable, Sendable {
  /// One municipality's entries; nil for all.
  public var municipalityCode: String?
  /// Only this action code (e.g. "goal.update"), or with a trailing "." every action that starts with it.
  public var action: String?
  /// Entries older than this entry id (the next page).
  public var before: Int64?
  public var limit: Int

  public init(municipalityCode: String? = nil, action: String? = nil, before: Int64? = nil, limit: Int = 50) {
    self.municipalityCode = municipalityCode
    self.action = action
    self.before = before
    self.limit = limit
  }
}

extension Store {
  public func auditRecords(_ filter: AuditFilter) throws -> [AuditRecord] {
    let prefix = filter.action.flatMap { $0.hasSuffix(".") ? $0 : nil }
    let exact = filter.action.flatMap { $0.hasSuffix(".") ? nil : $0 }
    return try read { connection in
      try connection.query(
        """
        SELECT a.*, u.name AS user_name, u.email AS user_email, m.name AS municipality_name
        FROM audit_log a LEFT JOIN app_user u ON u.id = a.user_id
          LEFT JOIN municipality m ON m.code = a.municipality_code
        WHERE (?1 IS NULL OR a.municipality_code = ?1) AND (?2 IS NULL OR a.action = ?2)
          AND (?3 IS NULL OR substr(a.action, 1, length(?3)) = ?3) AND (?4 IS NULL OR a.id < ?4)
        ORDER BY a.id DESC LIMIT ?5
        """, filter.municipalityCode, exact, prefix, filter.before, filter.limit
      ).map(Self.auditRecord)
    }
  }

  public func auditRecord(id: Int64) throws -> AuditRecord? {
    try read { connection in
      try connection.queryOne(
        """
        SELECT a.*, u.name AS user_name, u.email AS user_email, m.name AS municipality_name
        FROM audit_log a LEFT JOIN app_user u ON u.id = a.user_id
          LEFT JOIN municipality m ON m.code = a.municipality_code
        WHERE a.id = ?
        """, id
      ).map(Self.auditRecord)
    }
  }

  /// Every action code in the log (or one municipality's part of it), sorted.
  public func auditActions(municipalityCode: String? = nil) throws -> [String] {
    try read { connection in
      try connection.query(
        "SELECT DISTINCT action FROM audit_log WHERE ?1 IS NULL OR municipality_code = ?1 ORDER BY action",
        municipalityCode
      ).map { try $0.get("action") }
    }
  }

  static func auditRecord(_ row: Row) throws -> AuditRecord {
    AuditRecord(
      entry: AuditEntry(
        id: try row.get("id"), userId: try row.get("user_id"), at: try row.get("at"),
        action: try row.get("action"), entity: try row.get("entity"), entityId: try row.get("entity_id"),
        municipalityCode: try row.get("municipality_code"), beforeJSON: try row.get("before_json"),
        afterJSON: try row.get("after_json")),
      userName: try row.get("user_name"), userEmail: try row.get("user_email"),
      municipalityName: try row.get("municipality_name"))
  }
}
