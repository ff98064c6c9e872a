/// A paragraph of the regulation (or the delegation ban) that a change or a fact can violate.
public enum Rule: String, Hashable, Sendable, CaseIterable {
  case section2 = "§2"
  case section3 = "§3"
  case section4 = "§4"
  case section5 = "§5"
  case section6 = "§6"
  case section8 = "§8"
  case delegation = "Delegationsforbud"
}

/// Why something cannot be adopted or published, in Danish, starting with the rule.
public struct RuleProblem: Hashable, Sendable, CustomStringConvertible {
  public var rule: Rule
  public var message: String
  /// The goal or area the problem is about, when there is one, so a form can show it next to the field.
  public var goalId: Int64?
  public var field: String?

  public init(rule: Rule, message: String, goalId: Int64? = nil, field: String? = nil) {
    self.rule = rule
    self.message = message
    self.goalId = goalId
    self.field = field
  }

  public var description: String { message }
}

/// The content rules of §2 and §5, the reference for what the database's triggers and views refuse.
public enum ContentRules {
  /// The goal fields §2 requires, with their column name and Danish label, in the order they are reported.
  public static let requiredGoalFields: [(column: String, label: String)] = [
    ("indicator", "indikator"),
    ("unit", "enhed"),
    ("baseline_value", "udgangsværdi"),
    ("baseline_date", "dato for udgangsværdi"),
    ("target_value", "målværdi"),
    ("target_date", "dato for målværdi"),
    ("means", "veje til målet"),
  ]

  /// §2: what stops a version from being adopted or published; empty when it is complete.
  public static func section2Problems(_ version: ContractVersion) -> [RuleProblem] {
    if version.areas.isEmpty {
      return [RuleProblem(rule: .section2, message: "§2: versionen har ingen serviceområder")]
    }
    var problems: [RuleProblem] = []
    for area in version.areas.sorted(by: { ($0.position, $0.id) < ($1.position, $1.id) }) {
      if area.goals.isEmpty {
        problems.append(RuleProblem(rule: .section2, message: "§2: området \(area.name) har ingen mål"))
      }
      for goal in area.goals.sorted(by: { ($0.position, $0.id) < ($1.position, $1.id) }) {
        for field in missingFields(goal) {
          problems.append(
            RuleProblem(
              rule: .section2, message: "§2: målet \"\(goal.title)\" mangler \(field.label)", goalId: goal.id,
              field: field.column))
        }
      }
    }
    return problems
  }

  /// The guidance (seed 001): few goals, at most 2-3 per area. A warning to show, never a refusal.
  public static func guidanceWarnings(_ version: ContractVersion, maximumGoalsPerArea: Int = 3) -> [String] {
    version.areas.sorted(by: { ($0.position, $0.id) < ($1.position, $1.id) })
      .filter { $0.goals.count > maximumGoalsPerArea }
      .map {
        "Vejledningen anbefaler få mål (højst 2-3) pr. serviceområde; \($0.name) har \($0.goals.count)"
      }
  }

  /// §5: what stops a follow-up from being adopted, given the goals of the version in force on its adoption date.
  public static func section5Problems(_ followUp: FollowUp, goalsInForce: [Goal]) -> [RuleProblem] {
    var problems: [RuleProblem] = []
    for goal in goalsInForce {
      guard let status = followUp.statuses.first(where: { $0.goalId == goal.id }), !isBlank(status.statusText)
      else {
        problems.append(
          RuleProblem(
            rule: .section5, message: "§5: målet \"\(goal.title)\" mangler status", goalId: goal.id,
            field: "status_text"))
        continue
      }
      if status.result != .reached && isBlank(status.followUpText) {
        problems.append(
          RuleProblem(
            rule: .section5, message: "§5: målet \"\(goal.title)\" er ikke nået og mangler opfølgning",
            goalId: goal.id, field: "follow_up_text"))
      }
    }
    return problems
  }

  static func missingFields(_ goal: Goal) -> [(column: String, label: String)] {
    let present: [String: Bool] = [
      "indicator": !isBlank(goal.indicator ?? ""),
      "unit": !isBlank(goal.unit ?? ""),
      "baseline_value": goal.baselineValue != nil,
      "baseline_date": goal.baselineDate != nil,
      "target_value": goal.targetValue != nil,
      "target_date": goal.targetDate != nil,
      "means": !isBlank(goal.means),
    ]
    return requiredGoalFields.filter { present[$0.column] != true }
  }

  /// Blank as SQLite's trim() sees it: only spaces, tabs, carriage returns and newlines.
  public static func isBlank(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { " \t\r\n".unicodeScalars.contains($0) }
  }
}
