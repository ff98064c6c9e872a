import Domain
import HTTP
import Store
import Web

extension OpenDataSite {
  /// A budget year's follow-up (create, statuses, recommendation, adoption, publication) and the budget date.
  func registerFollowUpWrites(on router: inout Router) {
    let base = "/api/v1/municipalities/:code/follow-ups/:year(int)"
    router.put(base, authenticated { request, principal in try putFollowUp(request, principal) })
    router.post(
      "\(base)/recommendation",
      authenticated { request, principal in
        let recommendation = try Self.recommendation(try WriteAPIBody(request))
        return try changeFollowUp(request, principal, action: "follow_up.recommendation", status: .created) {
          writer, id in
          try writer.addCommitteeRecommendation(followUpId: id, recommendation)
        }
      })
    router.post(
      "\(base)/adoption",
      authenticated { request, principal in
        let adoption = try Self.adoption(try WriteAPIBody(request))
        return try changeFollowUp(request, principal, action: "follow_up.adopt") { writer, id in
          guard try writer.followUp(id: id)?.adoption == nil else {
            throw RuleViolation(rule: .section4, message: "§4: opfølgningsredegørelsen er allerede vedtaget")
          }
          try writer.adoptFollowUp(id: id, adoption)
        }
      })
    router.post(
      "\(base)/publication",
      authenticated { request, principal in
        let body = try WriteAPIBody(request, allowEmpty: true)
        try body.allowOnly(["publishedOn"])
        let date = try body.date("publishedOn") ?? store.today()
        return try changeFollowUp(request, principal, action: "follow_up.publish") { writer, id in
          guard let followUp = try writer.followUp(id: id), followUp.adoption != nil else {
            throw RuleViolation(
              rule: .section6, message: "§6: kun en vedtaget opfølgningsredegørelse kan offentliggøres")
          }
          guard followUp.publishedOn == nil else {
            throw RuleViolation(
              rule: .section3, message: "§3: opfølgningsredegørelsen er allerede offentliggjort")
          }
          try writer.publishFollowUp(id: id, on: date)
        }
      })
    router.put(
      "/api/v1/municipalities/:code/budget-adoptions/:year(int)",
      authenticated { request, principal in
        let code = try writableMunicipality(request, principal)
        let year = try request.parameter("year", as: Int.self)
        let body = try WriteAPIBody(request)
        try body.allowOnly(["adoptedOn"])
        guard body.object.keys.contains("adoptedOn") else {
          throw APIProblem.badRequest("«adoptedOn» mangler.")
        }
        let date = try body.date("adoptedOn")
        func answer(_ date: CalendarDate?) -> JSONValue {
          ["municipality": .string(code), "budgetYear": .int(year), "adoptedOn": WriteAPIObjects.date(date)]
        }
        return try change(principal, municipalityCode: code) { writer in
          let before = try writer.budgetAdoption(municipalityCode: code, budgetYear: year)
          try writer.setBudgetAdoption(municipalityCode: code, budgetYear: year, adoptedOn: date)
          return WriteAPIChange(
            action: "budget.adoption", entity: "budget_adoption", entityId: Int64(year),
            before: answer(before),
            after: answer(date))
        }
      })
  }

  /// PUT …/follow-ups/{year}: creates the follow-up when missing and sets the statuses given.
  func putFollowUp(_ request: Request, _ principal: APITokenPrincipal) throws -> Response {
    let code = try writableMunicipality(request, principal)
    let year = try request.parameter("year", as: Int.self)
    let body = try WriteAPIBody(request, allowEmpty: true)
    try body.allowOnly(["statuses"])
    let statuses = body.isNull("statuses") ? [] : try Self.statuses(try body.list("statuses"))
    return try change(principal, municipalityCode: code) { writer in
      let before = try writer.apiFollowUp(municipalityCode: code, budgetYear: year)
      let id: Int64
      if let existing = try writer.followUpSummary(municipalityCode: code, budgetYear: year) {
        id = existing.id
      } else {
        id = try writer.createFollowUp(municipalityCode: code, budgetYear: year)
      }
      for status in statuses { try writer.setStatus(followUpId: id, status) }
      guard let after = try writer.apiFollowUp(municipalityCode: code, budgetYear: year) else {
        throw StoreError.notFound("opfølgningsredegørelse \(year)")
      }
      return WriteAPIChange(
        action: before == nil ? "follow_up.create" : "follow_up.update", entity: "follow_up", entityId: id,
        before: before, after: after, status: before == nil ? .created : .ok)
    }
  }

  /// One change of an existing follow-up, answered with it (404 when the year has none).
  func changeFollowUp(
    _ request: Request, _ principal: APITokenPrincipal, action: String, status: HTTPStatus = .ok,
    _ body: @escaping (Store.Writer, Int64) throws -> Void
  ) throws -> Response {
    let code = try writableMunicipality(request, principal)
    let year = try request.parameter("year", as: Int.self)
    return try change(principal, municipalityCode: code) { writer in
      guard let summary = try writer.followUpSummary(municipalityCode: code, budgetYear: year),
        let before = try writer.apiFollowUp(municipalityCode: code, budgetYear: year)
      else {
        throw APIProblem.notFound("Kommune \(code) har ingen opfølgningsredegørelse for budgetåret \(year).")
      }
      try body(writer, summary.id)
      guard let after = try writer.apiFollowUp(municipalityCode: code, budgetYear: year) else {
        throw StoreError.notFound("opfølgningsredegørelse \(year)")
      }
      return WriteAPIChange(
        action: action, entity: "follow_up", entityId: summary.id, before: before, after: after,
        status: status)
    }
  }

  static func statuses(_ list: [Any]) throws -> [GoalStatus] {
    try list.enumerated().map { index, value in
      let path = "statuses[\(index + 1)]."
      guard let object = value as? [String: Any] else {
        throw APIProblem.badRequest("«statuses[\(index + 1)]» skal være et objekt.")
      }
      let status = WriteAPIBody(object: object)
      try status.allowOnly(["goalId", "statusText", "measured", "result", "followUpText"], at: path)
      let resultText = try status.requiredString("result", at: path)
      guard let result = GoalStatus.Result(rawValue: resultText) else {
        throw APIProblem.badRequest("«\(path)result» skal være reached, partly eller not_reached.")
      }
      let measured = try status.nested("measured", at: path)
      try measured?.allowOnly(["value", "date"], at: "\(path)measured.")
      return GoalStatus(
        goalId: try status.integer("goalId", at: path),
        statusText: try status.requiredString("statusText", at: path),
        measuredValue: try measured?.number("value", at: "\(path)measured."),
        measuredOn: try measured?.date("date", at: "\(path)measured."), result: result,
        followUpText: try status.string("followUpText", at: path) ?? "")
    }
  }
}
