import Domain
import Store

/// The deadlines across the country as of a date, read from the Store's findings: first contracts (§8, stk. 2),
/// follow-ups to adopt (§4), adopted versions and follow-ups to publish (§6), each not yet done; sorted by date.
struct DeadlineList: Sendable {
  struct Row: Sendable, Equatable {
    var due: CalendarDate
    /// The Store found it failed as of the date (else it is not yet due).
    var overdue: Bool
    var municipality: Municipality
    var paragraph: String
    var text: String
  }

  var rows: [Row] = []

  /// `awaiting`: versions adopted but not published as of the findings' date (to name them); `budgetAdoptions`:
  /// recorded budget adoption dates by code.
  init(
    findings: [ComplianceFinding], municipalities: [Municipality], awaiting: [ContractVersion],
    budgetAdoptions: [String: [Int: CalendarDate]]
  ) {
    let byCode = Dictionary(municipalities.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    let awaitingByCode = Dictionary(grouping: awaiting, by: \.municipalityCode)
    var adoptedFollowUps: Set<String> = []
    for finding in findings where finding.rule == .followUpAdoptedOnTime {
      switch finding.outcome {
      case .met, .failed(_, actual: .some):
        adoptedFollowUps.insert("\(finding.municipalityCode)/\(finding.budgetYear ?? 0)")
      default: break
      }
    }
    for finding in findings {
      guard let municipality = byCode[finding.municipalityCode] else { continue }
      let due: CalendarDate
      let overdue: Bool
      switch finding.outcome {
      case .notYetDue(let day?): (due, overdue) = (day, false)
      case .failed(let day?, actual: nil): (due, overdue) = (day, true)
      default: continue
      }
      let year = finding.budgetYear
      let text: String
      switch finding.rule {
      case .firstContract:
        text = "Den første kvalitetskontrakt skal vedtages og offentliggøres"
      case .followUpAdoptedOnTime:
        let recorded = year.flatMap { budgetAdoptions[finding.municipalityCode]?[$0] } != nil
        text =
          "Opfølgningsredegørelsen for budgetåret \(year ?? 0) skal vedtages"
          + (recorded
            ? " (budgettet vedtages denne dag)"
            : " (kalenderens frist: ingen budgetvedtagelse registreret)")
      case .followUpPublishedOnTime:
        guard let year, adoptedFollowUps.contains("\(finding.municipalityCode)/\(year)") else { continue }
        text = "Opfølgningsredegørelsen for budgetåret \(year) er vedtaget og skal offentliggøres"
      case .contractPublishedOnTime:
        let version = awaitingByCode[finding.municipalityCode]?.first {
          $0.adoption?.publicationDeadline == due
        }
        text =
          version.map {
            "Kontrakten (version \($0.number)) blev vedtaget \($0.adoption!.adoptedOn) og skal offentliggøres"
          } ?? "En vedtaget kontraktversion skal offentliggøres"
      case .contractInForce, .contractComplete, .followUpComplete:
        continue
      }
      rows.append(
        Row(
          due: due, overdue: overdue, municipality: municipality,
          paragraph: MunicipalityPhrases.paragraph(finding.rule), text: text))
    }
    rows.sort {
      ($0.due, $0.municipality.name, $0.municipality.code, $0.paragraph, $0.text)
        < ($1.due, $1.municipality.name, $1.municipality.code, $1.paragraph, $1.text)
    }
  }
}
