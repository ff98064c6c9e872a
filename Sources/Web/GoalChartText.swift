import Domain

/// The Danish words of one goal chart, each made once: its title, the tooltips of its marks and the description
/// that says everything the drawing shows. Plain text; the writer escapes it.
struct GoalChartText {
  let title: String
  /// "82 % pr. 31.12.2010"
  let baseline: String?
  /// "90 % senest 31.12.2013"
  let target: String?
  /// "85 % pr. 31.12.2012 (budgetår 2013)", one per measurement in order.
  let measurements: [String]
  /// "Målet blev justeret 01.03.2012 fra 95 % til 90 %. Begrundelse: …", one per adjustment in order.
  let adjustments: [String]
  /// "Tidligere mål: 95 % (justeret 01.03.2012)", one per adjustment in order.
  let oldTargets: [String]
  let description: String

  init(_ progress: GoalProgress, goalTitle: String) {
    let goalTitle = goalTitle.trimmingWhitespace
    title = goalTitle.isEmpty ? "Udvikling mod målet" : goalTitle + ": udvikling mod målet"
    baseline = progress.baseline.map { progress.format($0.value) + " pr. " + $0.date.danishNumeric }
    target = progress.target.map { progress.format($0.value) + " senest " + $0.date.danishNumeric }
    measurements = progress.measurements.map {
      var text = progress.format($0.value)
      text.reserveCapacity(text.utf8.count + 32)
      text += " pr. "
      text += $0.date.danishNumeric
      text += " (budgetår "
      text += String($0.budgetYear)
      text += ")"
      return text
    }
    adjustments = progress.adjustments.map { GoalChartText.adjustment($0, progress) }
    oldTargets = progress.adjustments.map {
      var text = "Tidligere mål: "
      text.reserveCapacity(64)
      text += progress.format($0.oldTargetValue)
      if let date = $0.oldTargetDate {
        text += " senest "
        text += date.danishNumeric
      }
      text += " (justeret "
      text += $0.adjustedOn.danishNumeric
      text += ")"
      return text
    }

    var description = ""
    description.reserveCapacity(600)
    if let baseline {
      description += "Udgangspunkt: "
      description += baseline
      description += ". "
    } else {
      description += "Målet har intet udgangspunkt med tal og dato. "
    }
    if let target {
      description += "Mål: "
      description += target
      description += progress.direction == .higher ? " (højere er bedre). " : " (lavere er bedre). "
    } else {
      description += "Målet har ingen målværdi med dato. "
    }
    if baseline != nil && target != nil {
      description += "En stiplet linje går lige fra udgangspunktet til målet. "
    }
    if measurements.isEmpty {
      description += "Der er endnu ingen målinger. "
    } else {
      description += measurements.count == 1 ? "Måling: " : "Målinger: "
      for (index, measurement) in measurements.enumerated() {
        if index > 0 { description += "; " }
        description += measurement
      }
      description += ". "
    }
    for adjustment in adjustments {
      description += adjustment
      description += " "
    }
    description += "Status: "
    description += progress.badge.label
    description += ". "
    description += progress.explanation
    self.description = description
  }

  private static func adjustment(_ adjustment: TargetAdjustment, _ progress: GoalProgress) -> String {
    func target(_ value: Double, _ date: CalendarDate?) -> String {
      guard let date else { return progress.format(value) }
      return progress.format(value) + " senest " + date.danishNumeric
    }
    var text = ""
    text.reserveCapacity(160)
    text += "Målet blev justeret "
    text += adjustment.adjustedOn.danishNumeric
    text += " fra "
    text += target(adjustment.oldTargetValue, adjustment.oldTargetDate)
    text += " til "
    text += target(adjustment.newTargetValue, adjustment.newTargetDate)
    if !text.hasSuffix(".") { text += "." }  // "til 1.100 kr." has its full stop
    let reason = adjustment.reason.trimmingWhitespace
    if !reason.isEmpty {
      text += " Begrundelse: " + reason
      if let last = reason.last, !".!?".contains(last) { text += "." }
    }
    return text
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
