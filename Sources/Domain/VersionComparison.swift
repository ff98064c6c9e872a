/// What changed between two versions of a contract: areas and goals added or removed, goals reworded, targets
/// moved. Goals are matched by lineage, areas by service area.
public struct VersionComparison: Hashable, Sendable {
  public enum Field: String, Hashable, Sendable, CaseIterable {
    case area, title, theme, goalText, indicator, unit, baseline, target, direction, means
  }

  public struct FieldChange: Hashable, Sendable {
    public var field: Field
    public var old: String
    public var new: String
  }

  public enum GoalChange: Hashable, Sendable {
    case added(Goal, area: String)
    case removed(Goal, area: String)
    case changed(old: Goal, new: Goal, area: String, fields: [FieldChange])
  }

  public var addedAreas: [String]
  public var removedAreas: [String]
  public var goals: [GoalChange]

  public var isEmpty: Bool { addedAreas.isEmpty && removedAreas.isEmpty && goals.isEmpty }

  /// Compares `old` with `new`; the goal changes follow the new version's order, removed goals last.
  /// `describe` renders numbers and dates for the field texts (e.g. Danish formatting).
  public init(
    old: ContractVersion, new: ContractVersion,
    describe: (Double?, String?, CalendarDate?) -> String = VersionComparison.plain
  ) {
    let oldAreaIds = Set(old.areas.map(\.serviceAreaId))
    let newAreaIds = Set(new.areas.map(\.serviceAreaId))
    addedAreas = new.areas.filter { !oldAreaIds.contains($0.serviceAreaId) }.map(\.name)
    removedAreas = old.areas.filter { !newAreaIds.contains($0.serviceAreaId) }.map(\.name)

    var oldGoals: [Int64: (goal: Goal, area: String)] = [:]
    for area in old.areas {
      for goal in area.goals { oldGoals[goal.lineage] = (goal, area.name) }
    }
    var changes: [GoalChange] = []
    var seen: Set<Int64> = []
    for area in new.areas {
      for goal in area.goals {
        seen.insert(goal.lineage)
        guard let before = oldGoals[goal.lineage] else {
          changes.append(.added(goal, area: area.name))
          continue
        }
        var fields: [FieldChange] = []
        func compare(_ field: Field, _ a: String, _ b: String) {
          if a != b { fields.append(FieldChange(field: field, old: a, new: b)) }
        }
        compare(.area, before.area, area.name)
        compare(.title, before.goal.title, goal.title)
        compare(.theme, before.goal.theme, goal.theme)
        compare(.goalText, before.goal.goalText, goal.goalText)
        compare(.indicator, before.goal.indicator ?? "", goal.indicator ?? "")
        compare(.unit, before.goal.unit ?? "", goal.unit ?? "")
        compare(
          .baseline, describe(before.goal.baselineValue, before.goal.unit, before.goal.baselineDate),
          describe(goal.baselineValue, goal.unit, goal.baselineDate))
        compare(
          .target, describe(before.goal.targetValue, before.goal.unit, before.goal.targetDate),
          describe(goal.targetValue, goal.unit, goal.targetDate))
        compare(.direction, before.goal.direction.rawValue, goal.direction.rawValue)
        compare(.means, before.goal.means, goal.means)
        if !fields.isEmpty {
          changes.append(.changed(old: before.goal, new: goal, area: area.name, fields: fields))
        }
      }
    }
    for area in old.areas {
      for goal in area.goals where !seen.contains(goal.lineage) {
        changes.append(.removed(goal, area: area.name))
      }
    }
    goals = changes
  }

  /// "90 % by 2013-12-31", without formatting.
  public static func plain(_ value: Double?, _ unit: String?, _ date: CalendarDate?) -> String {
    var text = value.map { "\($0)" } ?? ""
    if let unit, !unit.isEmpty, !text.isEmpty { text += " " + unit }
    if let date { text += (text.isEmpty ? "" : " ") + "by \(date)" }
    return text
  }
}
