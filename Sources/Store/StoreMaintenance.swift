import Domain
import SQLite

/// One line of the audit log; the JSON is stored as given.
public struct AuditEntry: Hashable, Sendable {
  public var id: Int64
  public var userId: Int64?
  /// UTC, "YYYY-MM-DDTHH:MM:SS.SSSZ".
  public var at: String
  public var action: String
  public var entity: String
  public var entityId: String?
  /// The municipality the change concerns; nil for national changes (users of the ministry, the rule calendar).
  public var municipalityCode: String?
  public var beforeJSON: String?
  public var afterJSON: String?
}

extension Store {
  /// Deletes every row marked `is_example` (a version marked so takes its areas, goals and adjustments along).
  /// Real adopted content is never touched.
  public func removeExamples() throws {
    try write { try Writer(connection: $0).removeExamples() }
  }

  @discardableResult
  public func audit(
    userId: Int64?, action: String, entity: String, entityId: String?, municipalityCode: String? = nil,
    beforeJSON: String? = nil, afterJSON: String? = nil
  ) throws -> Int64 {
    try write {
      try Writer(connection: $0).audit(
        userId: userId, action: action, entity: entity, entityId: entityId,
        municipalityCode: municipalityCode,
        beforeJSON: beforeJSON, afterJSON: afterJSON)
    }
  }

  /// The newest entries first, for one entity (and id), one municipality, or all; `before` (an entry id) pages on.
  public func auditLog(
    entity: String? = nil, entityId: String? = nil, municipalityCode: String? = nil, before: Int64? = nil,
    limit: Int = 100
  ) throws -> [AuditEntry] {
    try read { connection in
      try connection.query(
        """
        SELECT * FROM audit_log WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2)
          AND (?3 IS NULL OR municipality_code = ?3) AND (?4 IS NULL OR id < ?4)
        ORDER BY id DESC LIMIT ?5
        """, entity, entityId, municipalityCode, before, limit
      ).map {
        AuditEntry(
          id: try $0.get("id"), userId: try $0.get("user_id"), at: try $0.get("at"),
          action: try $0.get("action"),
          entity: try $0.get("entity"), entityId: try $0.get("entity_id"),
          municipalityCode: try $0.get("municipality_code"),
          beforeJSON: try $0.get("before_json"),
          afterJSON: try $0.get("after_json"))
      }
    }
  }
}

extension Store.Writer {
  public func removeExamples() throws {
    try connection.execute(
      """
      DELETE FROM goal_status WHERE is_example = 1 OR follow_up_id IN (SELECT id FROM follow_up WHERE is_example = 1);
      DELETE FROM committee_recommendation WHERE is_example = 1;
      DELETE FROM follow_up WHERE is_example = 1;
      DELETE FROM budget_adoption WHERE is_example = 1;
      DELETE FROM target_adjustment WHERE goal_id IN (
        SELECT g.id FROM goal g JOIN contract_version v ON v.id = g.version_id WHERE v.is_example = 1);
      DELETE FROM goal WHERE version_id IN (SELECT id FROM contract_version WHERE is_example = 1);
      DELETE FROM contract_version_area WHERE version_id IN (SELECT id FROM contract_version WHERE is_example = 1);
      DELETE FROM contract_version WHERE is_example = 1;
      DELETE FROM goal_lineage
      WHERE is_example = 1 AND NOT EXISTS (SELECT 1 FROM goal WHERE goal.lineage = goal_lineage.id);
      DELETE FROM contract WHERE is_example = 1
        AND NOT EXISTS (SELECT 1 FROM contract_version v WHERE v.municipality_code = contract.municipality_code);
      DELETE FROM service_area WHERE is_example = 1
        AND NOT EXISTS (SELECT 1 FROM contract_version_area a WHERE a.service_area_id = service_area.id);
      """)
  }

  @discardableResult
  public func audit(
    userId: Int64?, action: String, entity: String, entityId: String?, municipalityCode: String? = nil,
    beforeJSON: String? = nil, afterJSON: String? = nil
  ) throws -> Int64 {
    try connection.run(
      """
      INSERT INTO audit_log (user_id, action, entity, entity_id, municipality_code, before_json, after_json)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """, userId, action, entity, entityId, municipalityCode, beforeJSON, afterJSON)
    return connection.lastInsertRowID
  }
}
