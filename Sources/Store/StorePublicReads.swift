import Domain
import SQLite

/// Reads for the public pages: only what has been published.
extension Store {
  /// The latest published contract versions and follow-ups across all municipalities, newest first.
  public func latestPublications(limit: Int = 10) throws -> [Publication] {
    try publications(municipalityCode: nil, limit: limit)
  }

  /// Service areas that appear in at least one municipality's version in force on `date`, by name.
  public func areasInUse(asOf date: CalendarDate) throws -> [AreaUse] {
    try read { connection in
      try connection.query(
        """
        SELECT s.*, count(*) AS municipalities FROM service_area s
        JOIN contract_version_area a ON a.service_area_id = s.id
        WHERE a.version_id IN (\(Self.versionsInForce))
        GROUP BY s.id ORDER BY s.name, s.id
        """, date.sql
      ).map { row in
        AreaUse(area: try row.serviceArea(), municipalities: try row.get("municipalities"))
      }
    }
  }

  /// One service area (national or a municipality's own).
  public func serviceArea(id: Int64) throws -> ServiceArea? {
    try read { connection in
      try connection.queryOne("SELECT * FROM service_area WHERE id = ?", id)?.serviceArea()
    }
  }

  /// Every municipality's goals in the service area, from its version in force on `date`, by municipality name.
  public func areaGoals(serviceAreaId: Int64, asOf date: CalendarDate) throws -> [AreaGoals] {
    try read { connection in
      let rows = try connection.query(
        """
        SELECT m.code AS m_code, m.name AS m_name, m.region_code AS m_region_code, m.is_example AS m_is_example,
          v.number AS version_number, g.*
        FROM contract_version_area a
        JOIN contract_version v ON v.id = a.version_id
        JOIN municipality m ON m.code = v.municipality_code
        JOIN goal g ON g.version_area_id = a.id
        WHERE a.service_area_id = ?2 AND a.version_id IN (\(Self.versionsInForce))
        ORDER BY m.name, m.code, g.position, g.id
        """, date.sql, serviceAreaId)
      var result: [AreaGoals] = []
      for row in rows {
        let code: String = try row.get("m_code")
        if result.last?.municipality.code != code {
          result.append(
            AreaGoals(
              municipality: Municipality(
                code: code, name: try row.get("m_name"), regionCode: try row.get("m_region_code"),
                isExample: try row.get("m_is_example")),
              versionNumber: try row.get("version_number"), goals: []))
        }
        result[result.count - 1].goals.append(try row.goal())
      }
      return result
    }
  }

  /// A published follow-up of the municipality for the budget year, each status with its goal and area.
  public func publishedFollowUp(municipalityCode: String, budgetYear: Int) throws -> FollowUpStatement? {
    try read { connection in
      guard
        let row = try connection.queryOne(
          """
          SELECT * FROM follow_up_overview
          WHERE municipality_code = ? AND budget_year = ? AND published_on IS NOT NULL
          """, municipalityCode, budgetYear)
      else { return nil }
      let summary = try Self.followUpSummary(row)
      let entries = try connection.query(
        """
        SELECT sa.name AS area_name, g.*, s.id AS s_id, s.goal_id AS s_goal_id, s.status_text AS s_status_text,
          s.measured_value AS s_measured_value, s.measured_on AS s_measured_on, s.result AS s_result,
          s.follow_up_text AS s_follow_up_text
        FROM goal_status s JOIN goal g ON g.id = s.goal_id
        JOIN contract_version_area a ON a.id = g.version_area_id
        JOIN service_area sa ON sa.id = a.service_area_id
        WHERE s.follow_up_id = ? ORDER BY a.position, a.id, g.position, g.id
        """, summary.id
      ).map { row in
        FollowUpStatement.Entry(
          areaName: try row.get("area_name"), goal: try row.goal(), status: try row.goalStatus(prefix: "s_"))
      }
      return FollowUpStatement(summary: summary, entries: entries)
    }
  }

  /// The municipality, its version in force on `date` (default: Danish today) and its published follow-ups, from
  /// one read transaction.
  public func municipalityOverview(code: String, asOf date: CalendarDate? = nil) throws
    -> MunicipalityOverview?
  {
    try read { connection in
      let date = try date ?? Self.today(connection)
      guard
        let municipality = try connection.queryOne(
          "SELECT code, name, region_code, is_example FROM municipality WHERE code = ?", code
        ).map(Self.municipality)
      else { return nil }
      return MunicipalityOverview(
        municipality: municipality,
        contract: try Self.contractInForce(connection, municipalityCode: code, asOf: date),
        followUps: try connection.query(
          """
          SELECT * FROM follow_up_overview WHERE municipality_code = ? AND published_on IS NOT NULL
          ORDER BY budget_year
          """, code
        ).map(Self.followUpSummary),
        publishedVersions: try connection.scalar(
          "SELECT count(*) FROM contract_version WHERE municipality_code = ? AND published_on IS NOT NULL",
          code,
          as: Int.self) ?? 0)
    }
  }

  /// The ids of every municipality's version in force on the date bound as `?1`.
  static let versionsInForce = """
    SELECT (SELECT v.id FROM contract_version v
      WHERE v.municipality_code = m.code AND v.published_on <= ?1
      ORDER BY v.published_on DESC, v.number DESC LIMIT 1) FROM municipality m
    """
}
