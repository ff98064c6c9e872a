import Domain
import Store
import Web

/// A goal as the templates show it: its texts, numbers, adjustments, statuses, badge and chart.
struct GoalView {
  var goal: Goal
  var municipalityCode: String
  var areaName: String
  var adjustments: [TargetAdjustment]
  /// Statuses from published follow-ups, oldest budget year first.
  var statuses: [LatestStatus]
  /// False for a goal shown as it stood in an old version: no badge, chart or status.
  var showsProgress = true

  var href: String { "/kommune/\(municipalityCode)/maal/\(goal.lineage)" }

  /// "82 % (22. juni 2010)", or without the date when there is none; "" without a value.
  static func numbers(_ value: Double?, unit: String?, date: CalendarDate?) -> String {
    guard let value else { return "" }
    guard let date else { return DanishNumber.format(value, unit: unit) }
    return quantity(value, unit: unit, then: " (", date, ")")
  }

  /// "90 % senest 31. december 2013", or without the date when there is none; "" without a value.
  static func targetText(_ value: Double?, unit: String?, date: CalendarDate?) -> String {
    guard let value else { return "" }
    guard let date else { return DanishNumber.format(value, unit: unit) }
    return quantity(value, unit: unit, then: " senest ", date, "")
  }

  /// `DanishNumber.format(value, unit:)`, `before`, `DanishFormat.date(date)` and `after`, made in one buffer:
  /// interpolation and appends cost about twice as much, on a page that shows many of them.
  /// (`CalendarDate.writeDanishText` writes `DanishFormat.date`'s words; GoalViewTextTests holds them equal.)
  private static func quantity(
    _ value: Double, unit: String?, then before: StaticString, _ date: CalendarDate, _ after: StaticString
  ) -> String {
    var unit = unit ?? ""
    return unit.withUTF8 { unitBytes in
      let capacity =
        DanishNumber.maximumByteCount + 1 + unitBytes.count + before.utf8CodeUnitCount + 18
        + after.utf8CodeUnitCount
      return String(unsafeUninitializedCapacity: capacity) { buffer in
        let base = buffer.baseAddress!
        var count = DanishNumber.write(value, to: base)
        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
          for byte in bytes {
            base[count] = byte
            count += 1
          }
        }
        if !unitBytes.isEmpty {
          base[count] = UInt8(ascii: " ")
          count += 1
          put(unitBytes)
        }
        before.withUTF8Buffer(put)
        count += date.writeDanishText(to: base + count)
        after.withUTF8Buffer(put)
        return count
      }
    }
  }

  var templateValue: TemplateValue {
    let latest = statuses.last
    var fields: TemplateObject = [
      "lineage": .int(Int(goal.lineage)), "href": .string(href), "title": .string(goal.title),
      "theme": .string(goal.theme), "goalText": .string(goal.goalText), "means": .string(goal.means),
      "indicator": .string(goal.indicator ?? ""), "area": .string(areaName),
      "baseline": .string(Self.numbers(goal.baselineValue, unit: goal.unit, date: goal.baselineDate)),
      "target": .string(Self.targetText(goal.targetValue, unit: goal.unit, date: goal.targetDate)),
      "direction": .string(goal.direction == .higher ? "Jo højere, jo bedre" : "Jo lavere, jo bedre"),
      "adjustments": .array(adjustments.map { Self.adjustmentValue($0, unit: goal.unit) }),
      "status": latest.map { Self.statusValue($0, unit: goal.unit) } ?? .null,
      "example": .bool(goal.isExample),
    ]
    if showsProgress {
      let measurements = statuses.compactMap {
        GoalProgress.Measurement($0.status, budgetYear: $0.budgetYear)
      }
      let progress = GoalProgress(goal: goal, adjustments: adjustments, measurements: measurements)
      // One assessment and one explanation for the badge and the chart.
      let assessment = progress.assessment
      let progressExplanation = progress.explanation(of: assessment)
      var badge = assessment.badge
      var explanation = progressExplanation
      // A status without a measured value: the line cannot judge it, but the council's own verdict can.
      if badge == .noData, let latest, measurements.isEmpty, latest.status.result != .partly {
        badge = latest.status.result == .reached ? .reached : .behind
        explanation =
          "Ingen målt værdi; i opfølgningen for budgetåret \(latest.budgetYear) melder kommunen: "
          + Self.resultLabel(latest.status.result).lowercased() + "."
      }
      fields["badge"] = [
        "class": .string(badge.cssClass), "label": .string(Self.badgeHeading(badge)),
        "explanation": .string(explanation),
      ]
      fields["chart"] =
        GoalChart.svg(
          progress, assessment: assessment, explanation: progressExplanation, title: goal.title,
          idPrefix: "graf-\(goal.lineage)"
        ).map(TemplateValue.raw) ?? .null
    }
    return .object(fields)
  }

  static func adjustmentValue(_ adjustment: TargetAdjustment, unit: String?) -> TemplateValue {
    [
      "date": .string(DanishFormat.date(adjustment.adjustedOn)),
      "old": .string(targetText(adjustment.oldTargetValue, unit: unit, date: adjustment.oldTargetDate)),
      "new": .string(targetText(adjustment.newTargetValue, unit: unit, date: adjustment.newTargetDate)),
      "reason": .string(adjustment.reason),
    ]
  }

  static func resultLabel(_ result: GoalStatus.Result) -> String {
    switch result {
    case .reached: "Målet er nået"
    case .partly: "Målet er delvist nået"
    case .notReached: "Målet er ikke nået"
    }
  }

  /// The badge's label as the badge shows it, capitalised.
  static func badgeHeading(_ badge: GoalProgress.Badge) -> String {
    switch badge {
    case .reached: "Nået"
    case .onTrack: "På vej"
    case .behind: "Bagud"
    case .noData: "Ingen data"
    }
  }

  static func resultClass(_ result: GoalStatus.Result) -> String {
    switch result {
    case .reached: "reached"
    case .partly: "on-track"
    case .notReached: "behind"
    }
  }

  static func statusValue(_ entry: LatestStatus, unit: String?) -> TemplateValue {
    let status = entry.status
    return [
      "year": .int(entry.budgetYear), "text": .string(status.statusText),
      "result": .string(resultLabel(status.result)),
      "resultClass": .string(resultClass(status.result)),
      "measured": .string(numbers(status.measuredValue, unit: unit, date: status.measuredOn)),
      "followUp": .string(status.followUpText),
    ]
  }
}
