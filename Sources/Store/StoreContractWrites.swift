import Domain
import SQLite

extension Store {
  // MARK: Places (for the seeder and the ministry)

  public func addRegion(_ region: Region) throws {
    try write { try Writer(connection: $0).addRegion(region) }
  }

  public func addMunicipality(_ municipality: Municipality) throws {
    try write { try Writer(connection: $0).addMunicipality(municipality) }
  }

  /// A municipality's own service area (or, with nil, one more on the national list).
  @discardableResult
  public func addServiceArea(name: String, municipalityCode: String?, isExample: Bool = false) throws -> Int64
  {
    try write {
      try Writer(connection: $0).addServiceArea(
        name: name, municipalityCode: municipalityCode, isExample: isExample)
    }
  }

  // MARK: Drafts

  /// §3: a new draft version, copied (areas, goals with their lineage) from the version in force today, or empty
  /// when none is in force. There is at most one draft per municipality.
  @discardableResult
  public func createDraft(municipalityCode: String, changeNote: String = "", isExample: Bool = false) throws
    -> Int64
  {
    try write {
      try Writer(connection: $0).createDraft(
        municipalityCode: municipalityCode, changeNote: changeNote, isExample: isExample)
    }
  }

  static func createDraft(
    _ connection: Connection, municipalityCode: String, changeNote: String, isExample: Bool
  )
    throws -> Int64
  {
    if let number = try connection.scalar(
      "SELECT number FROM contract_version WHERE municipality_code = ? AND adopted_on IS NULL",
      municipalityCode,
      as: Int.self)
    {
      throw RuleViolation(rule: .section3, message: "§3: der er allerede et udkast (version \(number))")
    }
    try connection.run(
      "INSERT INTO contract (municipality_code, is_example) VALUES (?, ?) ON CONFLICT DO NOTHING",
      municipalityCode,
      isExample)
    let source = try connection.scalar(
      """
      SELECT id FROM contract_version WHERE municipality_code = ? AND published_on <= (SELECT d FROM danish_today)
      ORDER BY published_on DESC, number DESC LIMIT 1
      """, municipalityCode, as: Int64.self)
    try connection.run(
      """
      INSERT INTO contract_version (municipality_code, number, based_on, change_note, is_example)
      VALUES (?1, (SELECT ifnull(max(number), 0) + 1 FROM contract_version WHERE municipality_code = ?1), ?2, ?3, ?4)
      """, municipalityCode, source, changeNote, isExample)
    let id = connection.lastInsertRowID
    if let source {
      try connection.run(
        """
        INSERT INTO contract_version_area (version_id, service_area_id, position, is_example)
        SELECT ?1, service_area_id, position, ?3 FROM contract_version_area WHERE version_id = ?2 ORDER BY position, id
        """, id, source, isExample)
      try connection.run(
        """
        INSERT INTO goal (version_id, version_area_id, lineage, position, title, theme, goal_text, indicator, unit,
          baseline_value, baseline_date, target_value, target_date, direction, means, is_example)
        SELECT ?1, na.id, g.lineage, g.position, g.title, g.theme, g.goal_text, g.indicator, g.unit,
          g.baseline_value, g.baseline_date, g.target_value, g.target_date, g.direction, g.means, ?3
        FROM goal g
        JOIN contract_version_area oa ON oa.id = g.version_area_id
        JOIN contract_version_area na ON na.version_id = ?1 AND na.service_area_id = oa.service_area_id
        WHERE g.version_id = ?2 ORDER BY g.id
        """, id, source, isExample)
    }
    return id
  }

  /// Removes a draft; adopted versions stay forever (§3).
  public func discardDraft(versionId: Int64) throws {
    try write { try Writer(connection: $0).discardDraft(versionId: versionId) }
  }

  // MARK: Areas and goals of a draft

  @discardableResult
  public func addArea(versionId: Int64, serviceAreaId: Int64, isExample: Bool = false) throws -> Int64 {
    try write {
      try Writer(connection: $0).addArea(
        versionId: versionId, serviceAreaId: serviceAreaId, isExample: isExample)
    }
  }

  /// Removes an area and its goals from a draft.
  public func removeArea(versionAreaId: Int64) throws {
    try write { try Writer(connection: $0).removeArea(versionAreaId: versionAreaId) }
  }

  /// Puts the version's areas in the given order (every area of the version, once).
  public func reorderAreas(versionId: Int64, areaIds: [Int64]) throws {
    try write { try Writer(connection: $0).reorderAreas(versionId: versionId, areaIds: areaIds) }
  }

