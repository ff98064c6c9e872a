import Domain
import SQLite

extension Store {
  /// §4: the follow-up for a budget year (one per municipality and year).
  @discardableResult
  public func createFollowUp(municipalityCode: String, budgetYear: Int, isExample: Bool = false) throws
    -> Int64
  {
    try write {
      try Writer(connection: $0).createFollowUp(
        municipalityCode: municipalityCode, budgetYear: budgetYear, isExample: isExample)
    }
  }

  /// §5: sets (or replaces) the status of one goal in a follow-up not yet adopted.
  @discardableResult
  public func setStatus(followUpId: Int64, _ status: GoalStatus, isExample: Bool = false) throws -> Int64 {
    try write { try Writer(connection: $0).setStatus(followUpId: followUpId, status, isExample: isExample) }
  }

  public func removeStatus(followUpId: Int64, goalId: Int64) throws {
    try write { try Writer(connection: $0).removeStatus(followUpId: followUpId, goalId: goalId) }
  }

  /// Removes a follow-up not yet adopted.
  public func discardFollowUp(id: Int64) throws {
    try write { try Writer(connection: $0).discardFollowUp(id: id) }
  }

  /// §4/§5: the council adopts the follow-up; every goal of the version in force on the adoption date needs a
  /// status, and each goal not reached a follow-up text. Late adoption is recorded (adopted_late), never refused.
  public func adoptFollowUp(id: Int64, _ adoption: Adoption) throws {
    try write { try Writer(connection: $0).adoptFollowUp(id: id, adoption) }
  }

  /// §6: publishes an adopted follow-up; late publication is recorded (published_late), never refused.
  public func publishFollowUp(id: Int64, on date: CalendarDate) throws {
    try write { try Writer(connection: $0).publishFollowUp(id: id, on: date) }
  }

  /// The §5 problems named by the Domain rule, against the version in force on `date`.
  static func section5Problems(_ connection: Connection, followUpId: Int64, on date: CalendarDate) throws
    -> [RuleProblem]
  {
    guard let followUp = try followUp(connection, id: followUpId) else { return [] }
    guard
      let versionId = try connection.scalar(
        """
        SELECT id FROM contract_version WHERE municipality_code = ? AND published_on <= ?
        ORDER BY published_on DESC, number DESC LIMIT 1
        """, followUp.municipalityCode, date.sql, as: Int64.self)
    else { return [] }
    let goals = try areas(connection, versionId: versionId).flatMap(\.goals)
    return ContentRules.section5Problems(followUp, goalsInForce: goals)
  }

  // MARK: Budget dates and the rule calendar

  /// §4: the date the council adopted (or adopts) the budget for `budgetYear`; nil removes it (15 October applies).
  public func setBudgetAdoption(
    municipalityCode: String, budgetYear: Int, adoptedOn: CalendarDate?, isExample: Bool = false
  ) throws {
    try write {
      try Writer(connection: $0).setBudgetAdoption(
        municipalityCode: municipalityCode, budgetYear: budgetYear, adoptedOn: adoptedOn, isExample: isExample
      )
    }
  }

  /// The ministry changes the §8 dates, the end of the duty or the default due day; compliance follows.
  public func setRuleCalendar(_ calendar: RuleCalendar) throws {
    try write { try Writer(connection: $0).setRuleCalendar(calendar) }
  }
}

extension Store.Writer {
  /// §4: the follow-up for a budget year (one per municipality and year).
  @discardableResult
  public func createFollowUp(municipalityCode: String, budgetYear: Int, isExample: Bool = false) throws
    -> Int64
  {
    try connection.run(
      "INSERT INTO follow_up (municipality_code, budget_year, is_example) VALUES (?, ?, ?)",
      municipalityCode,
      budgetYear, isExample)
    return connection.lastInsertRowID
  }

