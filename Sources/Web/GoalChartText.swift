import Domain

/// The Danish words of one goal chart, each made once: its title, the tooltips of its marks and the description
/// that says everything the drawing shows. Plain text; the writer escapes it.
struct GoalChartText {
  let title: String
  /// "Udgangspunkt: 82 % pr. 31.12.2010"
  let baseline: String?
  /// "Mål: 90 % senest 31.12.2013"
  let target: String?
  /// "Målt 85 % pr. 31.12.2012 (budgetår 2013)", one per measurement in order.
  let measurements: [String]
  /// "Målet blev justeret 01.03.2012 fra 95 % til 90 %. Begrundelse: …", one per adjustment in order.
  let adjustments: [String]
  /// "Tidligere mål: 95 % (justeret 01.03.2012)", one per adjustment in order.
  let oldTargets: [String]
  let description: String

  init(_ progress: GoalProgress, goalTitle: String) {
    let goalTitle = goalTitle.trimmingWhitespace
    title = goalTitle.isEmpty ? "Udvikling mod målet" : goalTitle + ": udvikling mod målet"
    baseline = progress.baseline.map {
      GoalChartText.joined("Udgangspunkt: ", progress.format($0.value), " pr. ", $0.date.danishNumeric)
    }
    target = progress.target.map {
      GoalChartText.joined("Mål: ", progress.format($0.value), " senest ", $0.date.danishNumeric)
    }
    measurements = progress.measurements.map {
      GoalChartText.joined(
        "Målt ", progress.format($0.value), " pr. ", $0.date.danishNumeric, " (budgetår ",
        String($0.budgetYear), ")")
    }
    adjustments = progress.adjustments.map { GoalChartText.adjustment($0, progress) }
    oldTargets = progress.adjustments.map {
      GoalChartText.joined(
        "Tidligere mål: ", progress.format($0.oldTargetValue),
        $0.oldTargetDate.map { " senest " + $0.danishNumeric } ?? "",
        " (justeret ", $0.adjustedOn.danishNumeric, ")")
    }

    var description = ""
    description.reserveCapacity(600)
    if let baseline {
      description += baseline + ". "
    } else {
      description += "Målet har intet udgangspunkt med tal og dato. "
    }
    if let target {
      description +=
        target + (progress.direction == .higher ? " (højere er bedre). " : " (lavere er bedre). ")
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
        description += measurement.dropFirst(5)  // without "Målt "
      }
      description += ". "
    }
    for adjustment in adjustments { description += adjustment + " " }
    description += "Status: " + progress.badge.label + ". " + progress.explanation
    self.description = description
  }

  /// The parts one after another, in one allocation.
  private static func joined(_ parts: String...) -> String {
    var text = ""
    text.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count })
    for part in parts { text += part }
    return text
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
