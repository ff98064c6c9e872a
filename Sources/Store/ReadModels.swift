import Domain

/// A municipality's contract as citizens see it: the version in force with its areas and goals, each goal's
/// target adjustments (over its whole lineage, up to this version) and its latest published status.
public struct ContractInForce: Hashable, Sendable {
  public var version: ContractVersion
  /// By goal lineage, oldest first.
  public var adjustments: [Int64: [TargetAdjustment]]
  /// By goal lineage: every status given in a published follow-up, oldest budget year first.
  public var statuses: [Int64: [LatestStatus]]
  public var recommendations: [CommitteeRecommendation]

  /// By goal lineage: the status in the latest published follow-up.
  public var latestStatuses: [Int64: LatestStatus] { statuses.compactMapValues(\.last) }
}

public struct LatestStatus: Hashable, Sendable {
  public var followUpId: Int64
  public var budgetYear: Int
  public var status: GoalStatus

  public init(followUpId: Int64, budgetYear: Int, status: GoalStatus) {
    self.followUpId = followUpId
    self.budgetYear = budgetYear
    self.status = status
  }
}

/// One step in a goal's history: the goal as it stood in one version.
public struct GoalHistoryEntry: Hashable, Sendable {
  public var versionId: Int64
  public var versionNumber: Int
  public var adoption: Adoption?
  public var publishedOn: CalendarDate?
  public var goal: Goal
  public var adjustments: [TargetAdjustment]
  /// Statuses given to this goal, by budget year, oldest first.
  public var statuses: [LatestStatus]
}

/// A follow-up with its deadlines and flags (§4 due date, §6 publication deadline), without statuses.
public struct FollowUpSummary: Hashable, Sendable {
  public var id: Int64
  public var municipalityCode: String
  public var budgetYear: Int
  public var dueOn: CalendarDate
  public var adoption: Adoption?
  /// nil until adopted.
  public var adoptedLate: Bool?
  public var publicationDeadline: CalendarDate?
  public var publishedOn: CalendarDate?
  public var publishedLate: Bool?
  public var isExample: Bool
}
