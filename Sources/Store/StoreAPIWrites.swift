import Domain
import SQLite

/// Reads inside a write API transaction (they see its own writes), so that the answer and the audit entry show the
/// object as stored.
extension Store.Writer {
  /// The id of the municipality's version with this number.
  public func versionId(municipalityCode: String, number: Int) throws -> Int64? {
    try connection.scalar(
      "SELECT id FROM contract_version WHERE municipality_code = ? AND number = ?", municipalityCode, number,
      as: Int64.self)
  }

  /// The id of the municipality's draft, if any.
  public func draftId(municipalityCode: String) throws -> Int64? {
    try connection.scalar(
      "SELECT id FROM contract_version WHERE municipality_code = ? AND adopted_on IS NULL", municipalityCode,
      as: Int64.self)
  }

  /// §2: what stops the version from being adopted.
  public func problems(versionId: Int64) throws -> [RuleProblem] {
    try Store.problems(connection, versionId: versionId)
  }

  public func recommendations(versionId: Int64) throws -> [CommitteeRecommendation] {
    try Store.recommendations(connection, column: "version_id", id: versionId)
  }

  public func recommendations(followUpId: Int64) throws -> [CommitteeRecommendation] {
    try Store.recommendations(connection, column: "follow_up_id", id: followUpId)
  }

  /// The follow-up of the budget year with its due date and deadlines.
  public func followUpSummary(municipalityCode: String, budgetYear: Int) throws -> FollowUpSummary? {
    try connection.queryOne(
      "SELECT * FROM follow_up_overview WHERE municipality_code = ? AND budget_year = ?", municipalityCode,
      budgetYear
    ).map(Store.followUpSummary)
  }

  public func followUp(id: Int64) throws -> FollowUp? {
    try Store.followUp(connection, id: id)
  }

  public func budgetAdoption(municipalityCode: String, budgetYear: Int) throws -> CalendarDate? {
    try connection.queryOne(
      "SELECT adopted_on FROM budget_adoption WHERE municipality_code = ? AND budget_year = ?",
      municipalityCode,
      budgetYear
    )?.date("adopted_on")
  }
}
