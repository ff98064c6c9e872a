import Domain
import HTTP
import Store
import Web

extension AdminSite {
  /// The form for adding a service area as it was sent, when it comes back with problems.
  struct AreaFormInput {
    var selected = ""
    var newName = ""
    var errors = FormErrors()
  }

  /// The draft editor: every area in order with its goals, what still blocks adoption (§2), the guidance on few
  /// goals as a warning, the change note, preview and discard. Without a draft: a page offering to create one.
  /// `message` is a refused change; `areaForm` and `changeNote` are forms that came back with their problems.
  func draftEditor(
    _ request: AdminRequest, status: HTTPStatus = .ok, message: String? = nil,
    areaForm: AreaFormInput = AreaFormInput(), changeNote: (text: String, errors: FormErrors)? = nil
  ) throws -> Response {
    let code = try request.code
    guard let municipality = try store.municipality(code: code) else { throw AdminError.notFound("Kommunen") }
    let municipalityValue: TemplateValue = ["name": .string(municipality.name), "code": .string(code)]
    guard let draft = try store.draft(municipalityCode: code) else {
      let inForce = try store.versionInForce(municipalityCode: code, asOf: try today())
      return try page(
        "admin/draft-none", title: "Kontraktudkast", for: request, status: status,
        [
          "municipality": municipalityValue,
          "inForce": inForce.map { ["number": .int($0.number)] } ?? .null,
          "message": message.map(TemplateValue.string) ?? .null,
          "action": .string(Self.draftPath(code)), "tokens": request.formTokens(),
          "importHref": .string(Self.draftPath(code, "/import")),
        ])
    }
    let problems = try store.problems(versionId: draft.id)
    let basedOn = try draft.basedOn.flatMap { try store.version(id: $0)?.number }
    var errors = areaForm.errors
    if let changeNote { for (field, text) in changeNote.errors.messages { errors.add(field, text) } }
    let notice =
      (try? request.request.queryParameters())?["findes"] == "1"
      ? "Der var allerede et udkast til version \(draft.number); du arbejder videre i det." : nil
    return try page(
      "admin/draft", title: "Udkast til version \(draft.number)", for: request, status: status,
      [
        "municipality": municipalityValue,
        "draft": [
          "number": .int(draft.number),
          "basedOn": basedOn.map { .int($0) } ?? .null,
        ],
        "notice": notice.map(TemplateValue.string) ?? .null,
        "message": message.map(TemplateValue.string) ?? .null,
        "errors": errors.summary,
        "problems": .array(
          problems.map { problem in
            [
              "message": .string(problem.message),
              "href": problem.goalId.map {
                .string(Self.draftPath(code, "/maal/\($0)") + Self.fieldAnchor(problem.field))
              } ?? .null,
            ]
          }),
        "warnings": .array(ContentRules.guidanceWarnings(draft).map(TemplateValue.string)),
        "areas": .array(areaValues(draft, problems: problems, request: request)),
        "addArea": try addAreaValue(draft, input: areaForm, request: request),
        "changeNote": [
          "action": .string(Self.draftPath(code, "/aendring")),
          "fields": [
            FormField(
              "aendring", label: "Hvad er ændret i denne version?", kind: .textarea,
              value: changeNote?.text ?? draft.changeNote,
              hint:
                "Borgerne ser teksten sammen med versionen, fx “Nyt mål for ventetid på byggesager; målet for responstid er sænket fra 95 % til 90 %.”",
              error: changeNote?.errors["aendring"]
            ).templateValue
          ],
          "tokens": request.formTokens(),
        ],
        "previewHref": .string(Self.draftPath(code, "/forhaandsvisning")),
        "discardHref": .string(Self.draftPath(code, "/kasser")),
        "recommendationHref": .string(Self.draftPath(code, "/indstilling")),
        "adoptionHref": .string(Self.draftPath(code, "/vedtagelse")),
        "importHref": .string(Self.draftPath(code, "/import")),
      ])
  }

  /// "#felt-indikator": the goal form's field for a §2 problem's column.
  static func fieldAnchor(_ column: String?) -> String {
    guard let column, let name = goalFieldNames[column] else { return "" }
    return "#" + FormField(name, label: "").id
  }

  /// The goal form's field names by database column.
  static let goalFieldNames = [
    "title": "betegnelse", "theme": "tema", "goal_text": "maal", "indicator": "indikator", "unit": "enhed",
    "baseline_value": "udgangsvaerdi", "baseline_date": "udgangsdato", "target_value": "maalvaerdi",
    "target_date": "maaldato", "direction": "retning", "means": "veje",
  ]

