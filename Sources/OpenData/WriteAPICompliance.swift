import Domain
import HTTP
import Store
import Web

extension OpenDataSite {
  /// The ministry's national compliance answer: per municipality, every rule's outcome as of a date.
  func registerCompliance(on router: inout Router) {
    router.get(
      "/api/v1/compliance",
      authenticated { request, principal in
        guard principal.mayReadCompliance else {
          throw APIProblem(
            .forbidden, title: "Forbidden",
            detail: "Kun ministeriets API-nøgler kan se overholdelsen for hele landet.")
        }
        let query = try request.queryParameters()
        let asOf: CalendarDate
        if let text = query["asOf"] {
          guard let date = CalendarDate(text) else {
            throw APIProblem.badRequest("«asOf»: «\(text)» er ikke en dato af formen ÅÅÅÅ-MM-DD.")
          }
          asOf = date
        } else {
          asOf = try store.today()
        }
        let findings = Dictionary(grouping: try store.compliance(asOf: asOf), by: \.municipalityCode)
        let municipalities: [JSONValue] = try store.municipalities().map { municipality in
          [
            "code": .string(municipality.code), "name": .string(municipality.name),
            "findings": .array((findings[municipality.code] ?? []).map(Self.finding)),
          ]
        }
        return Self.json(["asOf": .string(asOf.description), "municipalities": .array(municipalities)])
      })
  }

  static func finding(_ finding: ComplianceFinding) -> JSONValue {
    let (outcome, due, actual): (String, CalendarDate?, CalendarDate?) =
      switch finding.outcome {
      case .met: ("met", nil, nil)
      case .failed(let due, let actual): ("failed", due, actual)
      case .notYetDue(let due): ("not_yet_due", due, nil)
      case .notApplicable: ("not_applicable", nil, nil)
      }
    return [
      "rule": .string(finding.rule.rawValue), "section": .string(finding.rule.rule.rawValue),
      "budgetYear": .optional(finding.budgetYear), "outcome": .string(outcome),
      "due": WriteAPIObjects.date(due), "actual": WriteAPIObjects.date(actual),
    ]
  }
}
