import Domain
import Foundation
import HTTP
import Store
import Web

/// A new target that is the goal's current one: nothing to adjust.
private struct UnchangedTarget: Error {}

/// A goal of the version in force, with its area and the contract it is in.
struct AdjustableGoal {
  var contract: ContractInForce
  var area: VersionArea
  var goal: Goal
}

extension AdminSite {
  /// The goal `:goal` of the municipality's version in force, or 404 (another municipality's goal, an older
  /// version's, a draft's).
  func requireGoalInForce(_ request: AdminRequest) throws -> AdjustableGoal {
    let id = try request.id("goal")
    guard let contract = try store.contractInForce(municipalityCode: try request.code, asOf: try today()),
      let area = contract.version.areas.first(where: { $0.goals.contains { $0.id == id } }),
      let goal = area.goals.first(where: { $0.id == id })
    else {
      throw AdminError(.notFound, "Målet findes ikke i kommunens gældende kvalitetskontrakt.")
    }
    return AdjustableGoal(contract: contract, area: area, goal: goal)
  }

  /// Måljustering: a new target (and target date) for a goal in force, with the reason citizens will read. The
  /// change is made in the draft (created from the version in force when there is none), to be adopted and
  /// published like any other version.
  func adjustmentPage(
    _ request: AdminRequest, goal adjustable: AdjustableGoal, values: QueryParameters?,
    errors: FormErrors = FormErrors(), problem: String? = nil, status: HTTPStatus = .ok
  ) throws -> Response {
    let code = try request.code
    let goal = adjustable.goal
    let typed = { (name: String) in values?[name] ?? "" }
    let draft = try store.draft(municipalityCode: code)
    let draftGoal = draft?.areas.flatMap(\.goals).first { $0.lineage == goal.lineage }
    var draftFacts: TemplateValue = .null
    if let draft {
      draftFacts = [
        "number": .int(draft.number), "hasGoal": .bool(draftGoal != nil),
        "changed": .bool(
          draftGoal.map { $0.targetValue != goal.targetValue || $0.targetDate != goal.targetDate } ?? false),
        "target": .string(
          draftGoal.map { Self.targetText($0.targetValue, unit: $0.unit, date: $0.targetDate) } ?? ""),
      ]
    }
    let keepDate = goal.targetDate.map { "Lad feltet være tomt for at beholde \($0.danishText)." } ?? ""
    let fields = [
      FormField(
        "target_value", label: "Ny målværdi" + (goal.unit.map { " (\($0))" } ?? ""), kind: .number,
        value: typed("target_value"),
        hint:
          "Den gældende målværdi er \(goal.targetValue.map { DanishNumber.format($0, unit: goal.unit) } ?? "ikke sat"). Skriv den nye som et tal, fx 90 eller 90,5.",
        error: errors["target_value"], required: true),
      FormField(
        "target_date", label: "Ny dato for målværdien", kind: .date,
        value: typed("target_date"),
        hint: keepDate.isEmpty ? nil : keepDate, error: errors["target_date"]),
      FormField(
        "reason", label: "Begrundelse", kind: .textarea, value: typed("reason"),
        hint:
          "Borgerne ser begrundelsen sammen med den gamle og den nye målværdi, fx: På grund af personalereduktioner.",
        error: errors["reason"], required: true),
    ]
    return try page(
      "admin/adjust-target", title: "Justér målet \(goal.title)", for: request, status: status,
      [
        "code": .string(code), "action": .string("/admin/kommune/\(code)/maal/\(goal.id)/justering"),
        "version": ["number": .int(adjustable.contract.version.number)],
        "goal": [
          "title": .string(goal.title), "goalText": .string(goal.goalText),
          "area": .string(adjustable.area.name),
          "target": .string(Self.targetText(goal.targetValue, unit: goal.unit, date: goal.targetDate)),
          "baseline": goal.baselineValue.map {
            .string(
              DanishNumber.format($0, unit: goal.unit)
                + (goal.baselineDate.map { " (\($0.danishText))" } ?? ""))
          } ?? .null,
          "adjustments": .array(
            (adjustable.contract.adjustments[goal.lineage] ?? []).map {
              .string(Self.adjustmentText($0, unit: goal.unit))
            }),
        ],
        "draft": draftFacts, "problem": problem.map(TemplateValue.string) ?? .null,
        "fields": .array(fields.map(\.templateValue)), "errors": errors.summary,
        "tokens": request.formTokens(),
      ])
  }

