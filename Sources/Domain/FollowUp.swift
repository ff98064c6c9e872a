/// Opfølgningsredegørelse: per municipality and budget year.
public struct FollowUp: Hashable, Sendable {
  public var id: Int64
  public var municipalityCode: String
  public var budgetYear: Int
  public var adoption: Adoption?
  public var publishedOn: CalendarDate?
  public var statuses: [GoalStatus]
  public var isExample: Bool

  public init(
    id: Int64 = 0, municipalityCode: String, budgetYear: Int, adoption: Adoption? = nil,
    publishedOn: CalendarDate? = nil, statuses: [GoalStatus] = [], isExample: Bool = false
  ) {
    self.id = id
    self.municipalityCode = municipalityCode
    self.budgetYear = budgetYear
    self.adoption = adoption
    self.publishedOn = publishedOn
    self.statuses = statuses
    self.isExample = isExample
  }
}

/// §5: how far the municipality has come with one goal, and how it follows up when not reached.
public struct GoalStatus: Hashable, Sendable {
  public enum Result: String, Hashable, Sendable, CaseIterable {
    case reached
    case partly
    case notReached = "not_reached"
  }

  public var id: Int64
  public var goalId: Int64
  public var statusText: String
  public var measuredValue: Double?
  public var measuredOn: CalendarDate?
  public var result: Result
  public var followUpText: String

  public init(
    id: Int64 = 0, goalId: Int64, statusText: String, measuredValue: Double? = nil,
    measuredOn: CalendarDate? = nil, result: Result, followUpText: String = ""
  ) {
    self.id = id
    self.goalId = goalId
    self.statusText = statusText
    self.measuredValue = measuredValue
    self.measuredOn = measuredOn
    self.result = result
    self.followUpText = followUpText
  }
}

/// The dates of §8 and the end of the duty; data the ministry can change, not constants.
public struct RuleCalendar: Hashable, Sendable {
  public var firstContractDeadline: CalendarDate
  public var firstFollowUpBudgetYear: Int
  public var dutyEndsOn: CalendarDate
  public var followUpDefaultDue: MonthDay

  public init(
    firstContractDeadline: CalendarDate, firstFollowUpBudgetYear: Int, dutyEndsOn: CalendarDate,
    followUpDefaultDue: MonthDay
  ) {
    self.firstContractDeadline = firstContractDeadline
    self.firstFollowUpBudgetYear = firstFollowUpBudgetYear
    self.dutyEndsOn = dutyEndsOn
    self.followUpDefaultDue = followUpDefaultDue
  }

  /// The calendar of the 2009 regulation and the 2013 modernisation agreement.
  public static let regulation = RuleCalendar(
    firstContractDeadline: CalendarDate(year: 2010, month: 7, day: 1)!, firstFollowUpBudgetYear: 2012,
    dutyEndsOn: CalendarDate(year: 2013, month: 1, day: 1)!, followUpDefaultDue: MonthDay(month: 10, day: 15))
}
