import Domain
import SQLite

extension Store {
  /// A municipality's follow-ups, by budget year.
  public func followUps(municipalityCode: String) throws -> [FollowUpSummary] {
    try read { connection in
      try connection.query(
        "SELECT * FROM follow_up_overview WHERE municipality_code = ? ORDER BY budget_year", municipalityCode
      ).map(Self.followUpSummary)
    }
  }

  /// Every municipality's follow-up for one budget year, by municipality code.
  public func followUps(budgetYear: Int) throws -> [FollowUpSummary] {
    try read { connection in
      try connection.query(
        "SELECT * FROM follow_up_overview WHERE budget_year = ? ORDER BY municipality_code", budgetYear
      ).map(Self.followUpSummary)
    }
  }

  /// One follow-up with its statuses.
  public func followUp(id: Int64) throws -> FollowUp? {
    try read { connection in try Self.followUp(connection, id: id) }
  }

  static func followUp(_ connection: Connection, id: Int64) throws -> FollowUp? {
    guard let row = try connection.queryOne("SELECT * FROM follow_up WHERE id = ?", id) else { return nil }
    let statuses = try connection.query("SELECT * FROM goal_status WHERE follow_up_id = ? ORDER BY id", id)
      .map {
        try $0.goalStatus()
      }
    return FollowUp(
      id: id, municipalityCode: try row.get("municipality_code"), budgetYear: try row.get("budget_year"),
      adoption: try row.adoption(), publishedOn: try row.date("published_on"), statuses: statuses,
      isExample: try row.get("is_example"))
  }

  /// §5 for a follow-up not yet adopted, against the version in force today, named; empty when complete.
  public func problems(followUpId: Int64) throws -> [RuleProblem] {
    try read { connection in
      try connection.query(
        """
        SELECT message, goal_id, field FROM follow_up_problem WHERE follow_up_id = ?
        ORDER BY area_position, area_id, goal_position, goal_id
        """, followUpId
      ).map {
        RuleProblem(
          rule: .section5, message: try $0.get("message"), goalId: try $0.get("goal_id"),
          field: try $0.get("field"))
      }
    }
  }

  static func followUpSummary(_ row: Row) throws -> FollowUpSummary {
    FollowUpSummary(
      id: try row.get("id"), municipalityCode: try row.get("municipality_code"),
      budgetYear: try row.get("budget_year"),
      dueOn: try row.requiredDate("due_on"), adoption: try row.adoption(),
      adoptedLate: try row.get("adopted_late"),
      publicationDeadline: try row.date("publication_deadline"), publishedOn: try row.date("published_on"),
      publishedLate: try row.get("published_late"), isExample: try row.get("is_example"))
  }

  /// §4: the recorded budget adoption dates, by budget year.
  public func budgetAdoptions(municipalityCode: String) throws -> [Int: CalendarDate] {
    try read { connection in
      var result: [Int: CalendarDate] = [:]
      for row in try connection.query(
        "SELECT budget_year, adopted_on FROM budget_adoption WHERE municipality_code = ?", municipalityCode)
      {
        result[try row.get("budget_year")] = try row.requiredDate("adopted_on")
      }
      return result
    }
  }
  // MARK: Compliance

  /// Every municipality's compliance as of `date`, answered by the database in one statement.
  public func compliance(asOf date: CalendarDate) throws -> [ComplianceFinding] {
    try read { connection in
      try connection.query(ComplianceQuery.asOf, date.sql).map(Self.finding)
    }
  }

  static func finding(_ row: Row) throws -> ComplianceFinding {
    let ruleText: String = try row.get("rule")
    guard let rule = ComplianceRule(rawValue: ruleText) else {
      throw StoreError.invalid("ukendt regel \(ruleText)")
    }
    let status: String = try row.get("status")
    let outcome: ComplianceOutcome
    switch status {
    case "met": outcome = .met
    case "failed": outcome = .failed(due: try row.date("due_on"), actual: try row.date("actual_on"))
    case "not_yet_due": outcome = .notYetDue(due: try row.date("due_on"))
    case "not_applicable": outcome = .notApplicable
    default: throw StoreError.invalid("ukendt status \(status)")
    }
    return ComplianceFinding(
      municipalityCode: try row.get("municipality_code"), rule: rule, budgetYear: try row.get("budget_year"),
      outcome: outcome)
  }
}
