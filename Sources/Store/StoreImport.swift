import Domain
import SQLite

/// What `replaceDraftContent` did, for the audit entry and the page that reports the import.
public struct DraftContentReplacement: Hashable, Sendable {
  public var areaCount: Int
  public var goalCount: Int
  /// Goals that continue the lineage (the history citizens follow) of the draft's goal with the same title in
  /// the same service area.
  public var keptLineageCount: Int
  /// Names that matched neither the national list nor the municipality's own areas, created as its own.
  public var createdServiceAreas: [String]
  /// Target adjustments (måljusteringer) recorded in the draft that were removed because the imported goal no
  /// longer has the target they led to (or no goal continues theirs).
  public var removedAdjustmentCount: Int

  public init(
    areaCount: Int, goalCount: Int, keptLineageCount: Int, createdServiceAreas: [String],
    removedAdjustmentCount: Int
  ) {
    self.areaCount = areaCount
    self.goalCount = goalCount
    self.keptLineageCount = keptLineageCount
    self.createdServiceAreas = createdServiceAreas
    self.removedAdjustmentCount = removedAdjustmentCount
  }
}

extension Store {
  /// Replaces every area and goal of the municipality's draft with `areas`, in order, as one transaction (see
  /// `Writer.replaceDraftContent`).
  @discardableResult
  public func replaceDraftContent(
    versionId: Int64, municipalityCode: String, areas: [(serviceAreaName: String, goals: [Goal])],
    isExample: Bool = false
  ) throws -> DraftContentReplacement {
    try write {
      try Writer(connection: $0).replaceDraftContent(
        versionId: versionId, municipalityCode: municipalityCode, areas: areas, isExample: isExample)
    }
  }
}

extension Store.Writer {
  /// Replaces every area and goal of a draft of `municipalityCode` with `areas`, in order (an import).
  ///
  /// Each name is matched, trimmed and ignoring case, to the national list first, then to the municipality's own
  /// areas; a name that matches neither becomes one of its own areas. A goal whose title (trimmed, ignoring case)
  /// equals that of a goal the draft had in the same service area keeps that goal's lineage, so its history
  /// continues; every other goal starts a new lineage. A draft's target adjustments stay with a kept lineage when
  /// the imported target value and date are the ones the adjustment led to; otherwise they are removed.
  ///
  /// The goals are stored as given: the Store accepts an incomplete draft (§2 is checked at adoption). Refuses a
  /// version that is not a draft (§3), another municipality's version, an area named twice or a blank name. In a
  /// `batch`, a later failure undoes all of it.
  @discardableResult
  public func replaceDraftContent(
    versionId: Int64, municipalityCode: String, areas: [(serviceAreaName: String, goals: [Goal])],
    isExample: Bool = false
  ) throws -> DraftContentReplacement {
    guard
      let version = try connection.queryOne(
        "SELECT municipality_code, adopted_on FROM contract_version WHERE id = ?", versionId)
    else { throw StoreError.notFound("version \(versionId)") }
    guard try version.get("municipality_code", as: String.self) == municipalityCode else {
      throw StoreError.invalid("version \(versionId) tilhører en anden kommune")
    }
    guard try version.get("adopted_on", as: String?.self) == nil else {
      throw RuleViolation(
        rule: .section3, message: "§3: en vedtaget version kan ikke ændres; opret en ny version")
    }
    var seen: Set<String> = []
    for area in areas {
      let key = Store.nameKey(area.serviceAreaName)
      guard !key.isEmpty else { throw StoreError.invalid("et serviceområde mangler sit navn") }
      guard seen.insert(key).inserted else {
        throw StoreError.invalid("serviceområdet «\(Store.trimmed(area.serviceAreaName))» står to gange")
      }
    }

    let previous = try previousGoals(versionId: versionId)
    var serviceAreas = try serviceAreaIds(municipalityCode: municipalityCode)
    for areaId in try connection.query(
      "SELECT id FROM contract_version_area WHERE version_id = ?", versionId
    ).map({ try $0.get("id", as: Int64.self) }) {
      try removeArea(versionAreaId: areaId)
    }

    var replacement = DraftContentReplacement(
      areaCount: areas.count, goalCount: 0, keptLineageCount: 0, createdServiceAreas: [],
      removedAdjustmentCount: previous.reduce(0) { $0 + $1.adjustments.count })
    var usedLineages: Set<Int64> = []
    for area in areas {
      let name = Store.trimmed(area.serviceAreaName)
      let serviceAreaId: Int64
      if let known = serviceAreas[Store.nameKey(name)] {
        serviceAreaId = known
      } else {
        serviceAreaId = try addServiceArea(
          name: name, municipalityCode: municipalityCode, isExample: isExample)
        serviceAreas[Store.nameKey(name)] = serviceAreaId
        replacement.createdServiceAreas.append(name)
      }
      let versionAreaId = try addArea(
        versionId: versionId, serviceAreaId: serviceAreaId, isExample: isExample)
      for (index, imported) in area.goals.enumerated() {
        var goal = imported
        goal.isExample = isExample
        goal.position = index + 1
        let titleKey = Store.nameKey(goal.title)
        guard
          let earlier = previous.first(where: {
            $0.serviceAreaId == serviceAreaId && $0.titleKey == titleKey && !usedLineages.contains($0.lineage)
          })
        else {
          try addGoal(versionAreaId: versionAreaId, goal)
          continue
        }
        usedLineages.insert(earlier.lineage)
        replacement.keptLineageCount += 1
        let goalId = try insertGoal(
          versionId: versionId, versionAreaId: versionAreaId, lineage: earlier.lineage, goal)
        if earlier.targetValue == goal.targetValue && earlier.targetDate == goal.targetDate?.sql {
          for (adjustment, adjustmentIsExample) in earlier.adjustments {
            try connection.run(
              """
              INSERT INTO target_adjustment (goal_id, old_target_value, new_target_value, old_target_date,
                new_target_date, adjusted_on, reason, is_example)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)
              """, goalId, adjustment.oldTargetValue, adjustment.newTargetValue,
              adjustment.oldTargetDate?.sql,
              adjustment.newTargetDate?.sql, adjustment.adjustedOn.sql, adjustment.reason, adjustmentIsExample
            )
          }
          replacement.removedAdjustmentCount -= earlier.adjustments.count
        }
      }
      replacement.goalCount += area.goals.count
    }
    return replacement
  }

