import Domain
import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  /// Delegationsforbud: the council's adoption of the draft (date and meeting). Shows first what §2 says stops it and
  /// the guidance's warning about many goals in an area.
  func adoptionPage(
    _ request: AdminRequest, draft: ContractVersion, values: QueryParameters?,
    errors: FormErrors = FormErrors(),
    status: HTTPStatus = .ok
  ) throws -> Response {
    let code = try request.code
    let typed = { (name: String) in values?[name] ?? "" }
    let fields = [
      FormField(
        "adopted_on", label: "Dato for kommunalbestyrelsens vedtagelse",
        kind: .date,
        value: typed("adopted_on"),
        hint: "Datoen for byrådets møde. Den kan ikke ligge i fremtiden.", error: errors["adopted_on"],
        required: true),
      FormField(
        "meeting_reference", label: "Møde og punkt", value: typed("meeting_reference"),
        hint: "Fx Byrådet 24. juni 2010, punkt 7.", error: errors["meeting_reference"], required: true),
    ]
    return try page(
      "admin/decision-adoption", title: "Vedtagelse af version \(draft.number)", for: request, status: status,
      [
        "code": .string(code),
        "draft": ["number": .int(draft.number), "changeNote": .string(draft.changeNote)],
        "recommendations": try recommendationValues(versionId: draft.id),
        "problems": .array(try store.problems(versionId: draft.id).map { .string($0.message) }),
        "warnings": .array(ContentRules.guidanceWarnings(draft).map { .string($0) }),
        "fields": .array(fields.map(\.templateValue)), "errors": errors.summary,
        "tokens": request.formTokens(),
      ])
  }

  func adoptDraft(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let draft = try versionNamedInForm(request)
    let reference = request.field("meeting_reference")
    var errors = FormErrors()
    let date = try meetingDate(
      request.field("adopted_on"), field: "adopted_on", errors: &errors,
      missing: "Skriv datoen for kommunalbestyrelsens vedtagelse, fx 24-06-2010.",
      future:
        "Vedtagelsesdatoen ligger i fremtiden. Registrér vedtagelsen, når kommunalbestyrelsen har vedtaget kontrakten."
    )
    if reference.isEmpty {
      errors.add(
        "meeting_reference",
        "Skriv mødet og punktet, hvor kommunalbestyrelsen vedtog kontrakten, fx Byrådet 24. juni 2010, punkt 7."
      )
    } else if reference.count > 300 {
      errors.add("meeting_reference", "Skriv mødet og punktet med højst 300 tegn.")
    }
    guard errors.isEmpty, let date else {
      return try adoptionPage(
        request, draft: draft, values: request.form, errors: errors, status: .unprocessableContent)
    }
    let adoption = Adoption(adoptedOn: date, meetingReference: reference)
    do {
      return try perform(
        request, redirect: "/admin/kommune/\(code)/version/\(draft.number)/offentliggoerelse"
      ) {
        writer in
        guard try writer.version(id: draft.id)?.isDraft == true else {
          throw AdminError(.conflict, "Version \(draft.number) er allerede vedtaget.")
        }
        try writer.adopt(versionId: draft.id, adoption)
        return AdminChange(
          "version.adopt", entity: "contract_version", id: draft.id,
          before: ["number": draft.number, "adopted_on": NSNull(), "meeting_reference": NSNull()],
          after: [
            "number": draft.number, "adopted_on": date.description, "meeting_reference": reference,
            "publication_deadline": adoption.publicationDeadline.description,
          ])
      }
    } catch let violation as RuleViolation {
      switch violation.rule {
      case .delegation where violation.message.contains("fremtiden"):
        errors.add(
          "adopted_on",
          "Vedtagelsesdatoen ligger i fremtiden. Registrér vedtagelsen, når kommunalbestyrelsen har vedtaget kontrakten."
        )
      case .section2 where !violation.problems.isEmpty:
        for problem in violation.problems { errors.add("problemer", problem.message) }
      default:
        errors.add("problemer", violation.message)
      }
      return try adoptionPage(
        request, draft: draft, values: request.form, errors: errors, status: .unprocessableContent)
    }
  }
}
