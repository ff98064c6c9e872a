import Domain
import HTTP
import Store
import Web

extension AdminSite {
  /// Committee recommendation, council adoption, publication, target adjustment.
  static let decisionPageNames: [String] = [
    "admin/decision-recommendation", "admin/decision-adoption", "admin/decision-publication",
    "admin/decision-contract", "admin/adjust-target",
  ]

  func registerDecisionRoutes(on routes: inout AdminRoutes) {
    routes.get("/admin/kommune/:code/kontrakt", .staff) { request in try contractPage(request) }
    routes.get("/admin/kommune/:code/udkast/indstilling", .staff) { request in
      try recommendationPage(request, draft: try requireDraft(request), values: nil)
    }
    routes.post("/admin/kommune/:code/udkast/indstilling", .staff) { request in
      try recordRecommendation(request)
    }
    routes.get("/admin/kommune/:code/udkast/vedtagelse", .staff) { request in
      try adoptionPage(request, draft: try requireDraft(request), values: nil)
    }
    routes.post("/admin/kommune/:code/udkast/vedtagelse", .staff) { request in try adoptDraft(request) }
    routes.get("/admin/kommune/:code/version/:number/offentliggoerelse", .staff) { request in
      try publicationPage(request, version: try requireVersion(request))
    }
    routes.post("/admin/kommune/:code/version/:number/offentliggoerelse", .staff) { request in
      try publishVersion(request)
    }
    routes.get("/admin/kommune/:code/maal/:goal/justering", .staff) { request in
      try adjustmentPage(request, goal: try requireGoalInForce(request), values: nil)
    }
    routes.post("/admin/kommune/:code/maal/:goal/justering", .staff) { request in
      try adjustTarget(request)
    }
  }

  /// The version `:number` of the municipality in the path (with its areas and goals), or 404.
  func requireVersion(_ request: AdminRequest) throws -> ContractVersion {
    try version(number: try request.id("number"), of: try request.code)
  }

  func version(number: Int64, of code: String) throws -> ContractVersion {
    guard
      let summary = try store.versionHistory(municipalityCode: code).first(where: { $0.number == number }),
      let version = try store.version(id: summary.id)
    else { throw AdminError.notFound("Versionen") }
    return version
  }

  /// The version a decision form names in its hidden `version` field (the one the person looked at), or 404.
  func versionNamedInForm(_ request: AdminRequest) throws -> ContractVersion {
    guard let number = Int64(request.field("version")), number > 0 else {
      throw AdminError(
        .badRequest, "Formularen mangler versionsnummeret. Gå tilbage, genindlæs siden, og prøv igen.")
    }
    return try version(number: number, of: try request.code)
  }

  /// The recommendations and their template values, for the recommendation and adoption pages.
  func recommendationValues(versionId: Int64) throws -> TemplateValue {
    .array(
      try store.recommendations(versionId: versionId).map {
        [
          "committee": .string($0.committee), "date": .string($0.recommendedOn.danishText),
          "note": .string($0.note),
        ]
      })
  }

  /// A target as citizens read it: "90 % senest 31. december 2030".
  static func targetText(_ value: Double?, unit: String?, date: CalendarDate?) -> String {
    guard let value else { return "ingen målværdi" }
    let text = DanishNumber.format(value, unit: unit)
    guard let date else { return text }
    return text + " senest " + date.danishText
  }
}
