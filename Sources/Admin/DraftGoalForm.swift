import Domain
import Web

/// A goal's form as typed: every field of a goal (DOMAIN.md), kept as text so a form that comes back shows exactly
/// what was sent. Saving needs only a title and numbers and dates that can be read; what else §2 asks for is
/// reported as missing before adoption, not refused.
struct DraftGoalForm {
  var title = ""
  var theme = ""
  var goalText = ""
  var indicator = ""
  var unit = ""
  var baselineValue = ""
  var baselineDate = ""
  var targetValue = ""
  var targetDate = ""
  var direction = Direction.higher.rawValue
  var means = ""

  static let maximumTitleLength = 200

  init() {}

  init(_ goal: Goal) {
    title = goal.title
    theme = goal.theme
    goalText = goal.goalText
    indicator = goal.indicator ?? ""
    unit = goal.unit ?? ""
    baselineValue = TypedInput.text(goal.baselineValue)
    baselineDate = goal.baselineDate?.description ?? ""
    targetValue = TypedInput.text(goal.targetValue)
    targetDate = goal.targetDate?.description ?? ""
    direction = goal.direction.rawValue
    means = goal.means
  }

  init(_ request: AdminRequest) {
    title = request.field("betegnelse")
    theme = request.field("tema")
    goalText = request.field("maal")
    indicator = request.field("indikator")
    unit = request.field("enhed")
    baselineValue = request.field("udgangsvaerdi")
    baselineDate = request.field("udgangsdato")
    targetValue = request.field("maalvaerdi")
    targetDate = request.field("maaldato")
    direction = request.field("retning")
    means = request.field("veje")
  }

  /// The goal to save, or every problem by field.
  func validated() -> Result<Goal, FormErrors> {
    var errors = FormErrors()
    if title.isEmpty {
      errors.add(
        "betegnelse", "Skriv en kort betegnelse for målet, fx “Responstid ved telefoniske henvendelser”.")
    } else if title.count > Self.maximumTitleLength {
      errors.add(
        "betegnelse",
        "Gør betegnelsen kortere: højst \(Self.maximumTitleLength) tegn (nu \(title.count)). Resten kan stå i feltet Mål."
      )
    }
    func number(_ text: String, field: String, what: String, example: String) -> Double? {
      guard !text.isEmpty else { return nil }
      guard let value = TypedInput.number(text) else {
        errors.add(
          field, "Skriv \(what) som et tal, fx \(example). Enheden skrives i feltet Enhed.")
        return nil
      }
      return value
    }
    func date(_ text: String, field: String, what: String) -> CalendarDate? {
      guard !text.isEmpty else { return nil }
      guard let value = CalendarDate(typed: text) else {
        errors.add(field, "Skriv \(what) som en dato, fx 31-12-2013.")
        return nil
      }
      return value
    }
    let baselineValue = number(
      baselineValue, field: "udgangsvaerdi", what: "udgangsværdien", example: "82 eller 82,5")
    let baselineDate = date(baselineDate, field: "udgangsdato", what: "datoen for udgangsværdien")
    let targetValue = number(targetValue, field: "maalvaerdi", what: "målværdien", example: "90 eller 90,5")
    let targetDate = date(targetDate, field: "maaldato", what: "datoen for målværdien")
    if let baselineDate, let targetDate, targetDate <= baselineDate {
      errors.add(
        "maaldato",
        "Datoen for målværdien skal ligge efter datoen for udgangsværdien (\(baselineDate.danishText)).")
    }
    let direction = Direction(rawValue: direction)
    if direction == nil {
      errors.add("retning", "Vælg, om en højere eller en lavere værdi er bedst.")
    }
    guard errors.isEmpty, let direction else { return .failure(errors) }
    func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
    return .success(
      Goal(
        title: title, theme: theme, goalText: goalText, indicator: optional(indicator), unit: optional(unit),
        baselineValue: baselineValue, baselineDate: baselineDate, targetValue: targetValue,
        targetDate: targetDate, direction: direction, means: means))
  }

  /// The form's fields in three groups (the goal in words, the numbers, the means), each with its value as typed
  /// and its problem.
  func fieldGroups(errors: FormErrors) -> [(legend: String, fields: [FormField])] {
    let beforeAdoption = "Skal udfyldes, før kontrakten kan vedtages (§2)."
    func date(_ name: String, label: String, value: String) -> FormField {
      // A date input can only hold "YYYY-MM-DD": anything else typed is shown again in a text field as it was.
      let normalized = CalendarDate(typed: value)?.description
      return FormField(
        name, label: label, kind: value.isEmpty || normalized != nil ? .date : .text,
        value: normalized ?? value,
        hint: beforeAdoption + " Skriv fx 31-12-2013.", error: errors[name])
    }
    return [
      (
        "Målet",
        [
          FormField(
            "betegnelse", label: "Betegnelse (overskrift)", value: title,
            hint: "Kort og klart, fx “Responstid ved telefoniske henvendelser”.", error: errors["betegnelse"],
            required: true),
          FormField(
            "tema", label: "Tema eller overordnet målsætning", value: theme, error: errors["tema"]),
          FormField(
            "maal", label: "Mål", kind: .textarea, value: goalText,
            hint: "Målet i ord, fx “95 % af alle telefoniske henvendelser besvares inden for 60 sekunder”.",
            error: errors["maal"]),
        ]
      ),
      (
        "Tallene bag målet",
        [
          FormField(
            "indikator", label: "Indikator", value: indicator,
            hint: beforeAdoption + " Hvad måles, fx “Andel besvaret inden for 60 sekunder”.",
            error: errors["indikator"]),
          FormField(
            "enhed", label: "Enhed", value: unit, hint: beforeAdoption + " Fx %, dage eller kr.",
            error: errors["enhed"]),
          FormField(
            "udgangsvaerdi", label: "Udgangsværdi", kind: .number, value: baselineValue,
            hint: beforeAdoption + " Et tal, fx 82 eller 82,5.", error: errors["udgangsvaerdi"]),
          date("udgangsdato", label: "Dato for udgangsværdien", value: baselineDate),
          FormField(
            "maalvaerdi", label: "Målværdi", kind: .number, value: targetValue,
            hint: beforeAdoption + " Et tal, fx 90 eller 90,5.", error: errors["maalvaerdi"]),
          date("maaldato", label: "Dato for målværdien (senest)", value: targetDate),
          FormField(
            "retning", label: "Hvad er bedst?", kind: .select, value: direction, error: errors["retning"],
            options: [
              FormField.Option(Direction.higher.rawValue, "Jo højere, jo bedre"),
              FormField.Option(Direction.lower.rawValue, "Jo lavere, jo bedre"),
            ]),
        ]
      ),
      (
        "Veje til målet",
        [
          FormField(
            "veje", label: "Hvordan vil kommunen nå målet?", kind: .textarea, value: means,
            hint: beforeAdoption + " Fx de indsatser, der skal til.", error: errors["veje"])
        ]
      ),
    ]
  }
}