  private struct PreviousGoal {
    var lineage: Int64
    var serviceAreaId: Int64
    var titleKey: String
    var targetValue: Double?
    var targetDate: String?
    /// Read before the goals (and with them their adjustments) are removed.
    var adjustments: [(TargetAdjustment, isExample: Bool)]
  }

  private func previousGoals(versionId: Int64) throws -> [PreviousGoal] {
    let adjustments = Dictionary(
      grouping: try connection.query(
        """
        SELECT t.*, g.lineage FROM target_adjustment t JOIN goal g ON g.id = t.goal_id
        WHERE g.version_id = ? ORDER BY t.id
        """, versionId
      ).map { row in
        (
          lineage: try row.get("lineage", as: Int64.self),
          adjustment: (try row.targetAdjustment(), isExample: try row.get("is_example", as: Bool.self))
        )
      },
      by: \.lineage)
    return try connection.query(
      """
      SELECT g.lineage, a.service_area_id, g.title, g.target_value, g.target_date FROM goal g
      JOIN contract_version_area a ON a.id = g.version_area_id
      WHERE g.version_id = ? ORDER BY a.position, g.position, g.id
      """, versionId
    ).map { row in
      let lineage: Int64 = try row.get("lineage")
      return PreviousGoal(
        lineage: lineage, serviceAreaId: try row.get("service_area_id"),
        titleKey: Store.nameKey(try row.get("title", as: String.self)),
        targetValue: try row.get("target_value"), targetDate: try row.get("target_date"),
        adjustments: adjustments[lineage]?.map(\.adjustment) ?? [])
    }
  }

  /// The national list's areas, then the municipality's own where no national one has the name.
  private func serviceAreaIds(municipalityCode: String) throws -> [String: Int64] {
    var ids: [String: Int64] = [:]
    for row in try connection.query(
      """
      SELECT id, name FROM service_area WHERE municipality_code IS NULL OR municipality_code = ?
      ORDER BY municipality_code IS NOT NULL, id
      """, municipalityCode)
    {
      let key = Store.nameKey(try row.get("name", as: String.self))
      if ids[key] == nil { ids[key] = try row.get("id", as: Int64.self) }
    }
    return ids
  }

  /// Like `addGoal`, but continuing an existing lineage at the goal's position.
  private func insertGoal(versionId: Int64, versionAreaId: Int64, lineage: Int64, _ goal: Goal) throws
    -> Int64
  {
    try connection.run(
      """
      INSERT INTO goal (version_id, version_area_id, lineage, position, title, theme, goal_text, indicator, unit,
        baseline_value, baseline_date, target_value, target_date, direction, means, is_example)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      arguments: [versionId, versionAreaId, lineage, goal.position] + Store.goalContent(goal) + [
        goal.isExample
      ])
    return connection.lastInsertRowID
  }
}

extension Store {
  /// How import matches names: trimmed, ignoring case.
  static func nameKey(_ name: String) -> String { trimmed(name).lowercased() }

  static func trimmed(_ text: String) -> String {
    guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
    return String(text[first...text.lastIndex(where: { !$0.isWhitespace })!])
  }
}
