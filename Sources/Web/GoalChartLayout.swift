import Domain

/// Where everything of one goal chart goes in its view box (0 0 320 176): the plot area, the two scales, the value
/// labels and the years along the time axis.
struct GoalChartLayout {
  static let plotTop = 12.0
  static let plotBottom = 128.0
  static let axisRight = 314.0
  static let yearLabelBaseline = 142.0
  static let legendBaseline = 167.0
  /// Room between the axes and the first and last dates, so markers never sit on an axis.
  static let inset = 10.0
  /// A generous average width of a character at font size 10 (digits are 5.56 in common sans-serif fonts).
  static let characterWidth = 5.8

  let values: GoalChartValueScale
  let times: GoalChartTimeScale
  let axisLeft: Double
  /// The gridline values with their labels.
  let gridLabels: [(value: Double, text: String)]

  /// Nil when nothing can be placed: no baseline, target or measurement.
  init?(_ progress: GoalProgress) {
    var numbers: [Double] = []
    var dates: [CalendarDate] = []
    for point in [progress.baseline, progress.target].compactMap({ $0 }) {
      numbers.append(point.value)
      dates.append(point.date)
    }
    for measurement in progress.measurements {
      numbers.append(measurement.value)
      dates.append(measurement.date)
    }
    guard !numbers.isEmpty else { return nil }
    for adjustment in progress.adjustments {
      dates.append(adjustment.adjustedOn)
      if let marker = GoalChartLayout.oldTargetPoint(adjustment, progress) {
        numbers.append(marker.value)
        dates.append(marker.date)
      }
    }
    let unit = progress.unit?.trimmingWhitespace ?? ""
    values = GoalChartValueScale(
      values: numbers, isPercent: unit == "%" || unit.lowercased() == "procent")
    times = GoalChartTimeScale(dates: dates)
    // Short units ("%", "kr.", "dage") go on the labels; longer ones are in the text alternative only.
    let labelUnit = unit.count <= 4 ? unit : nil
    let scale = values
    gridLabels = scale.gridValues.map {
      ($0, DanishNumber.format($0, unit: labelUnit, maximumFractionDigits: scale.fractionDigits))
    }
    let widest = gridLabels.map(\.text.count).max() ?? 0
    axisLeft = min(max(Double(widest) * GoalChartLayout.characterWidth + 8, 28), 110)
  }

  /// Where an adjustment's old target is drawn: at its old date, else the current target date, else the day of
  /// the adjustment. Nil when the old value is not a finite number.
  static func oldTargetPoint(_ adjustment: TargetAdjustment, _ progress: GoalProgress) -> GoalProgress.Point?
  {
    guard adjustment.oldTargetValue.isFinite else { return nil }
    let date = adjustment.oldTargetDate ?? progress.target?.date ?? adjustment.adjustedOn
    return GoalProgress.Point(date: date, value: adjustment.oldTargetValue)
  }

  func x(_ date: CalendarDate) -> Double {
    let left = axisLeft + GoalChartLayout.inset
    let right = GoalChartLayout.axisRight - GoalChartLayout.inset
    return left + (right - left) * times.fraction(date)
  }

  func y(_ value: Double) -> Double {
    let fraction = (value - values.low) / (values.high - values.low)
    return GoalChartLayout.plotBottom - (GoalChartLayout.plotBottom - GoalChartLayout.plotTop) * fraction
  }

  /// The years along the time axis: a tick at each 1 January inside it, and labels centred in each year's part
  /// when a year is wide enough, else at the ticks of every 2nd, 5th, 10th … year.
  var years: (ticks: [Double], labels: [(x: Double, year: Int)]) {
    let labelWidth = 4 * GoalChartLayout.characterWidth + 6
    var ticks: [Double] = []
    var boundaries: [(x: Double, year: Int)] = []
    for year in (times.start.year + 1)...max(times.end.year, times.start.year + 1) {
      guard let newYear = CalendarDate(year: year, month: 1, day: 1), newYear <= times.end else { continue }
      ticks.append(x(newYear))
      boundaries.append((x(newYear), year))
    }
    let yearWidth = (x(times.end) - x(times.start)) * 365.25 / Double(max(times.start.days(to: times.end), 1))
    if yearWidth >= labelWidth {
      var labels: [(x: Double, year: Int)] = []
      var segmentStart = x(times.start)
      var year = times.start.year
      for boundary in boundaries + [(x(times.end), times.end.year + 1)] {
        if boundary.x - segmentStart >= labelWidth { labels.append(((segmentStart + boundary.x) / 2, year)) }
        segmentStart = boundary.x
        year = boundary.year
      }
      if labels.isEmpty { labels.append(((x(times.start) + x(times.end)) / 2, times.start.year)) }
      return (ticks, labels)
    }
    var every = 1
    for candidate in [2, 5, 10, 20, 50, 100, 200, 500, 1000] {
      every = candidate
      if Double(candidate) * yearWidth >= labelWidth { break }
    }
    return (ticks, boundaries.filter { $0.year % every == 0 })
  }
}
