import Domain
import HTTP
import Store
import Web

extension AdminSite {
  /// Delegationsforbud: a committee's recommendation on the draft is recorded for the record; it adopts nothing.
  func recommendationPage(
    _ request: AdminRequest, draft: ContractVersion, values: QueryParameters?,
    errors: FormErrors = FormErrors(),
    status: HTTPStatus = .ok
  ) throws -> Response {
    let code = try request.code
    let typed = { (name: String, fallback: String) in values.map { $0[name] ?? "" } ?? fallback }
    let recommendedOn = typed("recommended_on", try today().description)
    let fields = [
      FormField(
        "committee", label: "Udvalg", value: typed("committee", ""),
        hint: "Fx Børne- og Skoleudvalget eller Økonomiudvalget.", error: errors["committee"], required: true),
      FormField(
        "recommended_on", label: "Dato for udvalgets møde", kind: .date,
        value: recommendedOn, error: errors["recommended_on"], required: true),
      FormField(
        "note", label: "Bemærkning", kind: .textarea, value: typed("note", ""),
        hint: "Fx udvalgets indstilling med egne ord, eller hvad udvalget ønskede ændret.",
        error: errors["note"]),
    ]
    return try page(
      "admin/decision-recommendation", title: "Udvalgets indstilling", for: request, status: status,
      [
        "code": .string(code), "draft": ["number": .int(draft.number)],
        "recommendations": try recommendationValues(versionId: draft.id),
        "fields": .array(fields.map(\.templateValue)), "errors": errors.summary,
        "tokens": request.formTokens(),
      ])
  }

  func recordRecommendation(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let draft = try versionNamedInForm(request)
    let committee = request.field("committee")
    let note = request.field("note")
    var errors = FormErrors()
    if committee.isEmpty {
      errors.add("committee", "Skriv udvalgets navn, fx Børne- og Skoleudvalget.")
    } else if committee.count > 200 {
      errors.add("committee", "Skriv udvalgets navn med højst 200 tegn.")
    }
    let date = try meetingDate(
      request.field("recommended_on"), field: "recommended_on", errors: &errors,
      missing: "Skriv datoen for udvalgets møde, fx 10-06-2010.",
      future: "Datoen ligger i fremtiden. Registrér indstillingen, når udvalget har behandlet udkastet.")
    if note.count > 2000 {
      errors.add("note", "Gør bemærkningen kortere: højst 2.000 tegn (den har \(note.count)).")
    }
    guard errors.isEmpty, let date else {
      return try recommendationPage(
        request, draft: draft, values: request.form, errors: errors, status: .unprocessableContent)
    }
    let recommendation = CommitteeRecommendation(committee: committee, recommendedOn: date, note: note)
    return try perform(request, redirect: "/admin/kommune/\(code)/udkast/vedtagelse") { writer in
      guard try writer.version(id: draft.id)?.isDraft == true else {
        throw AdminError(
          .conflict,
          "Version \(draft.number) er allerede vedtaget. En udvalgsindstilling kan kun registreres til et udkast."
        )
      }
      let id = try writer.addCommitteeRecommendation(versionId: draft.id, recommendation)
      return AdminChange(
        "version.recommendation", entity: "committee_recommendation", id: id,
        after: [
          "version": draft.number, "committee": committee, "recommended_on": date.description, "note": note,
        ])
    }
  }

  /// A meeting's date from a form: required, a real date, not in the future (a decision already taken). Adds the
  /// problem to `errors` under `field` and returns nil when there is one.
  func meetingDate(
    _ text: String, field: String, errors: inout FormErrors, missing: String, future: String
  ) throws -> CalendarDate? {
    guard !text.isEmpty else {
      errors.add(field, missing)
      return nil
    }
    guard let date = CalendarDate(typed: text) else {
      errors.add(field, "Datoen findes ikke. Skriv den som dd-mm-åååå, fx 24-06-2010.")
      return nil
    }
    if date > (try today()) {
      errors.add(field, future)
      return nil
    }
    return date
  }
}
