import Domain
import SQLite

extension Store {
  /// Full-text search over what citizens may see on `date`: the goals of each municipality's version in force
  /// (§3: the published version with the latest publication date on or before it) and the statuses, in follow-ups
  /// published on or before it, for those goals' lineages. Drafts, adopted but unpublished versions, superseded
  /// versions and unpublished follow-ups are never found.
  ///
  /// At most `limit` hits (1…1000), best (bm25; a title match counts most) first, grouped by municipality; the group
  /// with the best hit comes first. Highlight a match with `SearchHighlight.fragments(in:terms:)` and `query.terms`.
  public func search(_ query: SearchQuery, asOf date: CalendarDate, limit: Int = 200) throws
    -> [SearchResultGroup]
  {
    let rows = try read { connection in
      try connection.query(Self.searchSQL, query.matchExpression, date.sql, max(1, min(limit, 1000)))
    }
    var groups: [SearchResultGroup] = []
    var groupIndex: [String: Int] = [:]
    for row in rows {
      let code: String = try row.get("municipality_code")
      let hit = try Self.searchHit(row, terms: query.terms)
      if let index = groupIndex[code] {
        groups[index].hits.append(hit)
      } else {
        groupIndex[code] = groups.count
        groups.append(
          SearchResultGroup(
            municipalityCode: code, municipalityName: try row.get("municipality_name"), hits: [hit]))
      }
    }
    return groups
  }

  private static func searchHit(_ row: Row, terms: [String]) throws -> SearchHit {
    let kind = try row.get("kind", as: String.self) == "status" ? SearchHit.Kind.status : .goal
    let fields: [(SearchField, String)] =
      kind == .goal
      ? [(.title, "title"), (.theme, "theme"), (.goal, "goal_text"), (.means, "means")]
      : [(.status, "status_text"), (.followUp, "follow_up_text")]
    let texts = try fields.map { SearchMatch(field: $0.0, text: try row.get($0.1)) }
    let matches = texts.filter { SearchHighlight.containsMatch(in: $0.text, terms: terms) }
    return SearchHit(
      kind: kind, goalLineage: try row.get("lineage"), goalId: try row.get("goal_id"),
      goalTitle: try row.get("title"), areaName: try row.get("area_name"),
      followUpId: try row.get("follow_up_id"), budgetYear: try row.get("budget_year"),
      // The index and SearchHighlight fold alike; should they ever differ, the hit still names a field.
      matches: matches.isEmpty ? [texts[0]] : matches,
      score: try row.get("score"), isExample: try row.get("is_example"))
  }

  /// ?1 the MATCH expression, ?2 the date, ?3 the limit. The rowid of `search_text` is 2 × goal.id for a goal and
  /// 2 × goal_status.id + 1 for a status (migration 4). bm25's weights: a title counts 4 times, a theme twice.
  private static let searchSQL = """
    WITH hit AS MATERIALIZED (
      SELECT rowid AS id, bm25(search_text, 4.0, 2.0, 1.0, 1.0, 1.0, 1.0) AS score
      FROM search_text WHERE search_text MATCH ?1
    ),
    found AS (
      SELECT h.score, 'goal' AS kind, g.id AS goal_id, NULL AS status_id, NULL AS follow_up_id,
        NULL AS budget_year, v.municipality_code
      FROM hit h
      JOIN goal g ON g.id = h.id / 2
      JOIN contract_version v ON v.id = g.version_id
      WHERE h.id % 2 = 0 AND v.id = (\(versionInForce("v.municipality_code")))
      UNION ALL
      SELECT h.score, 'status', g.id, s.id, f.id, f.budget_year, f.municipality_code
      FROM hit h
      JOIN goal_status s ON s.id = h.id / 2
      JOIN follow_up f ON f.id = s.follow_up_id
      JOIN goal sg ON sg.id = s.goal_id
      JOIN goal g ON g.lineage = sg.lineage AND g.version_id = (\(versionInForce("f.municipality_code")))
      WHERE h.id % 2 = 1 AND f.published_on <= ?2
      ORDER BY 1, 7, 2, 3, 4
      LIMIT ?3
    )
    SELECT found.*, m.name AS municipality_name, g.lineage, g.title, g.theme, g.goal_text, g.means,
      sa.name AS area_name, s.status_text, s.follow_up_text, coalesce(s.is_example, g.is_example) AS is_example
    FROM found
    JOIN municipality m ON m.code = found.municipality_code
    JOIN goal g ON g.id = found.goal_id
    JOIN contract_version_area a ON a.id = g.version_area_id
    JOIN service_area sa ON sa.id = a.service_area_id
    LEFT JOIN goal_status s ON s.id = found.status_id
    ORDER BY found.score, found.municipality_code, found.kind, found.goal_id, found.status_id
    """

  /// The id of the version in force on ?2 for the municipality (as `contractInForce` and `contract_in_force`).
  private static func versionInForce(_ municipality: String) -> String {
    """
    SELECT v2.id FROM contract_version v2 WHERE v2.municipality_code = \(municipality) AND v2.published_on <= ?2
          ORDER BY v2.published_on DESC, v2.number DESC LIMIT 1
    """
  }
}