  func adjustTarget(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let adjustable = try requireGoalInForce(request)
    let goal = adjustable.goal
    var errors = FormErrors()
    let valueText = request.field("target_value")
    let value = DanishNumber.value(valueText)
    if valueText.isEmpty {
      errors.add("target_value", "Skriv den nye målværdi som et tal, fx 90.")
    } else if value == nil {
      errors.add(
        "target_value", "Skriv målværdien som et tal, fx 90 eller 90,5 (med komma før decimalerne).")
    }
    let dateText = request.field("target_date")
    var date: CalendarDate?
    if !dateText.isEmpty {
      date = CalendarDate(typed: dateText)
      if date == nil {
        errors.add("target_date", "Datoen findes ikke. Skriv den som dd-mm-åååå, fx 31-12-2013.")
      } else if let parsed = date, let baseline = goal.baselineDate, parsed <= baseline {
        errors.add(
          "target_date",
          "Datoen for målværdien skal ligge efter datoen for udgangsværdien (\(baseline.danishText)).")
        date = nil
      }
    }
    let reason = request.field("reason")
    if reason.isEmpty {
      errors.add("reason", "Skriv begrundelsen for justeringen, fx: På grund af personalereduktioner.")
    } else if reason.count > 2000 {
      errors.add("reason", "Gør begrundelsen kortere: højst 2.000 tegn (den har \(reason.count)).")
    }
    guard errors.isEmpty, let value else {
      return try adjustmentPage(
        request, goal: adjustable, values: request.form, errors: errors, status: .unprocessableContent)
    }
    let today = try today()
    let draftId = try store.draft(municipalityCode: code)?.id
    do {
      return try perform(request, redirect: "/admin/kommune/\(code)/udkast/vedtagelse") { writer in
        // The Store changes the draft's copy of the goal, which may have been adjusted already. Checked only for a
        // form sent the first time: the same form sent again just redirects.
        var current = (goal: goal, version: adjustable.contract.version.number)
        if let draftId, let draft = try writer.version(id: draftId), draft.isDraft,
          let copy = draft.areas.flatMap(\.goals).first(where: { $0.lineage == goal.lineage })
        {
          current = (copy, draft.number)
        }
        if value == current.goal.targetValue && (date == nil || date == current.goal.targetDate) {
          throw UnchangedTarget()
        }
        let result = try writer.adjustTarget(
          goalId: goal.id, newTargetValue: value, newTargetDate: date, reason: reason, on: today)
        let draft = try writer.version(id: result.versionId)
        let adjusted = draft?.areas.flatMap(\.goals).first { $0.id == result.goalId }
        return AdminChange(
          "goal.adjust_target", entity: "goal", id: result.goalId,
          before: [
            "goal": current.goal.id, "version": current.version, "goal_in_force": goal.id,
            "target_value": current.goal.targetValue ?? NSNull(),
            "target_date": current.goal.targetDate?.description ?? NSNull(),
          ],
          after: [
            "goal": result.goalId, "version": draft?.number ?? NSNull(), "target_value": value,
            "target_date": adjusted?.targetDate?.description ?? NSNull(), "reason": reason,
          ])
      }
    } catch is UnchangedTarget {
      errors.add(
        "target_value",
        "Den nye målværdi er den samme som målets nuværende. Skriv en anden værdi, eller skriv en ny dato for målværdien."
      )
      return try adjustmentPage(
        request, goal: adjustable, values: request.form, errors: errors, status: .unprocessableContent)
    } catch StoreError.notFound {
      return try adjustmentPage(
        request, goal: adjustable, values: request.form,
        problem:
          "Målet er fjernet fra udkastet, så det kan ikke justeres dér. Ret målet i udkastet i stedet, eller kassér udkastet først.",
        status: .conflict)
    } catch let violation as RuleViolation {
      return try adjustmentPage(
        request, goal: adjustable, values: request.form,
        problem: "Målet kunne ikke justeres: \(violation.message)", status: .unprocessableContent)
    }
  }
}
