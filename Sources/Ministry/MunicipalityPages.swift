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

  func deadlinesPage(_ request: MinistryRequest) throws -> Response {
    let date = try asOfDate(request)
    let list = DeadlineList(
      findings: try store.compliance(asOf: date), municipalities: try store.municipalities(),
      awaiting: try store.versionsAwaitingPublication(asOf: date),
      budgetAdoptions: try store.budgetAdoptionsByMunicipality())
    let overdue = list.rows.filter(\.overdue).count
    let rows: [TemplateValue] = list.rows.map { row in
      let days = date.days(to: row.due)
      let status: String
      if row.overdue {
        status = "Overskredet for \(-days) \(-days == 1 ? "dag" : "dage") siden"
      } else if days == 0 {
        status = "Kommende: fristen er i dag"
      } else {
        status = "Kommende: om \(days) \(days == 1 ? "dag" : "dage")"
      }
      return [
        "due": datedFields(row.due), "overdue": .bool(row.overdue), "status": .string(status),
        "municipality": .string(row.municipality.name),
        "href": .string("/ministeriet/kommune/\(row.municipality.code)?dato=\(date)"),
        "paragraph": .string(row.paragraph), "text": .string(row.text),
      ]
    }
    return try page(
      "ministry/deadlines", title: "Frister i hele landet", for: request,
      [
        "asOf": datedFields(date), "rows": .array(rows), "overdueCount": .int(overdue),
        "upcomingCount": .int(list.rows.count - overdue),
      ])
  }
}

/// A date as ISO (for `<time datetime>` and links) and in Danish words.
private func datedFields(_ date: CalendarDate) -> TemplateValue {
  ["iso": .string(date.description), "text": .string(date.danishText)]
}