  /// Adds a goal (with a new lineage) at the end of the area; returns the goal with its id and lineage.
  @discardableResult
  public func addGoal(versionAreaId: Int64, _ goal: Goal) throws -> Goal {
    try write { try Writer(connection: $0).addGoal(versionAreaId: versionAreaId, goal) }
  }

  /// Replaces a draft goal's content (title … means); its id, lineage, area and position stay.
  public func updateGoal(id: Int64, _ goal: Goal) throws {
    try write { try Writer(connection: $0).updateGoal(id: id, goal) }
  }

  public func removeGoal(id: Int64) throws {
    try write { try Writer(connection: $0).removeGoal(id: id) }
  }

  /// Puts the area's goals in the given order (every goal of the area, once).
  public func reorderGoals(versionAreaId: Int64, goalIds: [Int64]) throws {
    try write { try Writer(connection: $0).reorderGoals(versionAreaId: versionAreaId, goalIds: goalIds) }
  }

  static func goalContent(_ goal: Goal) -> [SQLArgument] {
    [
      goal.title, goal.theme, goal.goalText, goal.indicator, goal.unit, goal.baselineValue,
      goal.baselineDate?.sql,
      goal.targetValue, goal.targetDate?.sql, goal.direction.rawValue, goal.means,
    ]
  }

  static func reorder(
    _ connection: Connection, table: String, parentColumn: String, parent: Int64, ids: [Int64]
  )
    throws
  {
    let existing = try connection.query("SELECT id FROM \(table) WHERE \(parentColumn) = ?", parent).map {
      try $0.get("id", as: Int64.self)
    }
    guard Set(existing) == Set(ids), existing.count == ids.count else {
      throw StoreError.invalid("rækkefølgen skal nævne hvert element præcis én gang")
    }
    for (index, id) in ids.enumerated() {
      try connection.run("UPDATE \(table) SET position = ? WHERE id = ?", index + 1, id)
    }
  }

  // MARK: Decisions

  /// Delegationsforbud: a committee's recommendation, recorded separately; it never adopts anything.
  @discardableResult
  public func addCommitteeRecommendation(
    versionId: Int64? = nil, followUpId: Int64? = nil, _ recommendation: CommitteeRecommendation,
    isExample: Bool = false
  ) throws -> Int64 {
    try write {
      try Writer(connection: $0).addCommitteeRecommendation(
        versionId: versionId, followUpId: followUpId, recommendation, isExample: isExample)
    }
  }

  /// The council adopts the version (§2 must hold); from then on it is frozen (§3).
  public func adopt(versionId: Int64, _ adoption: Adoption) throws {
    try write { try Writer(connection: $0).adopt(versionId: versionId, adoption) }
  }

  /// §6: publishes an adopted version; late publication is recorded (published_late), never refused. The version
  /// supersedes the one in force from `date`.
  public func publish(versionId: Int64, on date: CalendarDate) throws {
    try write { try Writer(connection: $0).publish(versionId: versionId, on: date) }
  }

  /// Måljustering: changes the target of a goal in force in the municipality's draft (created from the version in
  /// force when there is none) and records the old and new target with the reason. Returns the draft's goal.
  @discardableResult
  public func adjustTarget(
    goalId: Int64, newTargetValue: Double, newTargetDate: CalendarDate? = nil, reason: String,
    on date: CalendarDate, isExample: Bool = false
  ) throws -> (versionId: Int64, goalId: Int64) {
    try write {
      try Writer(connection: $0).adjustTarget(
        goalId: goalId, newTargetValue: newTargetValue, newTargetDate: newTargetDate, reason: reason,
        on: date, isExample: isExample)
    }
  }

  /// A rule violation with every §2 problem of the version named, or the error as it came.
  static func named(_ error: SQLiteError, _ connection: Connection, versionId: Int64) throws -> any Error {
    guard let violation = RuleViolation(error) else { return error }
    guard violation.rule == .section2 else { return violation }
    let problems = try problems(connection, versionId: versionId)
    return RuleViolation(
      rule: .section2, message: problems.first?.message ?? violation.message, problems: problems)
  }
}

extension Store.Writer {
  // MARK: Places (for the seeder and the ministry)

  public func addRegion(_ region: Region) throws {
    try connection.run("INSERT INTO region (code, name) VALUES (?, ?)", region.code, region.name)
  }

