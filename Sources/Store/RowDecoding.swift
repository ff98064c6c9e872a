import Domain
import SQLite

extension Row {
  func date(_ column: String) throws -> CalendarDate? {
    guard let text = try get(column, as: String?.self) else { return nil }
    guard let date = CalendarDate(text) else {
      throw StoreError.invalid("\(column): \(text) er ikke en dato")
    }
    return date
  }

  func requiredDate(_ column: String) throws -> CalendarDate {
    guard let date = try date(column) else { throw StoreError.invalid("\(column) mangler") }
    return date
  }

  func adoption(dateColumn: String = "adopted_on", referenceColumn: String = "meeting_reference") throws
    -> Adoption?
  {
    guard let date = try date(dateColumn) else { return nil }
    return Adoption(adoptedOn: date, meetingReference: try get(referenceColumn, as: String?.self) ?? "")
  }

  func goal(prefix: String = "") throws -> Goal {
    Goal(
      id: try get(prefix + "id"), lineage: try get(prefix + "lineage"),
      position: try get(prefix + "position"),
      title: try get(prefix + "title"), theme: try get(prefix + "theme"),
      goalText: try get(prefix + "goal_text"),
      indicator: try get(prefix + "indicator"), unit: try get(prefix + "unit"),
      baselineValue: try get(prefix + "baseline_value"), baselineDate: try date(prefix + "baseline_date"),
      targetValue: try get(prefix + "target_value"), targetDate: try date(prefix + "target_date"),
      direction: Direction(rawValue: try get(prefix + "direction")) ?? .higher,
      means: try get(prefix + "means"),
      isExample: try get(prefix + "is_example"))
  }

  func contractVersion() throws -> ContractVersion {
    ContractVersion(
      id: try get("id"), municipalityCode: try get("municipality_code"), number: try get("number"),
      basedOn: try get("based_on"), changeNote: try get("change_note"), adoption: try adoption(),
      publishedOn: try date("published_on"),
      isExample: try get("is_example"))
  }

  func targetAdjustment() throws -> TargetAdjustment {
    TargetAdjustment(
      id: try get("id"), goalId: try get("goal_id"), oldTargetValue: try get("old_target_value"),
      newTargetValue: try get("new_target_value"), oldTargetDate: try date("old_target_date"),
      newTargetDate: try date("new_target_date"), adjustedOn: try requiredDate("adjusted_on"),
      reason: try get("reason"))
  }

  func goalStatus(prefix: String = "") throws -> GoalStatus {
    GoalStatus(
      id: try get(prefix + "id"), goalId: try get(prefix + "goal_id"),
      statusText: try get(prefix + "status_text"),
      measuredValue: try get(prefix + "measured_value"), measuredOn: try date(prefix + "measured_on"),
      result: GoalStatus.Result(rawValue: try get(prefix + "result")) ?? .notReached,
      followUpText: try get(prefix + "follow_up_text"))
  }

  func serviceArea() throws -> ServiceArea {
    ServiceArea(
      id: try get("id"), municipalityCode: try get("municipality_code"), name: try get("name"),
      isExample: try get("is_example"))
  }
}

extension CalendarDate {
  /// The text SQLite stores.
  var sql: String { description }
}