  /// §5: sets (or replaces) the status of one goal in a follow-up not yet adopted.
  @discardableResult
  public func setStatus(followUpId: Int64, _ status: GoalStatus, isExample: Bool = false) throws -> Int64 {
    try connection.run(
      """
      INSERT INTO goal_status (follow_up_id, goal_id, status_text, measured_value, measured_on, result,
        follow_up_text, is_example)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (follow_up_id, goal_id) DO UPDATE SET status_text = excluded.status_text,
        measured_value = excluded.measured_value, measured_on = excluded.measured_on, result = excluded.result,
        follow_up_text = excluded.follow_up_text
      """, followUpId, status.goalId, status.statusText, status.measuredValue, status.measuredOn?.sql,
      status.result.rawValue, status.followUpText, isExample)
    return try connection.scalar(
      "SELECT id FROM goal_status WHERE follow_up_id = ? AND goal_id = ?", followUpId, status.goalId,
      as: Int64.self) ?? 0
  }

  public func removeStatus(followUpId: Int64, goalId: Int64) throws {
    try connection.run("DELETE FROM goal_status WHERE follow_up_id = ? AND goal_id = ?", followUpId, goalId)
  }

  /// Removes a follow-up not yet adopted.
  public func discardFollowUp(id: Int64) throws {
    try connection.run("DELETE FROM follow_up WHERE id = ? AND adopted_on IS NULL", id)
    if connection.changes == 0 {
      throw RuleViolation(
        rule: .section3, message: "§3: kun en ikke vedtaget opfølgningsredegørelse kan kasseres")
    }
  }

  /// §4/§5: the council adopts the follow-up; every goal of the version in force on the adoption date needs a
  /// status, and each goal not reached a follow-up text. Late adoption is recorded (adopted_late), never refused.
  public func adoptFollowUp(id: Int64, _ adoption: Adoption) throws {
    do {
      try connection.run(
        "UPDATE follow_up SET adopted_on = ?, meeting_reference = ? WHERE id = ?", adoption.adoptedOn.sql,
        adoption.meetingReference, id)
    } catch let error as SQLiteError {
      guard let violation = RuleViolation(error), violation.rule == .section5 else { throw error }
      let problems = try Store.section5Problems(connection, followUpId: id, on: adoption.adoptedOn)
      throw RuleViolation(
        rule: .section5, message: problems.first?.message ?? violation.message, problems: problems)
    }
    if connection.changes == 0 { throw StoreError.notFound("opfølgningsredegørelse \(id)") }
  }

  /// §6: publishes an adopted follow-up; late publication is recorded (published_late), never refused.
  public func publishFollowUp(id: Int64, on date: CalendarDate) throws {
    try connection.run("UPDATE follow_up SET published_on = ? WHERE id = ?", date.sql, id)
    if connection.changes == 0 { throw StoreError.notFound("opfølgningsredegørelse \(id)") }
  }

  // MARK: Budget dates and the rule calendar

  /// §4: the date the council adopted (or adopts) the budget for `budgetYear`; nil removes it (15 October applies).
  public func setBudgetAdoption(
    municipalityCode: String, budgetYear: Int, adoptedOn: CalendarDate?, isExample: Bool = false
  ) throws {
    if let adoptedOn {
      try connection.run(
        """
        INSERT INTO budget_adoption (municipality_code, budget_year, adopted_on, is_example) VALUES (?, ?, ?, ?)
        ON CONFLICT (municipality_code, budget_year) DO UPDATE SET adopted_on = excluded.adopted_on
        """, municipalityCode, budgetYear, adoptedOn.sql, isExample)
    } else {
      try connection.run(
        "DELETE FROM budget_adoption WHERE municipality_code = ? AND budget_year = ?", municipalityCode,
        budgetYear)
    }
  }

  /// The ministry changes the §8 dates, the end of the duty or the default due day; compliance follows.
  public func setRuleCalendar(_ calendar: RuleCalendar) throws {
    let values: [(String, String)] = [
      ("first_contract_deadline", calendar.firstContractDeadline.sql),
      ("first_follow_up_budget_year", String(calendar.firstFollowUpBudgetYear)),
      ("duty_ends_on", calendar.dutyEndsOn.sql),
      ("follow_up_default_due", calendar.followUpDefaultDue.description),
    ]
    for (key, value) in values {
      try connection.run("UPDATE rule_calendar SET value = ? WHERE key = ?", value, key)
    }
  }
}
