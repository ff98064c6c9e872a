import Domain
import Foundation

/// A generated history for one municipality: its first contract (usually on time, sometimes late, incomplete or
/// missing), perhaps a target adjustment in a new version, and follow-ups for the budget years 2012 and 2013 with a
/// status per goal. Every row is example data.
enum ExampleHistory {
  static func add(
    municipality code: String, to store: Store.Writer, areas: [String: Int64],
    using random: inout SeededGenerator,
    summary: inout Seeder.Summary
  ) throws {
    let draft = try store.createDraft(
      municipalityCode: code, changeNote: "Første kvalitetskontrakt", isExample: true)
    summary.versions += 1
    var goalCount = 0
    let chosenAreas = Array(
      areasWithTemplates.shuffled(using: &random).prefix(Int.random(in: 3...5, using: &random)))
    for name in chosenAreas {
      guard let serviceAreaId = areas[name] else { continue }
      let versionArea = try store.addArea(versionId: draft, serviceAreaId: serviceAreaId, isExample: true)
      let templates = GoalTemplates.all.filter { $0.area == name }.shuffled(using: &random)
      for template in templates.prefix(Int.random(in: 1...templates.count, using: &random)) {
        try store.addGoal(versionAreaId: versionArea, goal(from: template, using: &random))
        goalCount += 1
      }
    }
    summary.goals += goalCount

    // The first contract: about three in four adopted and published by 1 July 2010.
    let roll = Double.random(in: 0..<1, using: &random)
    if roll < 0.04 {  // left as a draft: the council never adopted it, and a service area has no goal.
      if let spare = areasWithTemplates.first(where: { !chosenAreas.contains($0) }), let id = areas[spare] {
        try store.addArea(versionId: draft, serviceAreaId: id, isExample: true)
      }
      return
    }
    if roll < 0.07 {  // nothing at all
      try store.discardDraft(versionId: draft)
      summary.versions -= 1
      summary.goals -= goalCount
      return
    }
    let adopted: CalendarDate
    let published: CalendarDate
    if roll < 0.80 {
      adopted = day(2010, 3, 1).adding(days: Int.random(in: 0...100, using: &random))
      published = minDate(adopted.adding(days: Int.random(in: 1...25, using: &random)), day(2010, 7, 1))
    } else if roll < 0.88 {  // adopted in time, published after the month (§6) and after 1 July
      adopted = day(2010, 5, 20).adding(days: Int.random(in: 0...35, using: &random))
      published = PublicationDeadline.after(adoption: adopted).adding(
        days: Int.random(in: 1...40, using: &random))
    } else {  // adopted after the §8 deadline
      adopted = day(2010, 7, 2).adding(days: Int.random(in: 0...150, using: &random))
      published = adopted.adding(days: Int.random(in: 3...28, using: &random))
    }
    try store.adopt(
      versionId: draft, Adoption(adoptedOn: adopted, meetingReference: meeting(adopted, &random)))
    try store.publish(versionId: draft, on: published)

    // A target adjustment in a new version, for about half of them.
    if Bool.random(using: &random),
      let inForce = try store.contractInForce(municipalityCode: code, asOf: day(2011, 3, 1))
    {
      let goals = inForce.version.areas.flatMap(\.goals)
      if let goal = goals.randomElement(using: &random), let target = goal.targetValue,
        let baseline = goal.baselineValue
      {
        let eased = rounded(target - (target - baseline) * 0.3)
        let adjustedOn = day(2011, 3, 1).adding(days: Int.random(in: 0...200, using: &random))
        let version = try store.adjustTarget(
          goalId: goal.id, newTargetValue: eased, reason: adjustmentReasons.randomElement(using: &random)!,
          on: adjustedOn, isExample: true)
        let adoptedOn = adjustedOn.adding(days: Int.random(in: 7...40, using: &random))
        try store.adopt(
          versionId: version.versionId,
          Adoption(adoptedOn: adoptedOn, meetingReference: meeting(adoptedOn, &random)))
        let late = Double.random(in: 0..<1, using: &random) < 0.1
        try store.publish(
          versionId: version.versionId,
          on: late
            ? PublicationDeadline.after(adoption: adoptedOn).adding(
              days: Int.random(in: 1...20, using: &random))
            : adoptedOn.adding(days: Int.random(in: 2...27, using: &random)))
        summary.versions += 1
      }
    }

    for budgetYear in [2012, 2013] {
      try addFollowUp(code, budgetYear: budgetYear, to: store, using: &random, summary: &summary)
    }
  }

