import Domain
import HTTP
import Store
import Web

extension CitizenSite {
  func frontPage() throws -> Response {
    let municipalities = DanishOrder.sorted(try store.municipalities(), by: \.name)
    let byRegion = Dictionary(grouping: municipalities, by: \.regionCode)
    let regions: [TemplateValue] = try store.regions().map { region in
      [
        "code": .string(region.code), "name": .string(region.name),
        "municipalities": .array(
          (byRegion[region.code] ?? []).map { ["code": .string($0.code), "name": .string($0.name)] }),
      ]
    }
    let publications = try store.latestPublications(limit: 10)
    return try page(
      "citizen/front", title: "Kommunernes kvalitetskontrakter",
      example: publications.contains(where: \.isExample),
      nav: "front",
      [
        "municipalityCount": .int(municipalities.count), "regions": .array(regions),
        "publications": .array(publications.map(publicationValue)),
        "feed": ["href": "/feed.atom", "title": "Senest offentliggjort (Atom)"],
      ])
  }

  private func publicationValue(_ publication: Publication) -> TemplateValue {
    let code = publication.municipalityCode
    let (label, href) =
      switch publication.kind {
      case .contract:
        ("Kvalitetskontrakt, version \(publication.number)", "/kommune/\(code)/version/\(publication.number)")
      case .followUp:
        (
          "Opfølgningsredegørelse for budgetåret \(publication.number)",
          "/kommune/\(code)/opfoelgning/\(publication.number)"
        )
      }
    return [
      "label": .string(label), "href": .string(href),
      "municipalityName": .string(publication.municipalityName),
      "publishedOn": .string(DanishFormat.date(publication.publishedOn)),
      "late": .bool(publication.publishedLate),
    ]
  }
}
