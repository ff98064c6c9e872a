import Domain

/// The Danish words of one goal chart, written straight into its SVG: its title, the tooltips of its marks and
/// the description that says everything the drawing shows. Numbers, dates and words are written as they are;
/// the goal's title, unit, reasons and explanation escaped.
enum GoalChartText {
  static func title(_ goalTitle: String, into svg: inout SVGWriter) {
    let goalTitle = goalTitle.trimmingWhitespace
    if goalTitle.isEmpty {
      svg.markup("Udvikling mod målet")
    } else {
      svg.escaped(goalTitle)
      svg.markup(": udvikling mod målet")
    }
  }

  /// "82 % pr. 31.12.2010"
  static func baseline(_ point: GoalProgress.Point, _ progress: GoalProgress, into svg: inout SVGWriter) {
    svg.quantity(point.value, unit: progress.unit)
    svg.markup(" pr. ")
    svg.date(point.date)
  }

  /// "90 % senest 31.12.2013"
  static func target(_ point: GoalProgress.Point, _ progress: GoalProgress, into svg: inout SVGWriter) {
    svg.quantity(point.value, unit: progress.unit)
    svg.markup(" senest ")
    svg.date(point.date)
  }

  /// "85 % pr. 31.12.2012 (budgetår 2013)"
  static func measurement(
    _ measurement: GoalProgress.Measurement, _ progress: GoalProgress, into svg: inout SVGWriter
  ) {
    svg.quantity(measurement.value, unit: progress.unit)
    svg.markup(" pr. ")
    svg.date(measurement.date)
    svg.markup(" (budgetår ")
    svg.integer(measurement.budgetYear)
    svg.markup(")")
  }

  /// "Målet blev justeret 01.03.2012 fra 95 % til 90 %. Begrundelse: …"
  static func adjustment(_ adjustment: TargetAdjustment, _ progress: GoalProgress, into svg: inout SVGWriter)
  {
    func target(_ value: Double, _ date: CalendarDate?) {
      svg.quantity(value, unit: progress.unit)
      if let date {
        svg.markup(" senest ")
        svg.date(date)
      }
    }
    svg.markup("Målet blev justeret ")
    svg.date(adjustment.adjustedOn)
    svg.markup(" fra ")
    target(adjustment.oldTargetValue, adjustment.oldTargetDate)
    svg.markup(" til ")
    target(adjustment.newTargetValue, adjustment.newTargetDate)
    // "til 1.100 kr." has its full stop; a date or a number never ends in one.
    if adjustment.newTargetDate != nil || !DanishNumber.endsWithFullStop(unit: progress.unit) {
      svg.markup(".")
    }
    let reason = adjustment.reason.trimmingWhitespace
    if !reason.isEmpty {
      svg.markup(" Begrundelse: ")
      svg.escaped(reason)
      if let last = reason.last, !".!?".contains(last) { svg.markup(".") }
    }
  }

  /// "Tidligere mål: 95 % (justeret 01.03.2012)"
  static func oldTarget(_ adjustment: TargetAdjustment, _ progress: GoalProgress, into svg: inout SVGWriter) {
    svg.markup("Tidligere mål: ")
    svg.quantity(adjustment.oldTargetValue, unit: progress.unit)
    if let date = adjustment.oldTargetDate {
      svg.markup(" senest ")
      svg.date(date)
    }
    svg.markup(" (justeret ")
    svg.date(adjustment.adjustedOn)
    svg.markup(")")
  }

  /// Everything the chart shows, ending with the badge and `explanation`.
  static func description(
    _ progress: GoalProgress, badge: GoalProgress.Badge, explanation: String, into svg: inout SVGWriter
  ) {
    if let baseline = progress.baseline {
      svg.markup("Udgangspunkt: ")
      GoalChartText.baseline(baseline, progress, into: &svg)
      svg.markup(". ")
    } else {
      svg.markup("Målet har intet udgangspunkt med tal og dato. ")
    }
    if let target = progress.target {
      svg.markup("Mål: ")
      GoalChartText.target(target, progress, into: &svg)
      if progress.direction == .higher {
        svg.markup(" (højere er bedre). ")
      } else {
        svg.markup(" (lavere er bedre). ")
      }
    } else {
      svg.markup("Målet har ingen målværdi med dato. ")
    }
    if progress.baseline != nil && progress.target != nil {
      svg.markup("En stiplet linje går lige fra udgangspunktet til målet. ")
    }
    let measurements = progress.measurements
    if measurements.isEmpty {
      svg.markup("Der er endnu ingen målinger. ")
    } else {
      if measurements.count == 1 {
        svg.markup("Måling: ")
      } else {
        svg.markup("Målinger: ")
      }
      for index in measurements.indices {
        if index > 0 { svg.markup("; ") }
        measurement(measurements[index], progress, into: &svg)
      }
      svg.markup(". ")
    }
    for item in progress.adjustments {
      adjustment(item, progress, into: &svg)
      svg.markup(" ")
    }
    svg.markup("Status: ")
    svg.escaped(badge.label)
    svg.markup(". ")
    svg.escaped(explanation)
  }
}

extension String {
  /// Without leading and trailing whitespace.
  var trimmingWhitespace: String {
    // Printable ASCII at both ends (nearly always) settles it without Unicode properties.
    if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first),
      (0x21..<0x7F).contains(last)
    {
      return self
    }
    var text = Substring(self)
    while text.first?.isWhitespace == true { text.removeFirst() }
    while text.last?.isWhitespace == true { text.removeLast() }
    return String(text)
  }
}
