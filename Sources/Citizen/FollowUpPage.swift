import Domain
import HTTP
import Store
import Web

extension CitizenSite {
  /// A published follow-up statement: per area, each goal's status and the municipality's follow-up.
  func followUpPage(code: String, year: Int) throws -> Response {
    let municipality = try requireMunicipality(code)
    guard let statement = try store.publishedFollowUp(municipalityCode: code, budgetYear: year) else {
      throw PageError(.notFound, "Opfølgningsredegørelsen findes ikke eller er ikke offentliggjort.")
    }
    var areas: [(name: String, entries: [TemplateValue])] = []
    for entry in statement.entries {
      if areas.last?.name != entry.areaName { areas.append((entry.areaName, [])) }
      let status = GoalView.statusValue(
        LatestStatus(followUpId: statement.summary.id, budgetYear: year, status: entry.status),
        unit: entry.goal.unit)
      var fields: TemplateObject = [
        "title": .string(entry.goal.title), "href": .string("/kommune/\(code)/maal/\(entry.goal.lineage)"),
        "goalText": .string(entry.goal.goalText),
        "target": .string(
          GoalView.targetText(entry.goal.targetValue, unit: entry.goal.unit, date: entry.goal.targetDate)),
      ]
      if case .object(let statusFields) = status {
        for key in statusFields.keys { fields[key] = statusFields[key] }
      }
      areas[areas.count - 1].entries.append(.object(fields))
    }
    let summary = statement.summary
    return try page(
      "citizen/follow-up", title: "\(municipality.name): opfølgningsredegørelse for budgetåret \(year)",
      example: summary.isExample || municipality.isExample,
      crumbs: [Self.municipalityCrumb(municipality), Crumb(label: "Opfølgning \(year)")],
      [
        "municipality": ["code": .string(code), "name": .string(municipality.name)],
        "followUp": followUpValue(summary, code: code),
        "areas": .array(areas.map { ["name": .string($0.name), "entries": .array($0.entries)] }),
      ])
  }
}
