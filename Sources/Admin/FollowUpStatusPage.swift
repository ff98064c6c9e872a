import Domain
import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  /// One follow-up: its deadlines, the budget adoption date (§4) and, until it is adopted, one form with a status
  /// per goal of the contract in force (§5), each goal's baseline and target beside its fields.
  func followUpPage(
    _ request: AdminRequest, _ record: FollowUpRecord, form: FollowUpStatusForm?, errors: FormErrors,
    message: String? = nil, status: HTTPStatus = .ok
  ) throws -> Response {
    let areas = try followUpAreas(record)
    let budgetAdoption = try store.budgetAdoptions(municipalityCode: record.code)[record.year]
    let form =
      form
      ?? FollowUpStatusForm(
        goals: areas.flatMap(\.goals), statuses: record.followUp.statuses, budgetAdoption: budgetAdoption)
    let editable = record.summary.adoption == nil
    let entries = Dictionary(uniqueKeysWithValues: form.entries.map { ($0.goal.id, $0) })
    let areaValues = areas.map { area -> TemplateValue in
      [
        "name": .string(area.name),
        "goals": .array(
          area.goals.map { goal in
            goalValue(
              goal, entry: entries[goal.id] ?? FollowUpStatusForm.Entry(goal: goal),
              stored: record.followUp.statuses.first { $0.goalId == goal.id }, errors: errors,
              editable: editable)
          }),
      ]
    }
    let goalIds = Set(areas.flatMap(\.goals).map(\.id))
    let budgetField = FormField(
      FollowUpStatusForm.budgetField,
      label: "Kommunalbestyrelsens vedtagelse af budgettet for \(record.year)",
      kind: .date, value: form.budgetAdoption,
      hint: "Datoen er fristen for at vedtage redegørelsen (§ 4). Står der ingen dato, er fristen "
        + "\(record.summary.dueOn.danishText), den almindelige frist for budgetvedtagelsen.",
      error: errors[FollowUpStatusForm.budgetField])
    let outside = record.followUp.statuses.filter { !goalIds.contains($0.goalId) }.count
    let saved = request.request.query.map { $0.split(separator: "&").contains("gemt") } ?? false
    return try page(
      "admin/follow-up", title: "Opfølgningsredegørelse for budgetåret \(record.year)", for: request,
      status: status,
      [
        "municipality": ["name": .string(record.municipality.name), "code": .string(record.code)],
        "followUp": .object(Self.followUpFacts(record.summary, today: try today())),
        "path": .string(record.path), "editable": .bool(editable), "saved": .bool(saved && status == .ok),
        "hasGoals": .bool(!goalIds.isEmpty),
        "outsideContract": outside == 0 ? .null : .int(outside),
        "budgetFields": .array([budgetField.templateValue]), "areas": .array(areaValues),
        "errors": errors.summary, "message": message.map(TemplateValue.string) ?? .null,
        "tokens": request.formTokens(), "discardTokens": request.formTokens(),
      ])
  }

  private func goalValue(
    _ goal: Goal, entry: FollowUpStatusForm.Entry, stored: GoalStatus?, errors: FormErrors, editable: Bool
  ) -> TemplateValue {
    let unit = goal.unit.flatMap { $0.isEmpty ? nil : $0 }
    var value: TemplateObject = [
      "title": .string(goal.title), "goalText": .string(goal.goalText),
      "indicator": .string(goal.indicator ?? ""),
      "baseline": .string(Self.numbers(goal.baselineValue, unit: unit, date: goal.baselineDate)),
      "target": .string(Self.numbers(goal.targetValue, unit: unit, date: goal.targetDate)),
      "direction": .string(goal.direction == .higher ? "Jo højere, jo bedre" : "Jo lavere, jo bedre"),
    ]
    if editable {
      let name = { (kind: FollowUpStatusForm.Kind) in FollowUpStatusForm.field(kind, goal: goal.id) }
      let fields = [
        FormField(
          name(.statusText), label: "Status på arbejdet med målet", kind: .textarea, value: entry.statusText,
          hint: "Hvor langt kommunen er kommet med målet (§ 5, stk. 1).", error: errors[name(.statusText)]),
        FormField(
          name(.measuredValue), label: "Målt værdi" + (unit.map { " (\($0))" } ?? ""), kind: .number,
          value: entry.measuredValue, hint: "Et tal, fx 90 eller 87,5.", error: errors[name(.measuredValue)]),
        FormField(
          name(.measuredOn), label: "Dato for målingen", kind: .date, value: entry.measuredOn,
          error: errors[name(.measuredOn)]),
        FormField(
          name(.result), label: "Er målet nået?", kind: .select, value: entry.result,
          error: errors[name(.result)],
          options: [FormField.Option("", "Vælg")]
            + GoalStatus.Result.allCases.map { FormField.Option($0.rawValue, Self.resultLabel($0)) }),
        FormField(
          name(.followUpText), label: "Opfølgning", kind: .textarea, value: entry.followUpText,
          hint:
            "Hvordan kommunen følger op på målet. Skal udfyldes, når målet ikke er nået eller kun er delvist "
            + "nået (§ 5, stk. 2).", error: errors[name(.followUpText)]),
      ]
      value["fields"] = .array(fields.map(\.templateValue))
    } else if let stored {
      value["status"] = [
        "text": .string(stored.statusText), "result": .string(Self.resultLabel(stored.result)),
        "measured": stored.measuredValue.map {
          .string(Self.numbers($0, unit: unit, date: stored.measuredOn))
        }
          ?? .null,
        "followUp": stored.followUpText.isEmpty ? .null : .string(stored.followUpText),
      ]
    }
    return .object(value)
  }

  static func resultLabel(_ result: GoalStatus.Result) -> String {
    switch result {
    case .reached: "Nået"
    case .partly: "Delvist nået"
    case .notReached: "Ikke nået"
    }
  }

  /// "90 % (31. december 2012)"; "ikke angivet" without a value.
  static func numbers(_ value: Double?, unit: String?, date: CalendarDate?) -> String {
    guard let value else { return "ikke angivet" }
    return DanishNumber.format(value, unit: unit) + (date.map { " (\($0.danishText))" } ?? "")
  }

  /// Saves the budget adoption date and, while the follow-up is not adopted, every goal's status: one change.
  func saveFollowUp(_ request: AdminRequest) throws -> Response {
    let record = try requireFollowUp(request)
    let areas = try followUpAreas(record)
    let editable = record.summary.adoption == nil
    let goals = editable ? areas.flatMap(\.goals) : []
    let form = FollowUpStatusForm(goals: goals, field: request.field)
    let values: FollowUpStatusForm.Values
    switch form.validate(budgetYear: record.year, today: try today()) {
    case .success(let valid): values = valid
    case .failure(let list):
      return try followUpPage(request, record, form: form, errors: list, status: .unprocessableContent)
    }
    let storedBudget = try store.budgetAdoptions(municipalityCode: record.code)[record.year]
    do {
      return try perform(request, redirect: record.path + "?gemt") { writer in
        var before: [String: Any] = [:]
        var after: [String: Any] = [:]
        if storedBudget != values.budgetAdoption {
          try writer.setBudgetAdoption(
            municipalityCode: record.code, budgetYear: record.year, adoptedOn: values.budgetAdoption)
          before["budget_adopted_on"] = storedBudget?.description ?? NSNull()
          after["budget_adopted_on"] = values.budgetAdoption?.description ?? NSNull()
        }
        for goal in goals {
          let old = record.followUp.statuses.first { $0.goalId == goal.id }
          let new = values.statuses[goal.id]
          guard old.map(Self.comparable) != new.map(Self.comparable) else { continue }
          if let new {
            try writer.setStatus(followUpId: record.followUp.id, new)
          } else {
            try writer.removeStatus(followUpId: record.followUp.id, goalId: goal.id)
          }
          before["goal \(goal.id)"] = old.map(Self.auditValue) ?? NSNull()
          after["goal \(goal.id)"] = new.map(Self.auditValue) ?? NSNull()
        }
        return AdminChange(
          "follow_up.update", entity: "follow_up", id: record.followUp.id,
          before: ["budget_year": record.year].merging(before) { $1 },
          after: ["budget_year": record.year].merging(after) { $1 })
      }
    } catch let violation as RuleViolation {
      return try followUpPage(
        request, try requireFollowUp(request), form: form, errors: FormErrors(),
        message: "Ændringerne kunne ikke gemmes: \(violation.message)", status: .conflict)
    }
  }

  /// A status without its row id, to see whether the form changed it.
  static func comparable(_ status: GoalStatus) -> GoalStatus {
    var status = status
    status.id = 0
    return status
  }

  static func auditValue(_ status: GoalStatus) -> [String: Any] {
    [
      "goal_id": status.goalId, "status_text": status.statusText,
      "measured_value": status.measuredValue ?? NSNull(),
      "measured_on": status.measuredOn?.description ?? NSNull(), "result": status.result.rawValue,
      "follow_up_text": status.followUpText,
    ]
  }
}
