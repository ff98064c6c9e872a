import Domain
import SQLite

extension Store {
  public func regions() throws -> [Region] {
    try read { connection in
      try connection.query("SELECT code, name FROM region ORDER BY code").map {
        Region(code: try $0.get("code"), name: try $0.get("name"))
      }
    }
  }

  /// All municipalities, or those of one region, by name.
  public func municipalities(inRegion regionCode: String? = nil) throws -> [Municipality] {
    try read { connection in
      try connection.query(
        """
        SELECT code, name, region_code, is_example FROM municipality
        WHERE ?1 IS NULL OR region_code = ?1 ORDER BY name, code
        """, regionCode
      ).map(Self.municipality)
    }
  }

  public func municipality(code: String) throws -> Municipality? {
    try read { connection in
      try connection.queryOne(
        "SELECT code, name, region_code, is_example FROM municipality WHERE code = ?", code
      ).map(Self.municipality)
    }
  }

  static func municipality(_ row: Row) throws -> Municipality {
    Municipality(
      code: try row.get("code"), name: try row.get("name"), regionCode: try row.get("region_code"),
      isExample: try row.get("is_example"))
  }

  /// The national list and, when given, the municipality's own areas, by name.
  public func serviceAreas(municipalityCode: String? = nil) throws -> [ServiceArea] {
    try read { connection in
      try connection.query(
        """
        SELECT id, municipality_code, name, is_example FROM service_area
        WHERE municipality_code IS NULL OR municipality_code = ?1 ORDER BY municipality_code IS NOT NULL, name
        """, municipalityCode
      ).map { try $0.serviceArea() }
    }
  }

  public func ruleCalendar() throws -> RuleCalendar {
    try read { try Self.ruleCalendar($0) }
  }

  static func ruleCalendar(_ connection: Connection) throws -> RuleCalendar {
    guard let row = try connection.queryOne("SELECT * FROM rule_dates"),
      let due = MonthDay(try row.get("follow_up_default_due", as: String.self))
    else { throw StoreError.invalid("regelkalenderen er ufuldstændig") }
    return RuleCalendar(
      firstContractDeadline: try row.requiredDate("first_contract_deadline"),
      firstFollowUpBudgetYear: try row.get("first_follow_up_budget_year"),
      dutyEndsOn: try row.requiredDate("duty_ends_on"), followUpDefaultDue: due)
  }

  /// Today's date in Denmark as the database counts it (the view `danish_today`), the date the rules compare with.
  public func today() throws -> CalendarDate {
    try read(Self.today)
  }

  static func today(_ connection: Connection) throws -> CalendarDate {
    guard let text = try connection.scalar("SELECT d FROM danish_today", as: String.self),
      let date = CalendarDate(text)
    else { throw StoreError.invalid("ingen dato fra databasen") }
    return date
  }

  // MARK: Contracts

  /// §3: the published version with the latest publication date on or before `date` (ties: the higher number).
  public func contractInForce(municipalityCode: String, asOf date: CalendarDate) throws -> ContractInForce? {
    try read { connection in
      try Self.contractInForce(connection, municipalityCode: municipalityCode, asOf: date)
    }
  }

  /// §3: which version is in force on `date`, without its areas (for pages that only need to know which).
  public func versionInForce(municipalityCode: String, asOf date: CalendarDate) throws -> ContractVersion? {
    try read { try Self.versionInForce($0, municipalityCode: municipalityCode, asOf: date) }
  }

  static func versionInForce(_ connection: Connection, municipalityCode: String, asOf date: CalendarDate)
    throws -> ContractVersion?
  {
    try connection.queryOne(
      """
      SELECT * FROM contract_version WHERE municipality_code = ?1 AND published_on <= ?2
      ORDER BY published_on DESC, number DESC LIMIT 1
      """, municipalityCode, date.sql
    ).map { try $0.contractVersion() }
  }

