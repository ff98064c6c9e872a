import Domain
import HTTP
import Store
import Web

extension CitizenSite {
  func registerMunicipalityPages(on router: inout Router) {
    router.get("/kommune/:code", cached { try municipalityPage(code: $0.parameters["code"] ?? "") })
    router.get(
      "/kommune/:code/maal/:lineage(int)",
      cached {
        try goalPage(code: $0.parameters["code"] ?? "", lineage: try $0.parameter("lineage", as: Int64.self))
      })
    router.get("/kommune/:code/historik", cached { try historyPage(code: $0.parameters["code"] ?? "") })
    router.get(
      "/kommune/:code/version/:number(int)",
      cached { try versionPage(code: $0.parameters["code"] ?? "", number: try $0.parameter("number")) })
    router.get(
      "/kommune/:code/sammenlign",
      cached(query: .normalized) {
        try comparePage(code: $0.parameters["code"] ?? "", query: try $0.queryParameters())
      })
    router.get(
      "/kommune/:code/opfoelgning/:year(int)",
      cached { try followUpPage(code: $0.parameters["code"] ?? "", year: try $0.parameter("year")) })
  }

  /// The municipality, or the site's 404 page.
  func requireMunicipality(_ code: String) throws -> Municipality {
    guard Municipality.isCode(code), let municipality = try store.municipality(code: code) else {
      throw PageError(.notFound, "Kommunen findes ikke.")
    }
    return municipality
  }

  static func municipalityCrumb(_ municipality: Municipality, current: Bool = false) -> Crumb {
    Crumb(label: municipality.name, href: current ? nil : "/kommune/\(municipality.code)")
  }

  func municipalityPage(code: String) throws -> Response {
    guard Municipality.isCode(code), let overview = try store.municipalityOverview(code: code) else {
      throw PageError(.notFound, "Kommunen findes ikke.")
    }
    return try municipalityPage(overview)
  }

  /// The municipality page for `overview`; a preview (of a version not yet published) says so and is not indexed.
  func municipalityPage(_ overview: MunicipalityOverview, preview: Bool = false) throws -> Response {
    let municipality = overview.municipality
    let code = municipality.code
    var fields: TemplateObject = [
      "municipality": ["code": .string(code), "name": .string(municipality.name)],
      "followUps": .array(overview.followUps.reversed().map { followUpValue($0, code: code) }),
      "versionCount": .int(overview.publishedVersions),
    ]
    var example = municipality.isExample || overview.followUps.contains(where: \.isExample)
    if let contract = overview.contract {
      example = example || contract.version.isExample
      fields["contract"] = contractValue(contract, code: code, preview: preview)
    }
    if preview {
      fields["preview"] = true
    } else {
      fields["feed"] = [
        "href": .string("/kommune/\(code)/feed.atom"), "title": .string("\(municipality.name): nyt (Atom)"),
      ]
    }
    return try page(
      "citizen/municipality",
      title: "\(preview ? "Forhåndsvisning – " : "")\(municipality.name): kvalitetskontrakt",
      example: example, crumbs: [Self.municipalityCrumb(municipality, current: true)], fields)
  }

  func versionFacts(_ version: ContractVersion) -> TemplateObject {
    [
      "number": .int(version.number), "changeNote": .string(version.changeNote),
      "adopted": .string(DanishFormat.date(version.adoption?.adoptedOn)),
      "meeting": .string(version.adoption?.meetingReference ?? ""),
      "deadline": .string(DanishFormat.date(version.adoption?.publicationDeadline)),
      "published": .string(DanishFormat.date(version.publishedOn)),
      "late": .bool(version.publishedLate ?? false),
      "href": .string("/kommune/\(version.municipalityCode)/version/\(version.number)"),
    ]
  }

  private func contractValue(_ contract: ContractInForce, code: String, preview: Bool) -> TemplateValue {
    var facts = versionFacts(contract.version)
    if preview { Self.markAsPreview(&facts, contract.version) }
    facts["recommendations"] = .array(
      contract.recommendations.map {
        [
          "committee": .string($0.committee), "date": .string(DanishFormat.date($0.recommendedOn)),
          "note": .string($0.note),
        ]
      })
    var fields: TemplateObject = ["number": .int(contract.version.number), "facts": [.object(facts)]]
    fields["areas"] = .array(
      contract.version.areas.map { area in
        [
          "id": .int(Int(area.id)), "serviceAreaId": .int(Int(area.serviceAreaId)),
          "name": .string(area.name),
          "goalCount": .string(area.goals.count == 1 ? "1 mål" : "\(area.goals.count) mål"),
          "goals": .array(
            area.goals.map { goal in
              GoalView(
                goal: goal, municipalityCode: code, areaName: area.name,
                adjustments: contract.adjustments[goal.lineage] ?? [],
                statuses: contract.statuses[goal.lineage] ?? []
              ).templateValue
            }),
        ]
      })
    return .object(fields)
  }

  func followUpValue(_ followUp: FollowUpSummary, code: String) -> TemplateValue {
    [
      "year": .int(followUp.budgetYear),
      "href": .string("/kommune/\(code)/opfoelgning/\(followUp.budgetYear)"),
      "due": .string(DanishFormat.date(followUp.dueOn)),
      "adopted": .string(DanishFormat.date(followUp.adoption?.adoptedOn)),
      "meeting": .string(followUp.adoption?.meetingReference ?? ""),
      "adoptedLate": .bool(followUp.adoptedLate ?? false),
      "deadline": .string(DanishFormat.date(followUp.publicationDeadline)),
      "published": .string(DanishFormat.date(followUp.publishedOn)),
      "late": .bool(followUp.publishedLate ?? false),
    ]
  }
}
