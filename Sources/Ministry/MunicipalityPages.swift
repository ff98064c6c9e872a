import Domain
import HTTP
import Store
import Web

extension MinistrySite {
  /// One municipality's violations in plain Danish, and the deadlines across the country.
  static let municipalityPageNames: [String] = ["ministry/municipality", "ministry/deadlines"]

  func addMunicipalityRoutes(to routes: inout [Route]) {
    routes.append(Route(method: .get, pattern: "/ministeriet/kommune/:code") { try municipalityPage($0) })
    routes.append(Route(method: .get, pattern: "/ministeriet/frister") { try deadlinesPage($0) })
  }

  func municipalityPage(_ request: MinistryRequest) throws -> Response {
    let code = request.request.parameters["code"] ?? ""
    guard let municipality = try store.municipality(code: code) else {
      throw MinistryError(.notFound, "Der er ingen kommune med koden «\(code)».")
    }
    let date = try asOfDate(request)
    let calendar = try store.ruleCalendar()
    let facts = MunicipalityFacts(
      versions: try store.versionHistory(municipalityCode: code),
      followUps: try store.followUps(municipalityCode: code),
      budgetAdoptions: try store.budgetAdoptions(municipalityCode: code))
    let findings = try store.compliance(asOf: date).filter { $0.municipalityCode == code }
    let report = MunicipalityReport(findings: findings, facts: facts, asOf: date, calendar: calendar)
    let region = try store.regions().first { $0.code == municipality.regionCode }
    func lines(_ lines: [MunicipalityReport.Line]) -> TemplateValue {
      .array(lines.map { ["paragraph": .string($0.paragraph), "text": .string($0.text)] })
    }
    return try page(
      "ministry/municipality", title: "Tilsyn: \(municipality.name)", for: request,
      [
        "municipality": [
          "code": .string(municipality.code), "name": .string(municipality.name),
          "region": .string(region?.name ?? municipality.regionCode),
          "example": .bool(municipality.isExample),
        ],
        "asOf": datedFields(date),
        "violations": lines(report.violations),
        "violationCount": .int(report.violations.count),
        "met": lines(report.met),
        "notYetDue": lines(report.notYetDue),
        "notApplicable": lines(report.notApplicable),
      ])
  }
}

/// A date as ISO (for `<time datetime>` and links) and in Danish words.
func datedFields(_ date: CalendarDate) -> TemplateValue {
  ["iso": .string(date.description), "text": .string(date.danishText)]
}