  private static func addFollowUp(
    _ code: String, budgetYear: Int, to store: Store.Writer, using random: inout SeededGenerator,
    summary: inout Seeder.Summary
  ) throws {
    var due = day(budgetYear - 1, 10, 15)
    if Double.random(in: 0..<1, using: &random) < 0.7 {
      due = day(budgetYear - 1, 10, Int.random(in: 1...20, using: &random))
      try store.setBudgetAdoption(
        municipalityCode: code, budgetYear: budgetYear, adoptedOn: due, isExample: true)
    }
    let roll = Double.random(in: 0..<1, using: &random)
    if roll < 0.04 { return }  // no follow-up at all
    let adopted =
      roll < 0.86
      ? due.adding(days: -Int.random(in: 0...30, using: &random))
      : due.adding(days: Int.random(in: 1...45, using: &random))
    guard let inForce = try store.contractInForce(municipalityCode: code, asOf: adopted) else { return }
    let followUp = try store.createFollowUp(municipalityCode: code, budgetYear: budgetYear, isExample: true)
    summary.followUps += 1
    let goals = inForce.version.areas.flatMap(\.goals)
    let incomplete = roll >= 0.80 && roll < 0.86
    // An incomplete follow-up leaves its last goal without a status, so it cannot be adopted (§5).
    for (index, goal) in goals.enumerated() {
      if incomplete && index == goals.count - 1 { break }
      try store.setStatus(
        followUpId: followUp, status(for: goal, on: adopted, using: &random), isExample: true)
    }
    if incomplete { return }
    try store.adoptFollowUp(
      id: followUp, Adoption(adoptedOn: adopted, meetingReference: meeting(adopted, &random)))
    let deadline = PublicationDeadline.after(adoption: adopted)
    let published =
      Double.random(in: 0..<1, using: &random) < 0.88
      ? adopted.adding(days: Int.random(in: 1...25, using: &random))
      : deadline.adding(days: Int.random(in: 1...30, using: &random))
    try store.publishFollowUp(id: followUp, on: minDate(published, day(2026, 1, 1)))
  }

  /// A measured value near the straight line from baseline to target, and the status that follows from it.
  private static func status(for goal: Goal, on date: CalendarDate, using random: inout SeededGenerator)
    -> GoalStatus
  {
    guard let baseline = goal.baselineValue, let target = goal.targetValue, let start = goal.baselineDate,
      let end = goal.targetDate
    else {
      return GoalStatus(
        goalId: goal.id, statusText: "Ikke målt endnu.", result: .notReached,
        followUpText: "Målingen sættes i gang.")
    }
    let measuredOn = date.adding(days: -Int.random(in: 20...60, using: &random))
    let elapsed = Double(start.days(to: measuredOn)) / Double(max(1, start.days(to: end)))
    let expected = baseline + (target - baseline) * min(1, max(0, elapsed))
    let value = rounded(expected + (target - baseline) * Double.random(in: -0.45...0.3, using: &random))
    let progress = (value - baseline) / (target - baseline)
    let result: GoalStatus.Result = progress >= 1 ? .reached : progress >= 0.4 ? .partly : .notReached
    let unit = goal.unit ?? ""
    let text =
      switch result {
      case .reached: "Målet er nået: \(format(value)) \(unit) ved seneste måling."
      case .partly:
        "Vi er godt på vej: \(format(value)) \(unit) ved seneste måling, målet er \(format(target)) \(unit)."
      case .notReached:
        "Målet er ikke nået: \(format(value)) \(unit) ved seneste måling mod \(format(target)) \(unit)."
      }
    return GoalStatus(
      goalId: goal.id, statusText: text, measuredValue: value, measuredOn: measuredOn, result: result,
      followUpText: result == .reached ? "" : followUpTexts.randomElement(using: &random)!)
  }

