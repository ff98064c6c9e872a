import Domain
import HTTP
import Store
import Web

extension CitizenSite {
  /// The municipality's published versions, newest first.
  func publishedVersions(_ code: String) throws -> [ContractVersion] {
    try store.versionHistory(municipalityCode: code).filter { $0.publishedOn != nil }.reversed()
  }

  func historyPage(code: String) throws -> Response {
    let municipality = try requireMunicipality(code)
    let versions = try publishedVersions(code)
    let values: [TemplateValue] = versions.enumerated().map { index, version in
      var facts = versionFacts(version)
      if index + 1 < versions.count {
        let older = versions[index + 1].number
        facts["compareHref"] = .string("/kommune/\(code)/sammenlign?fra=\(older)&til=\(version.number)")
        facts["previous"] = .int(older)
      }
      return .object(facts)
    }
    return try page(
      "citizen/history", title: "\(municipality.name): kontraktens historik",
      example: municipality.isExample || versions.contains(where: \.isExample),
      crumbs: [Self.municipalityCrumb(municipality), Crumb(label: "Historik")],
      [
        "municipality": ["code": .string(code), "name": .string(municipality.name)],
        "versions": .array(values), "canCompare": .bool(versions.count > 1),
        "choicesFrom": .array(
          versions.enumerated().map { ["number": .int($1.number), "selected": .bool($0 == 1)] }),
        "choicesTo": .array(
          versions.enumerated().map { ["number": .int($1.number), "selected": .bool($0 == 0)] }),
      ])
  }

  func versionPage(code: String, number: Int) throws -> Response {
    let municipality = try requireMunicipality(code)
    let versions = try publishedVersions(code)
    guard let summary = versions.first(where: { $0.number == number }),
      let version = try store.version(id: summary.id)
    else { throw PageError(.notFound, "Versionen findes ikke eller er ikke offentliggjort.") }
    let inForce = try store.versionInForce(municipalityCode: code, asOf: try today())
    let areas: [TemplateValue] = version.areas.map { area in
      [
        "serviceAreaId": .int(Int(area.serviceAreaId)), "name": .string(area.name),
        "goals": .array(
          area.goals.map {
            GoalView(
              goal: $0, municipalityCode: code, areaName: area.name, adjustments: [], statuses: [],
              showsProgress: false
            ).templateValue
          }),
      ]
    }
    var facts = versionFacts(version)
    facts["recommendations"] = .null
    return try page(
      "citizen/version", title: "\(municipality.name): kvalitetskontrakt, version \(number)",
      example: version.isExample,
      crumbs: [
        Self.municipalityCrumb(municipality), Crumb(label: "Historik", href: "/kommune/\(code)/historik"),
        Crumb(label: "Version \(number)"),
      ],
      [
        "municipality": ["code": .string(code), "name": .string(municipality.name)],
        "number": .int(number), "facts": [.object(facts)], "areas": .array(areas),
        "inForce": .bool(inForce?.id == version.id),
      ])
  }

  func comparePage(code: String, query: QueryParameters) throws -> Response {
    let municipality = try requireMunicipality(code)
    let versions = try publishedVersions(code)
    guard versions.count > 1 else {
      throw PageError(.notFound, "Kommunen har kun én offentliggjort version; der er intet at sammenligne.")
    }
    func number(_ name: String, default value: Int) throws -> Int {
      guard let text = query[name], !text.isEmpty else { return value }
      guard let number = Int(text), versions.contains(where: { $0.number == number }) else {
        throw PageError(.badRequest, "Version “\(text)” findes ikke blandt de offentliggjorte versioner.")
      }
      return number
    }
    let to = try number("til", default: versions[0].number)
    let from = try number("fra", default: versions.first { $0.number < to }?.number ?? versions[1].number)
    guard let old = try store.version(id: versions.first { $0.number == from }!.id),
      let new = try store.version(id: versions.first { $0.number == to }!.id)
    else { throw PageError(.notFound, "Versionen findes ikke.") }
    let comparison = VersionComparison(old: old, new: new) { value, unit, date in
      GoalView.targetText(value, unit: unit, date: date)
    }
    return try page(
      "citizen/compare", title: "\(municipality.name): version \(from) og \(to) sammenlignet",
      example: old.isExample || new.isExample,
      crumbs: [
        Self.municipalityCrumb(municipality), Crumb(label: "Historik", href: "/kommune/\(code)/historik"),
        Crumb(label: "Sammenligning"),
      ],
      [
        "municipality": ["code": .string(code), "name": .string(municipality.name)],
        "from": .int(from), "to": .int(to),
        "fromHref": .string("/kommune/\(code)/version/\(from)"),
        "toHref": .string("/kommune/\(code)/version/\(to)"),
        "choicesFrom": .array(
          versions.map { ["number": .int($0.number), "selected": .bool($0.number == from)] }),
        "choicesTo": .array(
          versions.map { ["number": .int($0.number), "selected": .bool($0.number == to)] }),
        "addedAreas": .array(comparison.addedAreas.map(TemplateValue.string)),
        "removedAreas": .array(comparison.removedAreas.map(TemplateValue.string)),
        "changes": .array(comparison.goals.map { changeValue($0, code: code) }),
        "same": .bool(comparison.isEmpty),
      ])
  }

  static func fieldLabel(_ field: VersionComparison.Field) -> String {
    switch field {
    case .area: "Serviceområde"
    case .title: "Betegnelse"
    case .theme: "Tema"
    case .goalText: "Mål"
    case .indicator: "Indikator"
    case .unit: "Enhed"
    case .baseline: "Udgangspunkt"
    case .target: "Målsætning"
    case .direction: "Retning"
    case .means: "Veje til målet"
    }
  }

  private func changeValue(_ change: VersionComparison.GoalChange, code: String) -> TemplateValue {
    switch change {
    case .added(let goal, let area):
      return [
        "kind": "added", "added": true, "label": "Nyt mål", "title": .string(goal.title),
        "area": .string(area),
        "href": .string("/kommune/\(code)/maal/\(goal.lineage)"), "goalText": .string(goal.goalText),
      ]
    case .removed(let goal, let area):
      return [
        "kind": "removed", "removed": true, "label": "Mål fjernet", "title": .string(goal.title),
        "area": .string(area), "href": .string("/kommune/\(code)/maal/\(goal.lineage)"),
        "goalText": .string(goal.goalText),
      ]
    case .changed(_, let new, let area, let fields):
      let targetOnly = fields.allSatisfy { $0.field == .target }
      return [
        "kind": "changed", "changed": true,
        "label": .string(targetOnly ? "Målsætning justeret" : "Mål ændret"),
        "title": .string(new.title), "area": .string(area),
        "href": .string("/kommune/\(code)/maal/\(new.lineage)"),
        "fields": .array(
          fields.map {
            [
              "label": .string(Self.fieldLabel($0.field)),
              "old": .string($0.field == .direction ? directionText($0.old) : $0.old),
              "new": .string($0.field == .direction ? directionText($0.new) : $0.new),
            ]
          }),
      ]
    }
  }

  private func directionText(_ raw: String) -> String {
    raw == Direction.lower.rawValue ? "jo lavere, jo bedre" : "jo højere, jo bedre"
  }
}
