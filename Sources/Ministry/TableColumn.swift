import Domain

/// One rule column of the national table: a contract rule, or a follow-up rule for one budget year.
struct TableColumn: Hashable, Sendable {
  var rule: ComplianceRule
  var budgetYear: Int?

  /// The contract rules the table shows, in order (§3 "a contract in force" is not a column of its own).
  static let contractRules: [ComplianceRule] = [.firstContract, .contractComplete, .contractPublishedOnTime]
  static let followUpRules: [ComplianceRule] = [
    .followUpAdoptedOnTime, .followUpComplete, .followUpPublishedOnTime,
  ]

  /// The contract columns, then the three follow-up columns for each budget year with a duty in `findings`.
  static func columns(for findings: [ComplianceFinding]) -> [TableColumn] {
    let years = Set(findings.lazy.filter { followUpRules.contains($0.rule) }.compactMap(\.budgetYear))
      .sorted()
    return contractRules.map { TableColumn(rule: $0) }
      + years.flatMap { year in followUpRules.map { TableColumn(rule: $0, budgetYear: year) } }
  }

  /// The name in queries (`sorter=`, `fejler=`): the rule's name, with `:YEAR` for a follow-up rule.
  var key: String {
    budgetYear.map { "\(rule.rawValue):\($0)" } ?? rule.rawValue
  }

  var paragraph: String { rule.rule.rawValue }

  /// The heading in Danish, without the paragraph ("Opfølgning 2012 fuldstændig"; without a year for a follow-up
  /// rule: "Opfølgning fuldstændig").
  var heading: String {
    let year = budgetYear.map { " \($0)" } ?? ""
    switch rule {
    case .contractInForce: return "Kontrakt i kraft"
    case .firstContract: return "Første kontrakt til tiden"
    case .contractComplete: return "Kontrakten fuldstændig"
    case .contractPublishedOnTime: return "Kontrakten offentliggjort til tiden"
    case .followUpAdoptedOnTime: return "Opfølgning\(year) vedtaget til tiden"
    case .followUpComplete: return "Opfølgning\(year) fuldstændig"
    case .followUpPublishedOnTime: return "Opfølgning\(year) offentliggjort til tiden"
    }
  }

  /// "§8 Første kontrakt til tiden", as the CSV's header and the filter's options name the column.
  var label: String { "\(paragraph) \(heading)" }

  /// The verb for the date something was done, for a failed cell's details.
  var doneVerb: String {
    switch rule {
    case .followUpAdoptedOnTime, .followUpComplete: return "vedtaget"
    default: return "offentliggjort"
    }
  }
}

/// A cell of the national table: the Store's outcome for a municipality and a column, in words and a symbol.
struct TableCell: Hashable, Sendable {
  /// nil when the Store has no finding for the cell (a budget year without a duty for that municipality).
  var outcome: ComplianceOutcome?
  var column: TableColumn

  enum Status: Int, Comparable {
    case met = 0
    case notYetDue = 1
    case failed = 2
    case notApplicable = 3

    static func < (lhs: Status, rhs: Status) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  var status: Status {
    switch outcome {
    case .met: return .met
    case .notYetDue: return .notYetDue
    case .failed: return .failed
    case .notApplicable, nil: return .notApplicable
    }
  }

  var symbol: String {
    switch status {
    case .met: return "✔"
    case .notYetDue: return "…"
    case .failed: return "✘"
    case .notApplicable: return "–"
    }
  }

  var word: String {
    switch status {
    case .met: return "Opfyldt"
    case .notYetDue: return "Ikke forfaldent"
    case .failed: return "Ikke opfyldt"
    case .notApplicable: return "Gælder ikke"
    }
  }

  /// The existing badge class for the status (the words and symbol carry the meaning; the colour only repeats it).
  var badge: String {
    switch status {
    case .met: return "badge-reached"
    case .notYetDue: return "badge-on-track"
    case .failed: return "badge-behind"
    case .notApplicable: return "badge-no-data"
    }
  }

  /// The dates involved: "frist 28. februar 2011, offentliggjort 2. marts 2011"; "" when there are none.
  var detail: String {
    switch outcome {
    case .failed(let due, let actual):
      var parts: [String] = []
      if let due { parts.append("frist \(due.danishText)") }
      if let actual { parts.append("\(column.doneVerb) \(actual.danishText)") }
      return parts.joined(separator: ", ")
    case .notYetDue(let due?):
      return "frist \(due.danishText)"
    default:
      return ""
    }
  }

  /// Words only, for the CSV: "Ikke opfyldt (frist 28. februar 2011)".
  var text: String {
    let detail = self.detail
    return detail.isEmpty ? word : "\(word) (\(detail))"
  }

  /// For sorting within a status: the deadline, then the date it was done.
  var dates: (CalendarDate?, CalendarDate?) {
    switch outcome {
    case .failed(let due, let actual): return (due, actual)
    case .notYetDue(let due): return (due, nil)
    default: return (nil, nil)
    }
  }
}
