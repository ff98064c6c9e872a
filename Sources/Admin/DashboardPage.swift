import Domain
import HTTP
import Store
import Web

extension AdminSite {
  func registerDashboard(on routes: inout AdminRoutes) {
    routes.get("/admin", .signedIn) { request in
      if let code = request.user.municipalityCode { return Self.redirect("/admin/kommune/\(code)") }
      return try nationalPage(request)
    }
    routes.get("/admin/kommune/:code", .staff) { request in try dashboard(request) }
  }

  /// The municipality's desk: the version in force, the draft, adopted versions waiting to be published, and the
  /// follow-ups with their deadlines; anything past its deadline is marked.
  func dashboard(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    guard let municipality = try store.municipality(code: code) else { throw AdminError.notFound("Kommunen") }
    let today = try today()
    let inForce = try store.versionInForce(municipalityCode: code, asOf: today)
    let history = try store.versionHistory(municipalityCode: code)
    let waiting = history.filter { $0.adoption != nil && $0.publishedOn == nil }.map {
      version -> TemplateValue in
      let deadline = version.adoption!.publicationDeadline
      return [
        "number": .int(version.number), "adopted": .string(version.adoption!.adoptedOn.danishText),
        "deadline": .string(deadline.danishText), "overdue": .bool(today > deadline),
        "href": .string("/admin/kommune/\(code)/version/\(version.number)/offentliggoerelse"),
      ]
    }
    let draft = try store.draft(municipalityCode: code)
    let followUps = try store.followUps(municipalityCode: code).sorted { $0.budgetYear > $1.budgetYear }.map {
      summary -> TemplateValue in
      let adoptionOverdue = summary.adoption == nil && today > summary.dueOn
      let publicationOverdue =
        summary.publishedOn == nil && summary.publicationDeadline.map { today > $0 } == true
      return [
        "year": .int(summary.budgetYear), "due": .string(summary.dueOn.danishText),
        "adopted": summary.adoption.map { .string($0.adoptedOn.danishText) } ?? .null,
        "published": summary.publishedOn.map { .string($0.danishText) } ?? .null,
        "deadline": summary.publicationDeadline.map { .string($0.danishText) } ?? .null,
        "overdue": .bool(adoptionOverdue || publicationOverdue),
        "adoptionOverdue": .bool(adoptionOverdue), "publicationOverdue": .bool(publicationOverdue),
        "href": .string("/admin/kommune/\(code)/opfoelgning/\(summary.budgetYear)"),
      ]
    }
    return try page(
      "admin/dashboard", title: municipality.name, for: request,
      [
        "municipality": ["name": .string(municipality.name), "code": .string(code)],
        "today": .string(today.danishText),
        "inForce": inForce.map { version in
          [
            "number": .int(version.number),
            "adopted": version.adoption.map { .string($0.adoptedOn.danishText) } ?? .null,
            "published": version.publishedOn.map { .string($0.danishText) } ?? .null,
            "href": .string("/kommune/\(code)"),
          ]
        } ?? .null,
        "draft": draft.map { ["number": .int($0.number), "href": .string("/admin/kommune/\(code)/udkast")] }
          ?? .null,
        "waiting": .array(waiting),
        "followUps": .array(followUps),
        "tokens": request.formTokens(),
        "isAdmin": .bool(request.user.role == .municipalAdmin),
      ])
  }

  /// The ministry's and system administrators' start page until the compliance dashboard: every municipality, with
  /// its public pages and its audit log.
  func nationalPage(_ request: AdminRequest) throws -> Response {
    let municipalities = try store.municipalities().map { municipality -> TemplateValue in
      [
        "name": .string(municipality.name), "code": .string(municipality.code),
        "public": .string("/kommune/\(municipality.code)"),
        "log": .string("/admin/kommune/\(municipality.code)/log"),
      ]
    }
    return try page(
      "admin/national", title: "Administration", for: request, ["municipalities": .array(municipalities)])
  }
}
