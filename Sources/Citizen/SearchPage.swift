import Domain
import Foundation
import HTTP
import Store
import Web

extension CitizenSite {
  func registerSearch(on router: inout Router) {
    router.get(
      "/soeg", cached(query: .normalized) { request in try searchPage(query: try request.queryParameters()) })
  }

  static func fieldLabel(_ field: SearchField, budgetYear: Int?) -> String {
    switch field {
    case .title: "betegnelse"
    case .theme: "tema"
    case .goal: "mål"
    case .means: "veje til målet"
    case .status: budgetYear.map { "status for budgetåret \($0)" } ?? "status"
    case .followUp: budgetYear.map { "opfølgning for budgetåret \($0)" } ?? "opfølgning"
    }
  }

  /// Full-text search over the contracts in force and the published statuses, grouped by municipality.
  func searchPage(query: QueryParameters) throws -> Response {
    let text = String((query["q"] ?? "").prefix(200))
    var fields: TemplateObject = ["query": .string(text), "searched": false]
    var example = false
    if !text.trimmingCharacters(in: .whitespaces).isEmpty {
      if let parsed = SearchQuery.parse(text) {
        let groups = try store.search(parsed, asOf: try today())
        let hitCount = groups.reduce(0) { $0 + $1.hits.count }
        example = groups.contains { $0.hits.contains(where: \.isExample) }
        fields["searched"] = true
        fields["summary"] = .string(
          hitCount == 0
            ? "Ingen resultater for “\(text)”"
            : "\(hitCount) \(hitCount == 1 ? "resultat" : "resultater") i \(groups.count) "
              + "\(groups.count == 1 ? "kommune" : "kommuner") for “\(text)”")
        fields["groups"] = .array(groups.map { groupValue($0, terms: parsed.terms) })
      } else {
        fields["problem"] = .string(
          "Søgningen skal indeholde mindst ét ord på to eller flere bogstaver eller tal.")
      }
    }
    return try page(
      "citizen/search", title: text.isEmpty ? "Søg" : "Søg: \(text)", example: example, nav: "search",
      crumbs: [Crumb(label: "Søg")], fields)
  }

  private func groupValue(_ group: SearchResultGroup, terms: [String]) -> TemplateValue {
    [
      "code": .string(group.municipalityCode), "name": .string(group.municipalityName),
      "hits": .array(
        group.hits.map { hit in
          [
            "title": .string(hit.goalTitle), "area": .string(hit.areaName),
            "href": .string("/kommune/\(group.municipalityCode)/maal/\(hit.goalLineage)"),
            "matches": .array(
              hit.matches.filter { $0.field != .title }.map { match in
                [
                  "field": .string(Self.fieldLabel(match.field, budgetYear: hit.budgetYear)),
                  "fragments": .array(
                    SearchHighlight.snippet(of: match.text, terms: terms).map {
                      ["text": .string($0.text), "match": .bool($0.isMatch)]
                    }),
                ]
              }),
            "titleFragments": .array(
              SearchHighlight.fragments(in: hit.goalTitle, terms: terms).map {
                ["text": .string($0.text), "match": .bool($0.isMatch)]
              }),
          ]
        }),
    ]
  }
}
