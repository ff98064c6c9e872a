import Domain
import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  func registerDraftGoalRoutes(on routes: inout AdminRoutes, under draft: String) {
    routes.get(draft + "/omraader/:area/maal", .staff) { request in try newGoalPage(request) }
    routes.post(draft + "/omraader/:area/maal", .staff) { request in try addDraftGoal(request) }
    routes.get(draft + "/maal/:goal", .staff) { request in try editGoalPage(request) }
    routes.post(draft + "/maal/:goal", .staff) { request in try updateDraftGoal(request) }
    routes.get(draft + "/maal/:goal/fjern", .staff) { request in try confirmRemoveGoal(request) }
    routes.post(draft + "/maal/:goal/fjern", .staff) { request in try removeDraftGoal(request) }
    routes.post(draft + "/maal/:goal/flyt", .staff) { request in try moveDraftGoal(request) }
  }

  /// The goal `id` of the draft with its area; 404 when it belongs to another version or municipality, or does not
  /// exist.
  static func goal(_ id: Int64, in draft: ContractVersion) throws -> (area: VersionArea, goal: Goal) {
    for area in draft.areas {
      if let goal = area.goals.first(where: { $0.id == id }) { return (area, goal) }
    }
    throw AdminError.notFound("Målet")
  }

  /// A goal as the audit log keeps it.
  static func auditValue(_ goal: Goal) -> [String: Any] {
    [
      "id": goal.id, "lineage": goal.lineage, "title": goal.title, "theme": goal.theme,
      "goalText": goal.goalText,
      "indicator": goal.indicator ?? NSNull(), "unit": goal.unit ?? NSNull(),
      "baselineValue": goal.baselineValue ?? NSNull(),
      "baselineDate": goal.baselineDate?.description ?? NSNull(),
      "targetValue": goal.targetValue ?? NSNull(), "targetDate": goal.targetDate?.description ?? NSNull(),
      "direction": goal.direction.rawValue, "means": goal.means,
    ]
  }

  // MARK: The goal form

  func newGoalPage(_ request: AdminRequest) throws -> Response {
    let draft = try requireDraft(request)
    let area = try Self.area(try request.id("area"), in: draft)
    return try goalFormPage(request, draft: draft, area: area, goal: nil, form: DraftGoalForm())
  }

  func editGoalPage(_ request: AdminRequest) throws -> Response {
    let draft = try requireDraft(request)
    let (area, goal) = try Self.goal(try request.id("goal"), in: draft)
    return try goalFormPage(request, draft: draft, area: area, goal: goal, form: DraftGoalForm(goal))
  }

  func goalFormPage(
    _ request: AdminRequest, draft: ContractVersion, area: VersionArea, goal: Goal?, form: DraftGoalForm,
    errors: FormErrors = FormErrors(), message: String? = nil, status: HTTPStatus = .ok
  ) throws -> Response {
    let code = draft.municipalityCode
    var missing: [String] = []
    if let goal, errors.isEmpty {
      let labels = Dictionary(
        uniqueKeysWithValues: ContentRules.requiredGoalFields.map { ($0.column, $0.label) })
      missing = try store.problems(versionId: draft.id).filter { $0.goalId == goal.id }.compactMap {
        $0.field.flatMap { labels[$0] }
      }
    }
    let heading = goal.map { "Ret målet “\($0.title)”" } ?? "Nyt mål i \(area.name)"
    return try page(
      "admin/draft-goal", title: goal == nil ? "Nyt mål" : "Ret mål", for: request, status: status,
      [
        "heading": .string(heading), "area": .string(area.name), "number": .int(draft.number),
        "action": .string(
          goal.map { Self.draftPath(code, "/maal/\($0.id)") }
            ?? Self.draftPath(code, "/omraader/\(area.id)/maal")),
        "back": .string(Self.draftPath(code, goal.map { "#maal-\($0.id)" } ?? "#omraade-\(area.id)")),
        "errors": errors.summary, "message": message.map(TemplateValue.string) ?? .null,
        "missing": .string(missing.joined(separator: ", ")),
        "groups": .array(
          form.fieldGroups(errors: errors).map {
            ["legend": .string($0.legend), "fields": .array($0.fields.map(\.templateValue))]
          }),
        "tooMany": .bool(goal == nil && area.goals.count >= 3),
        "goalCount": .int(area.goals.count),
        "tokens": request.formTokens(),
      ])
  }

  func addDraftGoal(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let areaId = try request.id("area")
    let form = DraftGoalForm(request)
    switch form.validated() {
    case .failure(let problems):
      let draft = try requireDraft(request)
      return try goalFormPage(
        request, draft: draft, area: try Self.area(areaId, in: draft), goal: nil, form: form,
        errors: problems, status: .unprocessableContent)
    case .success(let goal):
      return try goalChange(request, form: form, areaId: areaId, goalId: nil) { writer in
        let draft = try Self.requireDraft(writer, code)
        let area = try Self.area(areaId, in: draft)
        let added = try writer.addGoal(versionAreaId: area.id, goal)
        return AdminChange(
          "draft.goal.add", entity: "goal", id: added.id,
          after: Self.auditValue(added).merging(["area": area.name, "version": draft.number]) { $1 },
          redirect: Self.draftPath(code, "#maal-\(added.id)"))
      }
    }
  }

  func updateDraftGoal(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let goalId = try request.id("goal")
    let form = DraftGoalForm(request)
    switch form.validated() {
    case .failure(let problems):
      let draft = try requireDraft(request)
      let (area, goal) = try Self.goal(goalId, in: draft)
      return try goalFormPage(
        request, draft: draft, area: area, goal: goal, form: form, errors: problems,
        status: .unprocessableContent)
    case .success(var updated):
      return try goalChange(request, form: form, areaId: nil, goalId: goalId) { writer in
        let draft = try Self.requireDraft(writer, code)
        let (_, goal) = try Self.goal(goalId, in: draft)
        try writer.updateGoal(id: goal.id, updated)
        updated.id = goal.id
        updated.lineage = goal.lineage
        return AdminChange(
          "draft.goal.update", entity: "goal", id: goal.id, before: Self.auditValue(goal),
          after: Self.auditValue(updated), redirect: Self.draftPath(code, "#maal-\(goal.id)"))
      }
    }
  }

  /// Saves a goal; a rule the Store enforces brings the form back (422) with every value as sent and the message.
  private func goalChange(
    _ request: AdminRequest, form: DraftGoalForm, areaId: Int64?, goalId: Int64?,
    _ body: (Store.Writer) throws -> AdminChange
  ) throws -> Response {
    let code = try request.code
    do {
      return try perform(request, redirect: Self.draftPath(code), body)
    } catch {
      guard RuleViolation(naming: error) != nil || error is StoreError else { throw error }
      let draft = try requireDraft(request)
      let area: VersionArea
      var goal: Goal?
      if let goalId {
        (area, goal) = try Self.goal(goalId, in: draft)
      } else {
        area = try Self.area(areaId ?? 0, in: draft)
      }
      return try goalFormPage(
        request, draft: draft, area: area, goal: goal, form: form, message: Self.refusal(error),
        status: .unprocessableContent)
    }
  }

  // MARK: Remove and move

  func confirmRemoveGoal(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let draft = try requireDraft(request)
    let (area, goal) = try Self.goal(try request.id("goal"), in: draft)
    return try page(
      "admin/draft-confirm", title: "Fjern mål", for: request,
      [
        "heading": .string("Fjern målet “\(goal.title)”?"),
        "text": .string(
          "Målet fjernes fra \(area.name) i udkastet til version \(draft.number). "
            + "Vedtagne versioner og målets historik berøres ikke."),
        "items": .array([]),
        "action": .string(Self.draftPath(code, "/maal/\(goal.id)/fjern")),
        "button": .string("Fjern målet “\(goal.title)”"),
        "back": .string(Self.draftPath(code, "#maal-\(goal.id)")), "tokens": request.formTokens(),
      ])
  }

  func removeDraftGoal(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let goalId = try request.id("goal")
    return try draftChange(request, redirect: Self.draftPath(code)) { writer in
      let draft = try Self.requireDraft(writer, code)
      let (area, goal) = try Self.goal(goalId, in: draft)
      try writer.removeGoal(id: goal.id)
      return AdminChange(
        "draft.goal.remove", entity: "goal", id: goal.id,
        before: Self.auditValue(goal).merging(["area": area.name, "version": draft.number]) { $1 },
        redirect: Self.draftPath(code, "#omraade-\(area.id)"))
    }
  }

  func moveDraftGoal(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let goalId = try request.id("goal")
    let direction = try MoveDirection(request)
    return try draftChange(request, redirect: Self.draftPath(code, "#maal-\(goalId)")) { writer in
      let draft = try Self.requireDraft(writer, code)
      let (area, goal) = try Self.goal(goalId, in: draft)
      let ids = area.goals.map(\.id)
      let index = ids.firstIndex(of: goal.id)!
      let order = direction.moved(ids, at: index) ?? ids
      try writer.reorderGoals(versionAreaId: area.id, goalIds: order)
      return AdminChange(
        "draft.goal.move", entity: "goal", id: goal.id,
        before: ["title": goal.title, "area": area.name, "position": index + 1],
        after: ["title": goal.title, "area": area.name, "position": order.firstIndex(of: goal.id)! + 1])
    }
  }
}
