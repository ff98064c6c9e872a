/// The questions the ministry asks of every municipality, as of a date.
public enum ComplianceRule: String, Hashable, Sendable, CaseIterable {
  /// §3: a published contract is in force.
  case contractInForce = "contract_in_force"
  /// §8, stk. 2: first contract adopted and published by the calendar's deadline.
  case firstContract = "first_contract"
  /// §2: the version in force has goals with numbers and means for every area.
  case contractComplete = "contract_complete"
  /// §6: every adopted version published within a month.
  case contractPublishedOnTime = "contract_published_on_time"
  /// §4: the follow-up for a budget year adopted no later than the budget.
  case followUpAdoptedOnTime = "follow_up_adopted_on_time"
  /// §5: the follow-up covers every goal in force.
  case followUpComplete = "follow_up_complete"
  /// §6: the follow-up published within a month.
  case followUpPublishedOnTime = "follow_up_published_on_time"

  public var rule: Rule {
    switch self {
    case .contractInForce: return .section3
    case .firstContract: return .section8
    case .contractComplete: return .section2
    case .contractPublishedOnTime, .followUpPublishedOnTime: return .section6
    case .followUpAdoptedOnTime: return .section4
    case .followUpComplete: return .section5
    }
  }
}

public enum ComplianceOutcome: Hashable, Sendable {
  case met
  /// `due` is the deadline that was missed, `actual` when it was done (nil: not done as of the date).
  case failed(due: CalendarDate?, actual: CalendarDate?)
  case notYetDue(due: CalendarDate?)
  case notApplicable
}

public struct ComplianceFinding: Hashable, Sendable {
  public var municipalityCode: String
  public var rule: ComplianceRule
  /// Set for the follow-up rules.
  public var budgetYear: Int?
  public var outcome: ComplianceOutcome

  public init(municipalityCode: String, rule: ComplianceRule, budgetYear: Int?, outcome: ComplianceOutcome) {
    self.municipalityCode = municipalityCode
    self.rule = rule
    self.budgetYear = budgetYear
    self.outcome = outcome
  }
}

/// What compliance needs to know about one municipality (facts with dates after the as-of date are ignored).
public struct ComplianceFacts: Sendable {
  public struct Version: Sendable {
    public var number: Int
    public var adoptedOn: CalendarDate?
    public var publishedOn: CalendarDate?
    /// §2 holds for the version.
    public var complete: Bool

    public init(number: Int, adoptedOn: CalendarDate?, publishedOn: CalendarDate?, complete: Bool) {
      self.number = number
      self.adoptedOn = adoptedOn
      self.publishedOn = publishedOn
      self.complete = complete
    }
  }

  public struct FollowUpFact: Sendable {
    public var budgetYear: Int
    public var adoptedOn: CalendarDate?
    public var publishedOn: CalendarDate?
    /// §5 holds for the follow-up.
    public var complete: Bool

    public init(budgetYear: Int, adoptedOn: CalendarDate?, publishedOn: CalendarDate?, complete: Bool) {
      self.budgetYear = budgetYear
      self.adoptedOn = adoptedOn
      self.publishedOn = publishedOn
      self.complete = complete
    }
  }

  public var municipalityCode: String
  public var versions: [Version]
  public var followUps: [FollowUpFact]
  public var budgetAdoptions: [Int: CalendarDate]

  public init(
    municipalityCode: String, versions: [Version] = [], followUps: [FollowUpFact] = [],
    budgetAdoptions: [Int: CalendarDate] = [:]
  ) {
    self.municipalityCode = municipalityCode
    self.versions = versions
    self.followUps = followUps
    self.budgetAdoptions = budgetAdoptions
  }
}
