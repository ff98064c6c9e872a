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
  /// The room a year label ("2013") needs.
  static let yearLabelWidth = 4 * characterWidth + 6

  let values: GoalChartValueScale
  let times: GoalChartTimeScale
  let axisLeft: Double
  /// The unit after each gridline value: short units ("%", "kr.", "dage") only, longer ones are in the text
  /// alternative only; nil for none.
  let labelUnit: String?

  /// Nil when nothing can be placed: no baseline, target or measurement.
  init?(_ progress: GoalProgress) {
    var found = false
    var minimum = 0.0
    var maximum = 0.0
    var earliest = CalendarDate(year: 1, month: 1, day: 1)!
    var latest = earliest
    func include(_ value: Double, _ date: CalendarDate) {
      if found {
        minimum = min(minimum, value)
        maximum = max(maximum, value)
        earliest = min(earliest, date)
        latest = max(latest, date)
      } else {
        found = true
        (minimum, maximum, earliest, latest) = (value, value, date, date)
      }
    }
    if let baseline = progress.baseline { include(baseline.value, baseline.date) }
    if let target = progress.target { include(target.value, target.date) }
    for measurement in progress.measurements { include(measurement.value, measurement.date) }
    guard found else { return nil }
    for adjustment in progress.adjustments {
      earliest = min(earliest, adjustment.adjustedOn)
      latest = max(latest, adjustment.adjustedOn)
      if let marker = GoalChartLayout.oldTargetPoint(adjustment, progress) {
        include(marker.value, marker.date)
      }
    }
    let unit = progress.unit?.trimmingWhitespace ?? ""
    // Only a 7-byte unit can be "procent" in any case, so most units are never lowercased.
    let isPercent = unit == "%" || (unit.utf8.count == 7 && unit.lowercased() == "procent")
    values = GoalChartValueScale(minimum: minimum, maximum: maximum, isPercent: isPercent)
    times = GoalChartTimeScale(earliest: earliest, latest: latest)
    let labelUnit = !unit.isEmpty && (unit.utf8.count <= 4 || unit.count <= 4) ? unit : nil
    self.labelUnit = labelUnit
    // The widest label in characters: the number (ASCII) and " unit".
    var unitWidth = 0
    if let labelUnit {
      let isPrintableASCII = labelUnit.utf8.allSatisfy { (0x20..<0x7F).contains($0) }
      unitWidth = isPrintableASCII ? 1 + labelUnit.utf8.count : (" " + labelUnit).count
    }
    let scale = values
    let widest = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DanishNumber.maximumByteCount) {
      scratch in
      var widest = 0
      for multiple in scale.gridMultiples {
        let digits = DanishNumber.write(
          multiple * scale.step, maximumFractionDigits: scale.fractionDigits, to: scratch.baseAddress!)
        widest = max(widest, GoalChartLayout.characters(scratch.baseAddress!, digits) + unitWidth)
      }
      return widest
    }
    axisLeft = min(max(Double(widest) * GoalChartLayout.characterWidth + 8, 28), 110)
  }

  /// Characters in `count` bytes of a written number: ASCII but for the "–" of a non-finite one.
  private static func characters(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    var characters = 0
    for index in 0..<count where bytes[index] & 0xC0 != 0x80 { characters += 1 }
    return characters
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
    x(daysFromStart: times.start.days(to: date))
  }

  /// Where the day `days` after the time axis's start lies.
  func x(daysFromStart days: Int) -> Double {
    let left = axisLeft + GoalChartLayout.inset
    let right = GoalChartLayout.axisRight - GoalChartLayout.inset
    return left + (right - left) * (Double(days) / times.days)
  }

  func y(_ value: Double) -> Double {
    let fraction = (value - values.low) / (values.high - values.low)
    return GoalChartLayout.plotBottom - (GoalChartLayout.plotBottom - GoalChartLayout.plotTop) * fraction
  }

  /// Each 1 January inside the time axis (a tick), from the earliest: its year and x.
  func newYears(_ body: (_ year: Int, _ x: Double) -> Void) {
    let start = times.start
    let total = start.days(to: times.end)
    let last = max(times.end.year, start.year + 1)
    guard start.year + 1 <= 9999, let first = CalendarDate(year: start.year + 1, month: 1, day: 1) else {
      return
    }
    var days = start.days(to: first)
    for year in (start.year + 1)...last {
      guard days <= total, year <= 9999 else { return }
      body(year, x(daysFromStart: days))
      days += CalendarDate.isLeapYear(year) ? 366 : 365
    }
  }

  /// The years along the time axis, from the earliest: labels centred in each year's part when a year is wide
  /// enough, else at the ticks of every 2nd, 5th, 10th … year.
  func yearLabels(_ body: (_ year: Int, _ x: Double) -> Void) {
    let labelWidth = GoalChartLayout.yearLabelWidth
    let startX = x(daysFromStart: 0)
    let endX = x(times.end)
    let yearWidth = (endX - startX) * 365.25 / Double(max(times.start.days(to: times.end), 1))
    if yearWidth >= labelWidth {
      var segmentStart = startX
      var year = times.start.year
      var labelled = false
      func boundary(_ boundaryYear: Int, _ boundaryX: Double) {
        if boundaryX - segmentStart >= labelWidth {
          body(year, (segmentStart + boundaryX) / 2)
          labelled = true
        }
        segmentStart = boundaryX
        year = boundaryYear
      }
      newYears(boundary)
      boundary(times.end.year + 1, endX)
      if !labelled { body(times.start.year, (startX + endX) / 2) }
      return
    }
    var every = 1
    for candidate in [2, 5, 10, 20, 50, 100, 200, 500, 1000] {
      every = candidate
      if Double(candidate) * yearWidth >= labelWidth { break }
    }
    newYears { year, x in
      if year % every == 0 { body(year, x) }
    }
  }
}
