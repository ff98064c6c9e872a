import Domain

/// How many municipalities met one rule as of one date, of those for which it had fallen due.
struct TrendShare: Hashable, Sendable {
  /// Municipalities with the rule met and nothing failed.
  var compliant: Int
  /// Municipalities with at least one finding met or failed (only "not yet due" or "not applicable": not counted).
  var due: Int

  /// 0–100; nil when the rule had fallen due for no municipality.
  var percent: Double? { due == 0 ? nil : Double(compliant) * 100 / Double(due) }
}

/// The rules the trend follows, in the order of the national table, with their short Danish names.
enum TrendRule {
  static let all: [(rule: ComplianceRule, name: String)] = [
    (.firstContract, "§8 Første kontrakt til tiden"),
    (.contractInForce, "§3 Kontrakt i kraft"),
    (.contractComplete, "§2 Kontrakten er fuldstændig"),
    (.contractPublishedOnTime, "§6 Kontrakt offentliggjort til tiden"),
    (.followUpAdoptedOnTime, "§4 Opfølgning vedtaget til tiden"),
    (.followUpComplete, "§5 Opfølgningen er fuldstændig"),
    (.followUpPublishedOnTime, "§6 Opfølgning offentliggjort til tiden"),
  ]
}

/// The share of municipalities compliant per rule at the end of each month, from the Store's compliance answer
/// for each month's last day (nothing is computed a second time: this only counts its findings).
///
/// A municipality counts for a rule in a month when the answer has a finding for it that is met or failed; it is
/// compliant when none of its findings for the rule failed (the follow-up rules have one finding per budget year:
/// one failed year makes it non-compliant with the rule).
struct TrendFigures: Sendable {
  /// The last day of each month.
  let months: [CalendarDate]
  /// `shares[rule][month]`, the rules in the order of `TrendRule.all`.
  let shares: [[TrendShare]]

  /// The last day of each month of the years, January of the first to December of the last.
  static func monthEnds(years: ClosedRange<Int>) -> [CalendarDate] {
    years.flatMap { year in
      (1...12).compactMap { month in
        CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
      }
    }
  }

  /// The months the page shows: 2010–2013, the years of the duty (48 months).
  static let pageMonths = monthEnds(years: 2010...2013)

  /// `findings[i]` is the compliance answer as of `months[i]`.
  init(months: [CalendarDate], findings: [[ComplianceFinding]]) {
    precondition(months.count == findings.count, "one compliance answer per month")
    self.months = months
    let perMonth = findings.map(Self.shares)
    shares = TrendRule.all.indices.map { rule in perMonth.map { $0[rule] } }
  }

  /// One answer's shares, in the order of `TrendRule.all`.
  static func shares(_ findings: [ComplianceFinding]) -> [TrendShare] {
    var due: [ComplianceRule: Set<String>] = [:]
    var failed: [ComplianceRule: Set<String>] = [:]
    for finding in findings {
      switch finding.outcome {
      case .met:
        due[finding.rule, default: []].insert(finding.municipalityCode)
      case .failed:
        due[finding.rule, default: []].insert(finding.municipalityCode)
        failed[finding.rule, default: []].insert(finding.municipalityCode)
      case .notYetDue, .notApplicable:
        continue
      }
    }
    return TrendRule.all.map { entry in
      let counted = due[entry.rule]?.count ?? 0
      return TrendShare(compliant: counted - (failed[entry.rule]?.count ?? 0), due: counted)
    }
  }
}
