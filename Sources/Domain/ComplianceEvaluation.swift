/// The reference answer to "did this municipality comply as of date D?".
///
/// Deadlines are inclusive: done on the deadline day is on time, and something not done is failed only
/// from the day after its deadline (until then it is not yet due).
public enum ComplianceEvaluation {
  public static func findings(
    for facts: ComplianceFacts, asOf date: CalendarDate, calendar: RuleCalendar
  ) -> [ComplianceFinding] {
    let code = facts.municipalityCode
    let published = facts.versions.filter { $0.publishedOn.map { $0 <= date } ?? false }
    let inForce = published.max { ($0.publishedOn!, $0.number) < ($1.publishedOn!, $1.number) }
    let firstDeadline = calendar.firstContractDeadline

    var result: [ComplianceFinding] = []
    func add(_ rule: ComplianceRule, _ outcome: ComplianceOutcome, year: Int? = nil) {
      result.append(ComplianceFinding(municipalityCode: code, rule: rule, budgetYear: year, outcome: outcome))
    }

    if inForce != nil {
      add(.contractInForce, .met)
    } else if date >= calendar.dutyEndsOn {
      add(.contractInForce, .notApplicable)
    } else {
      add(.contractInForce, pending(due: firstDeadline, asOf: date))
    }

    if published.contains(where: { $0.publishedOn! <= firstDeadline }) {
      add(.firstContract, .met)
    } else if date <= firstDeadline {
      add(.firstContract, .notYetDue(due: firstDeadline))
    } else {
      add(.firstContract, .failed(due: firstDeadline, actual: published.map { $0.publishedOn! }.min()))
    }

    if let inForce {
      add(.contractComplete, inForce.complete ? .met : .failed(due: nil, actual: inForce.publishedOn))
    } else {
      add(.contractComplete, .notApplicable)
    }

    let dutyVersions = facts.versions
      .filter { $0.adoptedOn.map { $0 <= date && $0 < calendar.dutyEndsOn } ?? false }
      .sorted { ($0.adoptedOn!, $0.number) < ($1.adoptedOn!, $1.number) }
    add(
      .contractPublishedOnTime,
      combined(
        dutyVersions.map { publication(adopted: $0.adoptedOn!, published: $0.publishedOn, asOf: date) }))

    for year in dutyYears(facts, calendar: calendar) {
      let due = dueDate(facts, year: year, calendar: calendar)
      guard let followUp = facts.followUps.first(where: { $0.budgetYear == year }),
        let adopted = followUp.adoptedOn, adopted <= date
      else {
        let outcome = pending(due: due, asOf: date)
        add(.followUpAdoptedOnTime, outcome, year: year)
        add(.followUpComplete, outcome, year: year)
        add(.followUpPublishedOnTime, outcome, year: year)
        continue
      }
      add(.followUpAdoptedOnTime, adopted <= due ? .met : .failed(due: due, actual: adopted), year: year)
      add(.followUpComplete, followUp.complete ? .met : .failed(due: nil, actual: adopted), year: year)
      add(
        .followUpPublishedOnTime, publication(adopted: adopted, published: followUp.publishedOn, asOf: date),
        year: year)
    }
    return result
  }

  /// Budget years with a duty: from the calendar's first year while the due date is before the duty ends.
  public static func dutyYears(_ facts: ComplianceFacts, calendar: RuleCalendar) -> [Int] {
    let first = calendar.firstFollowUpBudgetYear
    let last = calendar.dutyEndsOn.year + 1
    guard first <= last else { return [] }
    return (first...last).filter { dueDate(facts, year: $0, calendar: calendar) < calendar.dutyEndsOn }
  }

  public static func dueDate(_ facts: ComplianceFacts, year: Int, calendar: RuleCalendar) -> CalendarDate {
    FollowUpDueDate.forBudgetYear(
      year, budgetAdoption: facts.budgetAdoptions[year], defaultDue: calendar.followUpDefaultDue)
  }

  static func pending(due: CalendarDate, asOf date: CalendarDate) -> ComplianceOutcome {
    date > due ? .failed(due: due, actual: nil) : .notYetDue(due: due)
  }

  static func publication(adopted: CalendarDate, published: CalendarDate?, asOf date: CalendarDate)
    -> ComplianceOutcome
  {
    let deadline = PublicationDeadline.after(adoption: adopted)
    if let published, published <= date {
      return published <= deadline ? .met : .failed(due: deadline, actual: published)
    }
    return pending(due: deadline, asOf: date)
  }

  /// The first failure wins, then the first pending deadline; met when all are met; nothing to judge: n/a.
  static func combined(_ outcomes: [ComplianceOutcome]) -> ComplianceOutcome {
    if let failed = outcomes.first(where: { if case .failed = $0 { return true } else { return false } }) {
      return failed
    }
    if let pending = outcomes.first(where: { if case .notYetDue = $0 { return true } else { return false } })
    {
      return pending
    }
    return outcomes.isEmpty ? .notApplicable : .met
  }
}