  public func addMunicipality(_ municipality: Municipality) throws {
    try connection.run(
      "INSERT INTO municipality (code, name, region_code, is_example) VALUES (?, ?, ?, ?)",
      municipality.code,
      municipality.name, municipality.regionCode, municipality.isExample)
  }

  /// A municipality's own service area (or, with nil, one more on the national list).
  @discardableResult
  public func addServiceArea(name: String, municipalityCode: String?, isExample: Bool = false) throws -> Int64
  {
    try connection.run(
      "INSERT INTO service_area (municipality_code, name, is_example) VALUES (?, ?, ?)", municipalityCode,
      name,
      isExample)
    return connection.lastInsertRowID
  }

  // MARK: Drafts

  /// §3: a new draft version, copied (areas, goals with their lineage) from the version in force today, or empty
  /// when none is in force. There is at most one draft per municipality.
  @discardableResult
  public func createDraft(municipalityCode: String, changeNote: String = "", isExample: Bool = false) throws
    -> Int64
  {
    try Store.createDraft(
      connection, municipalityCode: municipalityCode, changeNote: changeNote, isExample: isExample)
  }

  /// Removes a draft; adopted versions stay forever (§3).
  public func discardDraft(versionId: Int64) throws {
    try connection.run("DELETE FROM contract_version WHERE id = ? AND adopted_on IS NULL", versionId)
    if connection.changes == 0 {
      throw RuleViolation(rule: .section3, message: "§3: kun et udkast kan kasseres")
    }
  }

  // MARK: Areas and goals of a draft

  @discardableResult
  public func addArea(versionId: Int64, serviceAreaId: Int64, isExample: Bool = false) throws -> Int64 {
    try connection.run(
      """
      INSERT INTO contract_version_area (version_id, service_area_id, position, is_example)
      VALUES (?1, ?2, (SELECT ifnull(max(position), 0) + 1 FROM contract_version_area WHERE version_id = ?1), ?3)
      """, versionId, serviceAreaId, isExample)
    return connection.lastInsertRowID
  }

  /// Removes an area and its goals from a draft.
  public func removeArea(versionAreaId: Int64) throws {
    try connection.run("DELETE FROM contract_version_area WHERE id = ?", versionAreaId)
  }

  /// Puts the version's areas in the given order (every area of the version, once).
  public func reorderAreas(versionId: Int64, areaIds: [Int64]) throws {
    try Store.reorder(
      connection, table: "contract_version_area", parentColumn: "version_id", parent: versionId,
      ids: areaIds)
  }