  static func contractInForce(_ connection: Connection, municipalityCode: String, asOf date: CalendarDate)
    throws -> ContractInForce?
  {
    guard var version = try versionInForce(connection, municipalityCode: municipalityCode, asOf: date) else {
      return nil
    }
    version.areas = try areas(connection, versionId: version.id)
    return ContractInForce(
      version: version, adjustments: try adjustmentsByLineage(connection, version: version),
      statuses: try publishedStatuses(connection, versionId: version.id),
      recommendations: try recommendations(connection, column: "version_id", id: version.id))
  }

  /// One version with its areas and goals (any state).
  public func version(id: Int64) throws -> ContractVersion? {
    try read { connection in try Self.version(connection, id: id) }
  }

  static func version(_ connection: Connection, id: Int64) throws -> ContractVersion? {
    guard let row = try connection.queryOne("SELECT * FROM contract_version WHERE id = ?", id) else {
      return nil
    }
    var version = try row.contractVersion()
    version.areas = try areas(connection, versionId: id)
    return version
  }

  /// Every version of the municipality's contract, oldest first, without areas.
  public func versionHistory(municipalityCode: String) throws -> [ContractVersion] {
    try read { connection in
      try connection.query(
        "SELECT * FROM contract_version WHERE municipality_code = ? ORDER BY number", municipalityCode
      ).map { try $0.contractVersion() }
    }
  }

  /// The draft (not yet adopted) version, if any.
  public func draft(municipalityCode: String) throws -> ContractVersion? {
    try read { try Self.draft($0, municipalityCode: municipalityCode) }
  }

  static func draft(_ connection: Connection, municipalityCode: String) throws -> ContractVersion? {
    guard
      let id = try connection.scalar(
        "SELECT id FROM contract_version WHERE municipality_code = ? AND adopted_on IS NULL",
        municipalityCode,
        as: Int64.self)
    else { return nil }
    return try version(connection, id: id)
  }

  /// §2: what stops the version from being adopted, named; empty when complete.
  public func problems(versionId: Int64) throws -> [RuleProblem] {
    try read { connection in try Self.problems(connection, versionId: versionId) }
  }

  static func problems(_ connection: Connection, versionId: Int64) throws -> [RuleProblem] {
    try connection.query(
      """
      SELECT message, goal_id, field FROM version_problem WHERE version_id = ?
      ORDER BY area_position, version_area_id, goal_position, goal_id, field_order
      """, versionId
    ).map {
      RuleProblem(
        rule: .section2, message: try $0.get("message"), goalId: try $0.get("goal_id"),
        field: try $0.get("field"))
    }
  }

  /// A goal through all versions it appears in, oldest first.
  public func goalHistory(lineage: Int64) throws -> [GoalHistoryEntry] {
    try read { connection in
      let statusRows = try connection.query(
        """
        SELECT s.*, f.budget_year, f.id AS follow_up_id FROM goal g
        JOIN goal_status s ON s.goal_id = g.id JOIN follow_up f ON f.id = s.follow_up_id
        WHERE g.lineage = ? ORDER BY f.budget_year
        """, lineage)
      let statuses = try Dictionary(
        grouping: statusRows.map { row in (try row.get("goal_id", as: Int64.self), row) }
      ) {
        $0.0
      }.mapValues { rows in
        try rows.map {
          LatestStatus(
            followUpId: try $0.1.get("follow_up_id"), budgetYear: try $0.1.get("budget_year"),
            status: try $0.1.goalStatus())
        }
      }
      let adjustmentRows = try connection.query(
        """
        SELECT t.* FROM goal g JOIN target_adjustment t ON t.goal_id = g.id
        WHERE g.lineage = ? ORDER BY t.adjusted_on, t.id
        """, lineage)
      let adjustments = Dictionary(grouping: try adjustmentRows.map { try $0.targetAdjustment() }) {
        $0.goalId
      }
      return try connection.query(
        """
        SELECT g.*, v.number AS version_number, v.adopted_on AS version_adopted_on,
          v.meeting_reference AS version_meeting_reference, v.published_on AS version_published_on
        FROM goal g JOIN contract_version v ON v.id = g.version_id
        WHERE g.lineage = ? ORDER BY v.number
        """, lineage
      ).map { row in
        let goal = try row.goal()
        return GoalHistoryEntry(
          versionId: try row.get("version_id"), versionNumber: try row.get("version_number"),
          adoption: try row.adoption(
            dateColumn: "version_adopted_on", referenceColumn: "version_meeting_reference"),
          publishedOn: try row.date("version_published_on"), goal: goal,
          adjustments: adjustments[goal.id] ?? [],
          statuses: statuses[goal.id] ?? [])
      }
    }
  }

