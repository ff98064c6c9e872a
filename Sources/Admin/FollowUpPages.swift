import Domain
import HTTP
import Store
import Web

extension AdminSite {
  /// The yearly follow-up statement: create, statuses, adopt, publish.
  static let followUpPageNames: [String] = [
    "admin/follow-up-list", "admin/follow-up", "admin/follow-up-adoption", "admin/follow-up-publication",
  ]

  func registerFollowUpRoutes(on routes: inout AdminRoutes) {
    routes.get("/admin/kommune/:code/opfoelgning", .staff) { request in
      try followUpListPage(request, budgetYear: nil, errors: FormErrors())
    }
    routes.post("/admin/kommune/:code/opfoelgning", .staff) { request in try createFollowUp(request) }
    routes.get("/admin/kommune/:code/opfoelgning/:year", .staff) { request in
      let record = try requireFollowUp(request)
      return try followUpPage(request, record, form: nil, errors: FormErrors())
    }
    routes.post("/admin/kommune/:code/opfoelgning/:year", .staff) { request in try saveFollowUp(request) }
    routes.post("/admin/kommune/:code/opfoelgning/:year/kasser", .staff) { request in
      try discardFollowUp(request)
    }
    routes.get("/admin/kommune/:code/opfoelgning/:year/vedtagelse", .staff) { request in
      try followUpAdoptionPage(request, try requireFollowUp(request))
    }
    routes.post("/admin/kommune/:code/opfoelgning/:year/vedtagelse", .staff) { request in
      try adoptFollowUp(request)
    }
    routes.get("/admin/kommune/:code/opfoelgning/:year/offentliggoerelse", .staff) { request in
      try followUpPublicationPage(request, try requireFollowUp(request))
    }
    routes.post("/admin/kommune/:code/opfoelgning/:year/offentliggoerelse", .staff) { request in
      try publishFollowUp(request)
    }
    routes.get("/admin/kommune/:code/opfoelgning/:year/forhaandsvisning", .staff) { request in
      let record = try requireFollowUp(request)
      var response = try previews.followUp(record.followUp.id)
      response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
      return response
    }
  }

  // MARK: The list and a new follow-up

  /// The municipality's follow-ups by budget year, and the form that starts one.
  func followUpListPage(
    _ request: AdminRequest, budgetYear: String?, errors: FormErrors, status: HTTPStatus = .ok
  ) throws -> Response {
    let code = try request.code
    guard let municipality = try store.municipality(code: code) else { throw AdminError.notFound("Kommunen") }
    let today = try today()
    let summaries = try store.followUps(municipalityCode: code).sorted { $0.budgetYear > $1.budgetYear }
    let rows = summaries.map { summary -> TemplateValue in
      var fields = Self.followUpFacts(summary, today: today)
      fields["href"] = .string(Self.followUpPath(code, summary.budgetYear))
      return .object(fields)
    }
    let range = try budgetYearRange(today: today)
    let suggested = Self.suggestedBudgetYear(
      today: today, taken: Set(summaries.map(\.budgetYear)), range: range)
    let field = FormField(
      "budgetaar", label: "Budgetår", kind: .number, value: budgetYear ?? suggested.map(String.init) ?? "",
      hint: "Det år, budgettet gælder for. Redegørelsen for budgetåret \(today.year + 1) vedtages senest "
        + "samtidig med budgettet i efteråret \(today.year).",
      error: errors["budgetaar"], required: true)
    return try page(
      "admin/follow-up-list", title: "Opfølgningsredegørelser", for: request, status: status,
      [
        "municipality": ["name": .string(municipality.name), "code": .string(code)],
        "followUps": .array(rows), "fields": .array([field.templateValue]), "errors": errors.summary,
        "tokens": request.formTokens(),
      ])
  }

  /// Next year's budget (the one adopted this autumn), unless it already has a follow-up: then the next free year.
  static func suggestedBudgetYear(today: CalendarDate, taken: Set<Int>, range: ClosedRange<Int>) -> Int? {
    (today.year + 1...range.upperBound).first { !taken.contains($0) }
      ?? range.reversed().first { !taken.contains($0) }
  }

  /// From the first budget year of the duty (§8, stk. 3; a rule calendar date) to two years ahead.
  func budgetYearRange(today: CalendarDate) throws -> ClosedRange<Int> {
    let first = try store.ruleCalendar().firstFollowUpBudgetYear
    return min(first, today.year + 2)...(today.year + 2)
  }