  static func goal(from template: GoalTemplate, using random: inout SeededGenerator) -> Goal {
    let years = Int.random(in: template.years, using: &random)
    let baselineDate = day(2010, 1, 1)
    let targetDate = day(2009 + years, 12, 31)
    var baseline: Double
    var target: Double
    var direction = Direction.higher
    var percent = 0
    switch template.shape {
    case .raiseShare(let from, let by):
      baseline = Double(Int.random(in: from, using: &random))
      target = baseline + Double(Int.random(in: by, using: &random))
      if template.unit == "%" { target = min(target, 100) }
    case .cutYearly(let from, let percentPerYear):
      percent = Int.random(in: percentPerYear, using: &random)
      baseline = Double(Int.random(in: from, using: &random))
      target = rounded(baseline * pow(1 - Double(percent) / 100, years))
      direction = .lower
    case .raiseIndex(let byPercent):
      percent = Int.random(in: byPercent, using: &random)
      baseline = 100
      target = 100 + Double(percent)
    }
    let fill = { (text: String) in
      text.replacingOccurrences(of: "{baseline}", with: format(baseline)).replacingOccurrences(
        of: "{target}", with: format(target)
      )
      .replacingOccurrences(of: "{unit}", with: template.unit).replacingOccurrences(
        of: "{year}", with: String(targetDate.year)
      )
      .replacingOccurrences(of: "{percent}", with: String(percent)).replacingOccurrences(
        of: "{delta}", with: String(percent)
      )
      .replacingOccurrences(of: "{baselineYear}", with: String(baselineDate.year))
    }
    return Goal(
      title: template.title, theme: template.theme, goalText: fill(template.goal),
      indicator: fill(template.indicator),
      unit: template.unit, baselineValue: baseline, baselineDate: baselineDate, targetValue: target,
      targetDate: targetDate, direction: direction, means: template.means, isExample: true)
  }

  /// The template areas, in a fixed order.
  private static let areasWithTemplates: [String] = GoalTemplates.all.reduce(into: []) { names, template in
    if !names.contains(template.area) { names.append(template.area) }
  }

  private static let adjustmentReasons = [
    "Målet er justeret på grund af personalereduktioner.",
    "Målet er justeret, fordi budgettet er nedskrevet.",
    "Målet er justeret efter en ny opgørelsesmetode.",
  ]

  private static let followUpTexts = [
    "Indsatsen fortsætter, og der følges op ved næste budget.",
    "Arbejdsgangene gennemgås, og der sættes ekstra ressourcer ind i første halvår.",
    "Udvalget får en status hvert kvartal, indtil målet er nået.",
  ]

  private static func meeting(_ date: CalendarDate, _ random: inout SeededGenerator) -> String {
    "Kommunalbestyrelsen \(date), punkt \(Int.random(in: 3...24, using: &random))"
  }

  static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    CalendarDate(year: year, month: month, day: day)!
  }

  private static func minDate(_ a: CalendarDate, _ b: CalendarDate) -> CalendarDate { a < b ? a : b }

  private static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

  private static func pow(_ base: Double, _ exponent: Int) -> Double {
    (0..<exponent).reduce(1) { product, _ in product * base }
  }

  /// "90", "36,5": Danish decimal comma.
  static func format(_ value: Double) -> String {
    value == value.rounded()
      ? String(Int(value)) : String((value * 10).rounded() / 10).replacingOccurrences(of: ".", with: ",")
  }
}
