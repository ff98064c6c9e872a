import Domain
import HTTP
import Store
import Web

extension CitizenSite {
  /// A goal's whole public history: each published version it was in, its adjustments and every status.
  func goalPage(code: String, lineage: Int64) throws -> Response {
    let municipality = try requireMunicipality(code)
    let published = try store.versionHistory(municipalityCode: code).filter { $0.publishedOn != nil }
    let publishedIds = Set(published.map(\.id))
    let publishedFollowUps = Set(
      try store.followUps(municipalityCode: code).filter { $0.publishedOn != nil }.map(\.id))
    let entries = try store.goalHistory(lineage: lineage).filter { publishedIds.contains($0.versionId) }
    guard let latest = entries.last, let latestVersion = try store.version(id: latest.versionId) else {
      throw PageError(.notFound, "Målet findes ikke.")
    }
    let areaName =
      latestVersion.areas.first { area in area.goals.contains { $0.id == latest.goal.id } }?.name ?? ""
    var seenStatuses: Set<Int64> = []
    let statuses = entries.flatMap(\.statuses).filter {
      publishedFollowUps.contains($0.followUpId) && seenStatuses.insert($0.status.id).inserted
    }.sorted { $0.budgetYear < $1.budgetYear }
    var seenAdjustments: Set<Int64> = []
    let adjustments = entries.flatMap(\.adjustments).filter { seenAdjustments.insert($0.id).inserted }
    let view = GoalView(
      goal: latest.goal, municipalityCode: code, areaName: areaName, adjustments: adjustments,
      statuses: statuses)
    let versions: [TemplateValue] = entries.reversed().map { entry in
      [
        "number": .int(entry.versionNumber),
        "href": .string("/kommune/\(code)/version/\(entry.versionNumber)"),
        "published": .string(DanishFormat.date(entry.publishedOn)), "title": .string(entry.goal.title),
        "goalText": .string(entry.goal.goalText),
        "target": .string(
          GoalView.targetText(entry.goal.targetValue, unit: entry.goal.unit, date: entry.goal.targetDate)),
      ]
    }
    // In force when one of the published versions it was in is the version in force.
    let inForce = try store.versionInForce(municipalityCode: code, asOf: try today())
    let stillInForce = entries.contains { $0.versionId == inForce?.id }
    return try page(
      "citizen/goal", title: "\(latest.goal.title) – \(municipality.name)",
      example: entries.contains { $0.goal.isExample },
      crumbs: [Self.municipalityCrumb(municipality), Crumb(label: latest.goal.title)],
      [
        "municipality": ["code": .string(code), "name": .string(municipality.name)],
        "goal": view.templateValue, "goalList": [view.templateValue], "versions": .array(versions),
        "statuses": .array(statuses.reversed().map { GoalView.statusValue($0, unit: latest.goal.unit) }),
        "inForce": .bool(stillInForce),
      ])
  }
}