  /// Adds a goal (with a new lineage) at the end of the area; returns the goal with its id and lineage.
  @discardableResult
  public func addGoal(versionAreaId: Int64, _ goal: Goal) throws -> Goal {
    guard
      let area = try connection.queryOne(
        """
        SELECT a.version_id, v.municipality_code FROM contract_version_area a
        JOIN contract_version v ON v.id = a.version_id WHERE a.id = ?
        """, versionAreaId)
    else { throw StoreError.notFound("serviceområde \(versionAreaId) i en version") }
    try connection.run(
      "INSERT INTO goal_lineage (municipality_code, is_example) VALUES (?, ?)",
      try area.get("municipality_code", as: String.self), goal.isExample)
    var added = goal
    added.lineage = connection.lastInsertRowID
    added.position =
      try connection.scalar(
        "SELECT ifnull(max(position), 0) + 1 FROM goal WHERE version_area_id = ?", versionAreaId,
        as: Int.self) ?? 1
    try connection.run(
      """
      INSERT INTO goal (version_id, version_area_id, lineage, position, title, theme, goal_text, indicator, unit,
        baseline_value, baseline_date, target_value, target_date, direction, means, is_example)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      arguments: [try area.get("version_id", as: Int64.self), versionAreaId, added.lineage, added.position]
        + Store.goalContent(goal) + [goal.isExample])
    added.id = connection.lastInsertRowID
    return added
  }

  /// Replaces a draft goal's content (title … means); its id, lineage, area and position stay.
  public func updateGoal(id: Int64, _ goal: Goal) throws {
    try connection.run(
      """
      UPDATE goal SET title = ?, theme = ?, goal_text = ?, indicator = ?, unit = ?, baseline_value = ?,
        baseline_date = ?, target_value = ?, target_date = ?, direction = ?, means = ?
      WHERE id = ?
      """, arguments: Store.goalContent(goal) + [id])
    if connection.changes == 0 { throw StoreError.notFound("mål \(id)") }
  }

  public func removeGoal(id: Int64) throws {
    try connection.run("DELETE FROM goal WHERE id = ?", id)
  }

  /// Puts the area's goals in the given order (every goal of the area, once).
  public func reorderGoals(versionAreaId: Int64, goalIds: [Int64]) throws {
    try Store.reorder(
      connection, table: "goal", parentColumn: "version_area_id", parent: versionAreaId, ids: goalIds)
  }

  // MARK: Decisions

  /// Delegationsforbud: a committee's recommendation, recorded separately; it never adopts anything.
  @discardableResult
  public func addCommitteeRecommendation(
    versionId: Int64? = nil, followUpId: Int64? = nil, _ recommendation: CommitteeRecommendation,
    isExample: Bool = false
  ) throws -> Int64 {
    try connection.run(
      """
      INSERT INTO committee_recommendation (version_id, follow_up_id, committee, recommended_on, note, is_example)
      VALUES (?, ?, ?, ?, ?, ?)
      """, versionId, followUpId, recommendation.committee, recommendation.recommendedOn.sql,
      recommendation.note,
      isExample)
    return connection.lastInsertRowID
  }

  /// The council adopts the version (§2 must hold); from then on it is frozen (§3).
  public func adopt(versionId: Int64, _ adoption: Adoption) throws {
    do {
      try connection.run(
        "UPDATE contract_version SET adopted_on = ?, meeting_reference = ? WHERE id = ?",
        adoption.adoptedOn.sql,
        adoption.meetingReference, versionId)
    } catch let error as SQLiteError {
      throw try Store.named(error, connection, versionId: versionId)
    }
    if connection.changes == 0 { throw StoreError.notFound("version \(versionId)") }
  }

  /// §6: publishes an adopted version; late publication is recorded (published_late), never refused. The version
  /// supersedes the one in force from `date`.
  public func publish(versionId: Int64, on date: CalendarDate) throws {
    do {
      try connection.run("UPDATE contract_version SET published_on = ? WHERE id = ?", date.sql, versionId)
    } catch let error as SQLiteError {
      throw try Store.named(error, connection, versionId: versionId)
    }
    if connection.changes == 0 { throw StoreError.notFound("version \(versionId)") }
  }

  /// Måljustering: changes the target of a goal in force in the municipality's draft (created from the version in
  /// force when there is none) and records the old and new target with the reason. Returns the draft's goal.
  @discardableResult
  public func adjustTarget(
    goalId: Int64, newTargetValue: Double, newTargetDate: CalendarDate? = nil, reason: String,
    on date: CalendarDate, isExample: Bool = false
  ) throws -> (versionId: Int64, goalId: Int64) {
    guard
      let old = try connection.queryOne(
        """
        SELECT g.lineage, g.target_value, g.target_date, v.municipality_code FROM goal g
        JOIN contract_version v ON v.id = g.version_id WHERE g.id = ? AND v.adopted_on IS NOT NULL
        """, goalId)
    else { throw StoreError.notFound("vedtaget mål \(goalId)") }
    let municipality: String = try old.get("municipality_code")
    let draft =
      try connection.scalar(
        "SELECT id FROM contract_version WHERE municipality_code = ? AND adopted_on IS NULL", municipality,
        as: Int64.self)
      ?? Store.createDraft(
        connection, municipalityCode: municipality, changeNote: "Måljustering: \(reason)",
        isExample: isExample)
    guard
      let target = try connection.queryOne(
        "SELECT id, target_value, target_date FROM goal WHERE version_id = ? AND lineage = ?", draft,
        try old.get("lineage", as: Int64.self))
    else { throw StoreError.notFound("målet i udkastet") }
    let newGoalId: Int64 = try target.get("id")
    guard let oldValue = try target.get("target_value", as: Double?.self) else {
      throw RuleViolation(rule: .section2, message: "§2: målet har ingen målværdi at justere")
    }
    let oldDate = try target.get("target_date", as: String?.self)
    try connection.run(
      "UPDATE goal SET target_value = ?, target_date = ? WHERE id = ?", newTargetValue,
      newTargetDate?.sql ?? oldDate, newGoalId)
    try connection.run(
      """
      INSERT INTO target_adjustment (goal_id, old_target_value, new_target_value, old_target_date, new_target_date,
        adjusted_on, reason, is_example)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """, newGoalId, oldValue, newTargetValue, oldDate, newTargetDate?.sql ?? oldDate, date.sql, reason,
      isExample)
    return (draft, newGoalId)
  }
}
