import Domain
import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  // MARK: Adoption (§4, §5; only the council adopts)

  func followUpAdoptionPage(
    _ request: AdminRequest, _ record: FollowUpRecord, values: (date: String, meeting: String) = ("", ""),
    errors: FormErrors = FormErrors(), problems: [RuleProblem]? = nil, status: HTTPStatus = .ok
  ) throws -> Response {
    let adopted = record.summary.adoption != nil
    let problems = try problems ?? (adopted ? [] : store.problems(followUpId: record.followUp.id))
    let fields = [
      FormField(
        "vedtaget", label: "Dato for kommunalbestyrelsens vedtagelse", kind: .date, value: values.date,
        hint:
          "Fristen er \(record.summary.dueOn.danishText) (§ 4). En senere vedtagelse registreres som for sen.",
        error: errors["vedtaget"], required: true),
      FormField(
        "moede", label: "Møde", value: values.meeting,
        hint:
          "Kommunalbestyrelsens eller byrådets møde og punkt, fx \"Byrådets møde 24. september, punkt 12\".",
        error: errors["moede"], required: true),
    ]
    return try page(
      "admin/follow-up-adoption", title: "Vedtagelse af opfølgningsredegørelsen for \(record.year)",
      for: request, status: status,
      [
        "followUp": .object(Self.followUpFacts(record.summary, today: try today())),
        "path": .string(record.path),
        "adopted": .bool(adopted),
        "problems": .array(
          problems.map { problem in
            [
              "message": .string(problem.message),
              "href": problem.goalId.map {
                .string(record.path + "#" + Self.problemAnchor(problem, goal: $0))
              }
                ?? .null,
            ]
          }),
        "refused": .bool(status == .unprocessableContent && !problems.isEmpty),
        "fields": .array(fields.map(\.templateValue)), "errors": errors.summary,
        "tokens": request.formTokens(),
      ])
  }

  /// The field on the status form a §5 problem is about.
  static func problemAnchor(_ problem: RuleProblem, goal: Int64) -> String {
    let kind: FollowUpStatusForm.Kind = problem.field == "follow_up_text" ? .followUpText : .statusText
    return FormField(FollowUpStatusForm.field(kind, goal: goal), label: "").id
  }

  func adoptFollowUp(_ request: AdminRequest) throws -> Response {
    let record = try requireFollowUp(request)
    let values = (date: request.field("vedtaget"), meeting: request.field("moede"))
    var errors = FormErrors()
    let date = CalendarDate(typed: values.date)
    let today = try today()
    if values.date.isEmpty {
      errors.add(
        "vedtaget", "Skriv datoen for kommunalbestyrelsens vedtagelse, fx \(TypedInput.example(today)).")
    } else if let date, date > today {
      errors.add(
        "vedtaget",
        "Datoen ligger efter i dag. Registrér vedtagelsen, når kommunalbestyrelsen har vedtaget redegørelsen."
      )
    } else if date == nil {
      errors.add("vedtaget", "Skriv datoen som dd-mm-åååå, fx \(TypedInput.example(today)).")
    }
    if values.meeting.isEmpty {
      errors.add("moede", "Skriv, hvilket møde i kommunalbestyrelsen der vedtog redegørelsen.")
    }
    guard errors.isEmpty, let date else {
      return try followUpAdoptionPage(
        request, record, values: values, errors: errors, status: .unprocessableContent)
    }
    do {
      return try perform(request, redirect: record.path + "/offentliggoerelse") { writer in
        guard record.summary.adoption == nil else {
          throw AdminError(.conflict, "Redegørelsen for \(record.year) er allerede vedtaget.")
        }
        try writer.adoptFollowUp(
          id: record.followUp.id, Adoption(adoptedOn: date, meetingReference: values.meeting))
        return AdminChange(
          "follow_up.adopt", entity: "follow_up", id: record.followUp.id,
          before: ["budget_year": record.year, "adopted_on": NSNull()],
          after: [
            "budget_year": record.year, "adopted_on": date.description, "meeting_reference": values.meeting,
            "adopted_late": date > record.summary.dueOn,
          ])
      }
    } catch let violation as RuleViolation {
      if violation.problems.isEmpty {
        errors.add("vedtaget", violation.message)
      }
      return try followUpAdoptionPage(
        request, record, values: values, errors: errors, problems: violation.problems,
        status: .unprocessableContent)
    }
  }

  // MARK: Publication (§6: late is recorded, never refused)

  func followUpPublicationPage(_ request: AdminRequest, _ record: FollowUpRecord) throws -> Response {
    let today = try today()
    let late = record.summary.publicationDeadline.map { today > $0 } ?? false
    return try page(
      "admin/follow-up-publication", title: "Offentliggørelse af opfølgningsredegørelsen for \(record.year)",
      for: request,
      [
        "followUp": .object(Self.followUpFacts(record.summary, today: today)), "path": .string(record.path),
        "today": .string(today.danishText), "late": .bool(late),
        "adopted": .bool(record.summary.adoption != nil),
        "published": .bool(record.summary.publishedOn != nil),
        "public": .string("/kommune/\(record.code)/opfoelgning/\(record.year)"),
        "tokens": request.formTokens(),
      ])
  }

  func publishFollowUp(_ request: AdminRequest) throws -> Response {
    let record = try requireFollowUp(request)
    let today = try today()
    return try perform(request, redirect: record.path + "/offentliggoerelse") { writer in
      guard let adoption = record.summary.adoption else {
        throw AdminError(
          .conflict, "Redegørelsen skal vedtages af kommunalbestyrelsen, før den kan offentliggøres.")
      }
      guard record.summary.publishedOn == nil else {
        throw AdminError(.conflict, "Redegørelsen for \(record.year) er allerede offentliggjort.")
      }
      try writer.publishFollowUp(id: record.followUp.id, on: today)
      return AdminChange(
        "follow_up.publish", entity: "follow_up", id: record.followUp.id,
        before: ["budget_year": record.year, "published_on": NSNull()],
        after: [
          "budget_year": record.year, "published_on": today.description,
          "published_late": today > adoption.publicationDeadline,
        ])
    }
  }

  // MARK: Discarding (only before adoption)

  func discardFollowUp(_ request: AdminRequest) throws -> Response {
    let record = try requireFollowUp(request)
    do {
      return try perform(request, redirect: "/admin/kommune/\(record.code)/opfoelgning") { writer in
        guard record.summary.adoption == nil else {
          throw AdminError(.conflict, "En vedtaget opfølgningsredegørelse kan ikke kasseres.")
        }
        try writer.discardFollowUp(id: record.followUp.id)
        return AdminChange(
          "follow_up.discard", entity: "follow_up", id: record.followUp.id,
          before: [
            "budget_year": record.year,
            "statuses": record.followUp.statuses.map(Self.auditValue),
          ])
      }
    } catch let violation as RuleViolation {
      throw AdminError(.conflict, violation.message)
    }
  }
}
