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
    return try followUpPage(
      municipality, summary: statement.summary,
      entries: statement.entries.map {
        FollowUpEntry(areaName: $0.areaName, goal: $0.goal, status: $0.status)
      },
      preview: false)
  }

  /// One goal's status in a follow-up, with the goal and the name of its service area.
  struct FollowUpEntry {
    var areaName: String
    var goal: Goal
    var status: GoalStatus
  }

  /// The follow-up page from its summary and its statuses in page order; a preview carries the preview banner.
  func followUpPage(
    _ municipality: Municipality, summary: FollowUpSummary, entries: [FollowUpEntry], preview: Bool
  ) throws -> Response {
    let code = municipality.code
    let year = summary.budgetYear
    var areas: [(name: String, entries: [TemplateValue])] = []
    for entry in entries {
      if areas.last?.name != entry.areaName { areas.append((entry.areaName, [])) }
      let status = GoalView.statusValue(
        LatestStatus(followUpId: summary.id, budgetYear: year, status: entry.status),
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
    return try page(
      "citizen/follow-up", title: "\(municipality.name): opfølgningsredegørelse for budgetåret \(year)",
      example: summary.isExample || municipality.isExample,
      crumbs: [Self.municipalityCrumb(municipality), Crumb(label: "Opfølgning \(year)")],
      [
        "municipality": ["code": .string(code), "name": .string(municipality.name)],
        "followUp": followUpValue(summary, code: code),
        "areas": .array(areas.map { ["name": .string($0.name), "entries": .array($0.entries)] }),
        "preview": .bool(preview),
      ])
  }
}
