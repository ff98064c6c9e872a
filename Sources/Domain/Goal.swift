public enum Direction: String, Hashable, Sendable, CaseIterable {
  case higher
  case lower
}

/// A quantifiable goal (mål) of one service area in one contract version.
public struct Goal: Hashable, Sendable {
  public var id: Int64
  /// Stays the same when the goal is copied into a new version.
  public var lineage: Int64
  public var position: Int
  public var title: String
  public var theme: String
  public var goalText: String
  public var indicator: String?
  public var unit: String?
  public var baselineValue: Double?
  public var baselineDate: CalendarDate?
  public var targetValue: Double?
  public var targetDate: CalendarDate?
  public var direction: Direction
  public var means: String
  public var isExample: Bool

  public init(
    id: Int64 = 0, lineage: Int64 = 0, position: Int = 0, title: String, theme: String = "",
    goalText: String = "", indicator: String? = nil, unit: String? = nil, baselineValue: Double? = nil,
    baselineDate: CalendarDate? = nil, targetValue: Double? = nil, targetDate: CalendarDate? = nil,
    direction: Direction = .higher, means: String = "", isExample: Bool = false
  ) {
    self.id = id
    self.lineage = lineage
    self.position = position
    self.title = title
    self.theme = theme
    self.goalText = goalText
    self.indicator = indicator
    self.unit = unit
    self.baselineValue = baselineValue
    self.baselineDate = baselineDate
    self.targetValue = targetValue
    self.targetDate = targetDate
    self.direction = direction
    self.means = means
    self.isExample = isExample
  }
}

/// Måljustering: a target changed after adoption, with the reason citizens see.
public struct TargetAdjustment: Hashable, Sendable {
  public var id: Int64
  public var goalId: Int64
  public var oldTargetValue: Double
  public var newTargetValue: Double
  public var oldTargetDate: CalendarDate?
  public var newTargetDate: CalendarDate?
  public var adjustedOn: CalendarDate
  public var reason: String

  public init(
    id: Int64 = 0, goalId: Int64, oldTargetValue: Double, newTargetValue: Double,
    oldTargetDate: CalendarDate? = nil, newTargetDate: CalendarDate? = nil, adjustedOn: CalendarDate,
    reason: String
  ) {
    self.id = id
    self.goalId = goalId
    self.oldTargetValue = oldTargetValue
    self.newTargetValue = newTargetValue
    self.oldTargetDate = oldTargetDate
    self.newTargetDate = newTargetDate
    self.adjustedOn = adjustedOn
    self.reason = reason
  }
}
