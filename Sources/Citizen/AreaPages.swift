import Domain
import HTTP
import Store
import Web

extension CitizenSite {
  func registerAreaPages(on router: inout Router) {
    router.get("/omraader", cached { _ in try areasPage() })
    router.get("/omraade/:id(int)", cached { try areaPage(id: try $0.parameter("id", as: Int64.self)) })
  }

  func areasPage() throws -> Response {
    let areas = DanishOrder.sorted(try store.areasInUse(asOf: try today()), by: \.area.name)
    return try page(
      "citizen/areas", title: "Serviceområder", example: areas.contains { $0.area.isExample }, nav: "areas",
      crumbs: [Crumb(label: "Serviceområder")],
      [
        "areas": .array(
          areas.map {
            [
              "href": .string("/omraade/\($0.area.id)"), "name": .string($0.area.name),
              "count": .string($0.municipalities == 1 ? "1 kommune" : "\($0.municipalities) kommuner"),
              "own": .bool($0.area.municipalityCode != nil),
            ]
          })
      ])
  }

  /// One service area's goals side by side across the municipalities whose contract in force has it.
  func areaPage(id: Int64) throws -> Response {
    guard let area = try store.serviceArea(id: id) else {
      throw PageError(.notFound, "Serviceområdet findes ikke.")
    }
    let groups = DanishOrder.sorted(
      try store.areaGoals(serviceAreaId: id, asOf: try today()), by: \.municipality.name)
    let municipalities: [TemplateValue] = groups.map { group in
      [
        "code": .string(group.municipality.code), "name": .string(group.municipality.name),
        "href": .string("/kommune/\(group.municipality.code)#omraade-\(id)"),
        "goals": .array(
          group.goals.map { goal in
            [
              "title": .string(goal.title),
              "href": .string("/kommune/\(group.municipality.code)/maal/\(goal.lineage)"),
              "goalText": .string(goal.goalText),
              "baseline": .string(
                GoalView.numbers(goal.baselineValue, unit: goal.unit, date: goal.baselineDate)),
              "target": .string(
                GoalView.targetText(goal.targetValue, unit: goal.unit, date: goal.targetDate)),
            ]
          }),
      ]
    }
    return try page(
      "citizen/area", title: "\(area.name) i kommunerne",
      example: area.isExample || groups.contains { $0.goals.contains(where: \.isExample) }, nav: "areas",
      crumbs: [Crumb(label: "Serviceområder", href: "/omraader"), Crumb(label: area.name)],
      [
        "name": .string(area.name), "municipalities": .array(municipalities),
        "count": .int(groups.count), "own": .bool(area.municipalityCode != nil),
      ])
  }
}
