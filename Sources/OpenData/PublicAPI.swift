import Domain
import HTTP
import Store
import Web

extension OpenDataSite {
  /// The public, read-only JSON API under /api/v1 (no login): only adopted and published data. Shapes in
  /// docs/opendata-apiread.md.
  func registerPublicAPI(on router: inout Router) {
    let municipality = "/api/v1/municipalities/:code"
    router.get("/api/v1/municipalities", cachedJSON { _ in try municipalitiesJSON() })
    router.get(municipality, cachedJSON { try municipalityJSON(code: try Self.code($0)) })
    router.get("\(municipality)/contract", cachedJSON { try contractJSON(code: try Self.code($0)) })
    router.get(
      "\(municipality)/contract/versions", cachedJSON { try versionsJSON(code: try Self.code($0)) })
    router.get(
      "\(municipality)/contract/versions/:number(int)",
      cachedJSON { try versionJSON(code: try Self.code($0), number: try $0.parameter("number")) })
    router.get("\(municipality)/follow-ups", cachedJSON { try followUpsJSON(code: try Self.code($0)) })
    router.get(
      "\(municipality)/follow-ups/:budgetYear(int)",
      cachedJSON { try followUpJSON(code: try Self.code($0), budgetYear: try $0.parameter("budgetYear")) })
    router.get("/api/v1/service-areas", cachedJSON { _ in try serviceAreasJSON() })
    router.get(
      "/api/v1/search", cachedJSON(query: .normalized) { try searchJSON(query: try $0.queryParameters()) })
  }

  /// The path's municipality code when it is four digits; else 400.
  static func code(_ request: Request) throws -> String {
    let code = request.parameters["code"] ?? ""
    guard Municipality.isCode(code) else {
      throw APIProblem.badRequest("Kommunekoden skal være fire cifre, f.eks. 0169.")
    }
    return code
  }

  /// The municipality, or 404.
  func requireMunicipality(_ code: String) throws -> Municipality {
    guard let municipality = try store.municipality(code: code) else {
      throw APIProblem.notFound("Kommunen \(code) findes ikke.")
    }
    return municipality
  }

  func regionNames() throws -> [String: String] {
    Dictionary(try store.regions().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
  }

  func municipalitiesJSON() throws -> JSONValue {
    let regions = try regionNames()
    return .array(try store.municipalities().map { APIViews.municipality($0, regionNames: regions) })
  }

  func municipalityJSON(code: String) throws -> JSONValue {
    guard let overview = try store.municipalityOverview(code: code) else {
      throw APIProblem.notFound("Kommunen \(code) findes ikke.")
    }
    var fields = APIViews.municipalityFields(overview.municipality, regionNames: try regionNames())
    let inForce = overview.contract?.version
    fields += [
      ("contract", inForce.map { APIViews.versionSummary($0, inForceId: $0.id) } ?? .null),
      ("publishedVersions", .int(overview.publishedVersions)),
      ("followUps", .array(overview.followUps.map(APIViews.followUpSummary))),
    ]
    return .object(fields)
  }

  func contractJSON(code: String) throws -> JSONValue {
    let municipality = try requireMunicipality(code)
    guard let contract = try store.contractInForce(municipalityCode: code, asOf: try store.today()) else {
      throw APIProblem.notFound(
        "\(municipality.name) Kommune har endnu ingen offentliggjort kvalitetskontrakt.")
    }
    return APIViews.contract(contract, inForceId: contract.version.id)
  }

  /// The id of the version in force today, if any.
  func inForceId(_ code: String) throws -> Int64? {
    try store.versionInForce(municipalityCode: code, asOf: try store.today())?.id
  }

  func versionsJSON(code: String) throws -> JSONValue {
    _ = try requireMunicipality(code)
    let inForce = try inForceId(code)
    let published = try store.versionHistory(municipalityCode: code).filter {
      $0.publishedOn != nil && $0.adoption != nil
    }
    return .array(published.map { APIViews.versionSummary($0, inForceId: inForce) })
  }

  func versionJSON(code: String, number: Int) throws -> JSONValue {
    _ = try requireMunicipality(code)
    guard let contract = try store.publishedContract(municipalityCode: code, number: number) else {
      throw APIProblem.notFound(
        "Version \(number) af kommunens kvalitetskontrakt findes ikke eller er ikke offentliggjort.")
    }
    return APIViews.contract(contract, inForceId: try inForceId(code))
  }

  func followUpsJSON(code: String) throws -> JSONValue {
    guard let overview = try store.municipalityOverview(code: code) else {
      throw APIProblem.notFound("Kommunen \(code) findes ikke.")
    }
    return .array(overview.followUps.map(APIViews.followUpSummary))
  }

  func followUpJSON(code: String, budgetYear: Int) throws -> JSONValue {
    _ = try requireMunicipality(code)
    guard let statement = try store.publishedFollowUp(municipalityCode: code, budgetYear: budgetYear) else {
      throw APIProblem.notFound(
        "Opfølgningsredegørelsen for budgetåret \(budgetYear) findes ikke eller er ikke offentliggjort.")
    }
    return APIViews.followUp(statement)
  }

  /// The national list and every municipality's own area in a version in force, by name, each with how many
  /// municipalities' versions in force have it.
  func serviceAreasJSON() throws -> JSONValue {
    let inUse = try store.areasInUse(asOf: try store.today())
    var areas = Dictionary(
      inUse.map { ($0.area.id, ($0.area, $0.municipalities)) }, uniquingKeysWith: { a, _ in a })
    for area in try store.serviceAreas() where areas[area.id] == nil { areas[area.id] = (area, 0) }
    let sorted = areas.values.sorted { ($0.0.name, $0.0.id) < ($1.0.name, $1.0.id) }
    return .array(
      sorted.map { area, count in
        [
          "id": .int(Int(area.id)), "name": .string(area.name),
          "national": .bool(area.municipalityCode == nil),
          "municipalities": .int(count),
        ]
      })
  }

  func searchJSON(query: QueryParameters) throws -> JSONValue {
    guard let text = query["q"] else {
      throw APIProblem.badRequest("Parameteren q (søgeteksten) mangler.")
    }
    guard let parsed = SearchQuery.parse(text) else {
      throw APIProblem.badRequest(
        "Søgningen skal indeholde mindst ét ord på to eller flere bogstaver eller tal.")
    }
    let groups = try store.search(parsed, asOf: try store.today())
    return [
      "query": .string(String(text.prefix(SearchQuery.maxInputLength))),
      "terms": .array(parsed.terms.map(JSONValue.string)),
      "results": .array(
        groups.map { group in
          [
            "municipality": [
              "code": .string(group.municipalityCode), "name": .string(group.municipalityName),
            ],
            "hits": .array(group.hits.map(APIViews.searchHit)),
          ]
        }),
    ]
  }
}
