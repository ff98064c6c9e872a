import Domain

/// A contract version or follow-up as it appears in the list of latest publications.
public struct Publication: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    case contract
    case followUp = "follow_up"
  }

  public var kind: Kind
  public var municipalityCode: String
  public var municipalityName: String
  /// The version number for a contract, the budget year for a follow-up.
  public var number: Int
  public var publishedOn: CalendarDate
  public var publishedLate: Bool
  public var isExample: Bool
}

/// One municipality's goals in one service area, from its version in force.
public struct AreaGoals: Hashable, Sendable {
  public var municipality: Municipality
  public var versionNumber: Int
  public var goals: [Goal]
}

/// A service area with the number of municipalities whose version in force has it.
public struct AreaUse: Hashable, Sendable {
  public var area: ServiceArea
  public var municipalities: Int
}

/// A published follow-up with each status next to the goal it reports on.
public struct FollowUpStatement: Hashable, Sendable {
  public struct Entry: Hashable, Sendable {
    public var areaName: String
    public var goal: Goal
    public var status: GoalStatus
  }

  public var summary: FollowUpSummary
  public var entries: [Entry]
}

/// Everything a municipality's public page shows, read in one snapshot.
public struct MunicipalityOverview: Hashable, Sendable {
  public var municipality: Municipality
  /// The version in force on the date asked about, nil when nothing is published yet.
  public var contract: ContractInForce?
  /// Published follow-ups, by budget year.
  public var followUps: [FollowUpSummary]
  public var publishedVersions: Int
}