  private func areaValues(_ draft: ContractVersion, problems: [RuleProblem], request: AdminRequest)
    -> [TemplateValue]
  {
    let code = draft.municipalityCode
    let labels = Dictionary(
      uniqueKeysWithValues: ContentRules.requiredGoalFields.map { ($0.column, $0.label) })
    let missing = Dictionary(grouping: problems.filter { $0.goalId != nil }) { $0.goalId! }
    let areas = draft.areas
    return areas.enumerated().map { index, area in
      let goals = area.goals.enumerated().map { goalIndex, goal -> TemplateValue in
        let lacking = (missing[goal.id] ?? []).compactMap { $0.field.flatMap { labels[$0] } }
        return [
          "id": .int(Int(goal.id)), "title": .string(goal.title), "theme": .string(goal.theme),
          "numbers": .string(Self.numbersInShort(goal)),
          "missing": .string(lacking.joined(separator: ", ")),
          "editHref": .string(Self.draftPath(code, "/maal/\(goal.id)")),
          "removeHref": .string(Self.draftPath(code, "/maal/\(goal.id)/fjern")),
          "move": moveValue(
            Self.draftPath(code, "/maal/\(goal.id)/flyt"), index: goalIndex, count: area.goals.count,
            request: request),
        ]
      }
      return [
        "id": .int(Int(area.id)), "name": .string(area.name), "number": .int(index + 1),
        "count": .int(areas.count), "goals": .array(goals),
        "goalCount": .string(area.goals.count == 1 ? "1 mål" : "\(area.goals.count) mål"),
        "tooMany": .bool(area.goals.count > 3),
        "newGoalHref": .string(Self.draftPath(code, "/omraader/\(area.id)/maal")),
        "removeHref": .string(Self.draftPath(code, "/omraader/\(area.id)/fjern")),
        "move": moveValue(
          Self.draftPath(code, "/omraader/\(area.id)/flyt"), index: index, count: areas.count,
          request: request),
      ]
    }
  }

  /// The up/down form of one item: its own tokens, and only the directions it can move in.
  private func moveValue(_ action: String, index: Int, count: Int, request: AdminRequest) -> TemplateValue {
    guard count > 1 else { return .null }
    return [
      "action": .string(action), "up": .bool(index > 0), "down": .bool(index < count - 1),
      "tokens": request.formTokens(),
    ]
  }

  private func addAreaValue(_ draft: ContractVersion, input: AreaFormInput, request: AdminRequest) throws
    -> TemplateValue
  {
    let used = Set(draft.areas.map(\.serviceAreaId))
    let available = try store.serviceAreas(municipalityCode: draft.municipalityCode).filter {
      !used.contains($0.id)
    }
    let options =
      [FormField.Option("", "Vælg et serviceområde")]
      + available.map {
        FormField.Option(String($0.id), $0.municipalityCode == nil ? $0.name : "\($0.name) (kommunens eget)")
      }
    return [
      "action": .string(Self.draftPath(draft.municipalityCode, "/omraader")),
      "fields": .array([
        FormField(
          "omraade", label: "Vælg fra listen", kind: .select, value: input.selected,
          hint: "Den fælles liste over serviceområder og kommunens egne.", error: input.errors["omraade"],
          options: options
        ).templateValue,
        FormField(
          "nyt_omraade", label: "Eller skriv navnet på kommunens eget serviceområde", value: input.newName,
          hint: "Bruges kun, når intet er valgt på listen. Fx “Vej og park”.",
          error: input.errors["nyt_omraade"]
        ).templateValue,
      ]),
      "tokens": request.formTokens(),
    ]
  }

  /// "fra 82 % (1. januar 2010) til 90 % senest 31. december 2013, jo højere, jo bedre", as far as it is filled in.
  static func numbersInShort(_ goal: Goal) -> String {
    func value(_ number: Double?, _ date: CalendarDate?, dateWord: String) -> String? {
      guard let number else { return date.map { "? \(dateWord) \($0.danishText)" } }
      let text = DanishNumber.format(number, unit: goal.unit)
      return date.map { "\(text) \(dateWord) \($0.danishText)" } ?? text
    }
    let from = value(goal.baselineValue, goal.baselineDate, dateWord: "pr.")
    let to = value(goal.targetValue, goal.targetDate, dateWord: "senest")
    guard from != nil || to != nil else { return "Ingen tal endnu." }
    let direction = goal.direction == .higher ? "jo højere, jo bedre" : "jo lavere, jo bedre"
    return "Fra \(from ?? "?") til \(to ?? "?"), \(direction)."
  }
}