  static func areas(_ connection: Connection, versionId: Int64) throws -> [VersionArea] {
    let rows = try connection.query(
      """
      SELECT a.id AS area_id, a.service_area_id AS area_service_area_id, s.name AS area_name,
        a.position AS area_position, g.id, g.lineage, g.position, g.title, g.theme, g.goal_text, g.indicator, g.unit,
        g.baseline_value, g.baseline_date, g.target_value, g.target_date, g.direction, g.means, g.is_example
      FROM contract_version_area a JOIN service_area s ON s.id = a.service_area_id
      LEFT JOIN goal g ON g.version_area_id = a.id
      WHERE a.version_id = ? ORDER BY a.position, a.id, g.position, g.id
      """, versionId)
    var areas: [VersionArea] = []
    for row in rows {
      let areaId: Int64 = try row.get("area_id")
      if areas.last?.id != areaId {
        areas.append(
          VersionArea(
            id: areaId, serviceAreaId: try row.get("area_service_area_id"), name: try row.get("area_name"),
            position: try row.get("area_position")))
      }
      if try row.get("id", as: Int64?.self) != nil {
        areas[areas.count - 1].goals.append(try row.goal())
      }
    }
    return areas
  }

  static func adjustmentsByLineage(_ connection: Connection, version: ContractVersion) throws
    -> [Int64: [TargetAdjustment]]
  {
    let rows = try connection.query(
      """
      SELECT g.lineage, t.* FROM goal g
      JOIN goal g2 ON g2.lineage = g.lineage
      JOIN contract_version v2 ON v2.id = g2.version_id AND v2.number <= ?2
      JOIN target_adjustment t ON t.goal_id = g2.id
      WHERE g.version_id = ?1 ORDER BY t.adjusted_on, t.id
      """, version.id, version.number)
    var result: [Int64: [TargetAdjustment]] = [:]
    for row in rows {
      result[try row.get("lineage"), default: []].append(try row.targetAdjustment())
    }
    return result
  }

  static func publishedStatuses(_ connection: Connection, versionId: Int64) throws -> [Int64: [LatestStatus]]
  {
    let rows = try connection.query(
      """
      SELECT g.lineage, f.id AS follow_up_id, f.budget_year, s.* FROM goal g
      JOIN goal g2 ON g2.lineage = g.lineage
      JOIN goal_status s ON s.goal_id = g2.id
      JOIN follow_up f ON f.id = s.follow_up_id AND f.published_on IS NOT NULL
      WHERE g.version_id = ?1 ORDER BY f.budget_year
      """, versionId)
    var result: [Int64: [LatestStatus]] = [:]
    for row in rows {
      result[try row.get("lineage"), default: []].append(
        LatestStatus(
          followUpId: try row.get("follow_up_id"), budgetYear: try row.get("budget_year"),
          status: try row.goalStatus()))
    }
    return result
  }

  static func recommendations(_ connection: Connection, column: String, id: Int64) throws
    -> [CommitteeRecommendation]
  {
    try connection.query(
      "SELECT * FROM committee_recommendation WHERE \(column) = ? ORDER BY recommended_on, id", id
    ).map {
      CommitteeRecommendation(
        id: try $0.get("id"), committee: try $0.get("committee"),
        recommendedOn: try $0.requiredDate("recommended_on"),
        note: try $0.get("note"))
    }
  }
}
