/// How far a goal has come: its baseline, the target in force, the straight line between them, the target
/// adjustments and the measurements of the yearly follow-ups. Pure; the badge and the chart are read from it.
///
/// The line runs from the baseline to the *current* target (the target after every adjustment, which is what
/// `Goal.targetValue`/`targetDate` hold in a version). An adjustment therefore changes the line that every
/// measurement, old or new, is judged against; `adjustments` are kept to show citizens what changed.
public struct GoalProgress: Hashable, Sendable {
  /// A value on a date: the baseline or a target.
  public struct Point: Hashable, Sendable {
    public var date: CalendarDate
    public var value: Double

    public init(date: CalendarDate, value: Double) {
      self.date = date
      self.value = value
    }
  }

  /// One measured value, from the follow-up statement of `budgetYear`.
  public struct Measurement: Hashable, Sendable {
    public var date: CalendarDate
    public var value: Double
    public var budgetYear: Int

    public init(date: CalendarDate, value: Double, budgetYear: Int) {
      self.date = date
      self.value = value
      self.budgetYear = budgetYear
    }

    /// The status's measured value and date; nil when it lacks either.
    public init?(_ status: GoalStatus, budgetYear: Int) {
      guard let value = status.measuredValue, let date = status.measuredOn else { return nil }
      self.init(date: date, value: value, budgetYear: budgetYear)
    }
  }

  /// Nil when the value or the date is missing or the value is not a finite number.
  public let baseline: Point?
  /// The target in force (after every adjustment); nil like `baseline`.
  public let target: Point?
  public let direction: Direction
  public let unit: String?
  /// Sorted by date (ties: by id, then as given).
  public let adjustments: [TargetAdjustment]
  /// Sorted by date (ties: by budget year, then as given); values that are not finite numbers are left out.
  public let measurements: [Measurement]

  public init(
    baseline: Point?, target: Point?, direction: Direction, unit: String? = nil,
    adjustments: [TargetAdjustment] = [], measurements: [Measurement] = []
  ) {
    self.baseline = baseline.flatMap { $0.value.isFinite ? $0 : nil }
    self.target = target.flatMap { $0.value.isFinite ? $0 : nil }
    self.direction = direction
    self.unit = unit
    // Nearly always they come in order, and a stable sort would give them back as they are.
    func inOrder<T>(_ items: [T], _ key: (T) -> (CalendarDate, Int64)) -> Bool {
      items.indices.dropFirst().allSatisfy { index in !(key(items[index]) < key(items[index - 1])) }
    }
    self.adjustments =
      inOrder(adjustments, { ($0.adjustedOn, $0.id) })
      ? adjustments
      : adjustments.enumerated().sorted {
        ($0.element.adjustedOn, $0.element.id, $0.offset) < ($1.element.adjustedOn, $1.element.id, $1.offset)
      }.map(\.element)
    self.measurements =
      measurements.allSatisfy { $0.value.isFinite }
        && inOrder(measurements, { ($0.date, Int64($0.budgetYear)) })
      ? measurements
      : measurements.enumerated().filter { $0.element.value.isFinite }.sorted {
        ($0.element.date, $0.element.budgetYear, $0.offset) < (
          $1.element.date, $1.element.budgetYear, $1.offset
        )
      }.map(\.element)
  }

  /// The goal's own numbers: baseline and (current) target, direction and unit.
  public init(goal: Goal, adjustments: [TargetAdjustment] = [], measurements: [Measurement] = []) {
    func point(_ date: CalendarDate?, _ value: Double?) -> Point? {
      guard let date, let value else { return nil }
      return Point(date: date, value: value)
    }
    self.init(
      baseline: point(goal.baselineDate, goal.baselineValue),
      target: point(goal.targetDate, goal.targetValue),
      direction: goal.direction, unit: goal.unit, adjustments: adjustments, measurements: measurements)
  }

  /// The latest measurement, the one the badge is judged on.
  public var latest: Measurement? { measurements.last }

  /// The straight line from the baseline to the target, evaluated on `date`; nil without both.
  ///
  /// Outside the line it is flat: the baseline value up to the baseline date, the target value from the target
  /// date on. When the target date is not after the baseline date the line is a step: the target value from the
  /// target date, the baseline value before it.
  public func expectedValue(on date: CalendarDate) -> Double? {
    guard let baseline, let target else { return nil }
    if date >= target.date { return target.value }
    if date <= baseline.date { return baseline.value }
    // Here baseline.date < date < target.date, so the span is at least two days.
    let fraction = Double(baseline.date.days(to: date)) / Double(baseline.date.days(to: target.date))
    return baseline.value + (target.value - baseline.value) * fraction
  }

  /// Whether `value` is at least as good as `reference` in the goal's direction. Values within a relative
  /// 1e-9 of each other count as equal, so a line computed to 83.99999999 still lets 84 count as on it.
  public func meets(_ value: Double, _ reference: Double) -> Bool {
    let tolerance = 1e-9 * max(1, value.magnitude, reference.magnitude)
    switch direction {
    case .higher: return value >= reference - tolerance
    case .lower: return value <= reference + tolerance
    }
  }
}
