import Domain
import Store

/// What the Store recorded about one municipality, to name what its findings are about (versions, follow-ups and
/// budget adoption dates).
struct MunicipalityFacts: Sendable {
  var versions: [ContractVersion]
  var followUps: [FollowUpSummary]
  var budgetAdoptions: [Int: CalendarDate]

  /// The follow-up for `year` if it was adopted on or before `date`, with its adoption date.
  func adoptedFollowUp(_ year: Int, asOf date: CalendarDate) -> (FollowUpSummary, CalendarDate)? {
    guard let followUp = followUps.first(where: { $0.budgetYear == year }),
      let adopted = followUp.adoption?.adoptedOn, adopted <= date
    else { return nil }
    return (followUp, adopted)
  }

  /// The version a §6 finding is about: adopted by `date`, its deadline `due`, published on `actual` (nil: not
  /// published as of `date`).
  func version(publicationDue due: CalendarDate?, published actual: CalendarDate?, asOf date: CalendarDate)
    -> ContractVersion?
  {
    versions.first { version in
      guard let adoption = version.adoption, adoption.adoptedOn <= date,
        due == nil || adoption.publicationDeadline == due
      else { return false }
      if let actual { return version.publishedOn == actual }
      return version.publishedOn.map { $0 > date } ?? true
    }
  }

  /// The version in force on `date` (the latest publication on or before it; ties: the higher number).
  func versionInForce(asOf date: CalendarDate) -> ContractVersion? {
    versions.filter { $0.publishedOn.map { $0 <= date } ?? false }
      .max { ($0.publishedOn!, $0.number) < ($1.publishedOn!, $1.number) }
  }
}

/// One municipality's findings as of a date, in plain Danish with the paragraph and the dates involved (ISO, as the
/// issue quotes them): the violations in full sentences, what is met, not yet due or not applicable briefly. The
/// contract's rules come first, then each budget year's §4, §5 and §6.
struct MunicipalityReport: Sendable {
  struct Line: Sendable, Equatable {
    var paragraph: String
    var text: String
  }

  var violations: [Line] = []
  var met: [Line] = []
  var notYetDue: [Line] = []
  var notApplicable: [Line] = []

  init(
    findings: [ComplianceFinding], facts: MunicipalityFacts, asOf date: CalendarDate, calendar: RuleCalendar
  ) {
    let ordered = findings.sorted {
      let left = ComplianceRule.allCases.firstIndex(of: $0.rule)!
      let right = ComplianceRule.allCases.firstIndex(of: $1.rule)!
      return ($0.budgetYear ?? 0, left) < ($1.budgetYear ?? 0, right)
    }
    let phrases = MunicipalityPhrases(facts: facts, asOf: date, calendar: calendar)
    for finding in ordered {
      let paragraph = MunicipalityPhrases.paragraph(finding.rule)
      switch finding.outcome {
      case .failed(let due, let actual):
        violations.append(
          Line(paragraph: paragraph, text: phrases.violation(finding, due: due, actual: actual)))
      case .met:
        met.append(Line(paragraph: paragraph, text: phrases.met(finding)))
      case .notYetDue(let due):
        notYetDue.append(Line(paragraph: paragraph, text: phrases.pending(finding, due: due)))
      case .notApplicable:
        notApplicable.append(Line(paragraph: paragraph, text: phrases.notApplicable(finding)))
      }
    }
  }
}