  func createFollowUp(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let text = request.field("budgetaar")
    let nextYear = try today().year + 1
    let range = try budgetYearRange(today: try today())
    var errors = FormErrors()
    guard let year = Int(text), range.contains(year) else {
      errors.add(
        "budgetaar",
        text.isEmpty
          ? "Skriv budgetåret, fx \(nextYear)."
          : "Skriv budgetåret som et årstal mellem \(range.lowerBound) og \(range.upperBound), fx \(nextYear)."
      )
      return try followUpListPage(request, budgetYear: text, errors: errors, status: .unprocessableContent)
    }
    do {
      return try perform(request, redirect: Self.followUpPath(code, year)) { writer in
        let id = try writer.createFollowUp(municipalityCode: code, budgetYear: year)
        return AdminChange(
          "follow_up.create", entity: "follow_up", id: id, after: ["budget_year": year])
      }
    } catch let violation as RuleViolation where violation.rule == .section4 {
      errors.add(
        "budgetaar",
        "Der findes allerede en opfølgningsredegørelse for budgetåret \(year). Arbejd videre med den i "
          + "listen ovenfor, eller vælg et andet budgetår.")
      return try followUpListPage(request, budgetYear: text, errors: errors, status: .unprocessableContent)
    }
  }

  // MARK: Shared

  /// A follow-up of the municipality in the path, found by the budget year in the path; 404 otherwise.
  struct FollowUpRecord {
    var code: String
    var municipality: Municipality
    var summary: FollowUpSummary
    var followUp: FollowUp

    var year: Int { summary.budgetYear }
    var path: String { AdminSite.followUpPath(code, summary.budgetYear) }
  }

  func requireFollowUp(_ request: AdminRequest) throws -> FollowUpRecord {
    let code = try request.code
    let year = try request.id("year")
    guard let municipality = try store.municipality(code: code),
      let summary = try store.followUps(municipalityCode: code).first(where: { Int64($0.budgetYear) == year }
      ),
      let followUp = try store.followUp(id: summary.id), followUp.municipalityCode == code
    else { throw AdminError.notFound("Opfølgningsredegørelsen for budgetåret \(year)") }
    return FollowUpRecord(code: code, municipality: municipality, summary: summary, followUp: followUp)
  }

  static func followUpPath(_ code: String, _ year: Int) -> String {
    "/admin/kommune/\(code)/opfoelgning/\(year)"
  }

  /// The service areas and goals the follow-up reports on: the contract in force on its adoption date, or today
  /// while it is not adopted (as the Store's §5 check counts it).
  func followUpAreas(_ record: FollowUpRecord) throws -> [VersionArea] {
    let date = try record.summary.adoption?.adoptedOn ?? today()
    guard let contract = try store.contractInForce(municipalityCode: record.code, asOf: date) else {
      return []
    }
    return contract.version.areas.sorted { ($0.position, $0.id) < ($1.position, $1.id) }.map { area in
      var area = area
      area.goals.sort { ($0.position, $0.id) < ($1.position, $1.id) }
      return area
    }
  }

  /// Deadlines, dates and late flags of a follow-up, as every follow-up page shows them.
  static func followUpFacts(_ summary: FollowUpSummary, today: CalendarDate) -> TemplateObject {
    let adoptionOverdue = summary.adoption == nil && today > summary.dueOn
    let publicationOverdue =
      summary.publishedOn == nil && summary.publicationDeadline.map { today > $0 } == true
    return [
      "year": .int(summary.budgetYear), "due": .string(summary.dueOn.danishText),
      "adopted": summary.adoption.map { .string($0.adoptedOn.danishText) } ?? .null,
      "meeting": summary.adoption.map { .string($0.meetingReference) } ?? .null,
      "adoptedLate": .bool(summary.adoptedLate == true),
      "published": summary.publishedOn.map { .string($0.danishText) } ?? .null,
      "publishedLate": .bool(summary.publishedLate == true),
      "deadline": summary.publicationDeadline.map { .string($0.danishText) } ?? .null,
      "adoptionOverdue": .bool(adoptionOverdue), "publicationOverdue": .bool(publicationOverdue),
      "overdue": .bool(adoptionOverdue || publicationOverdue),
    ]
  }
}
