import Domain
import Web

/// The status form of one follow-up: the budget adoption date and, per goal of the contract in force, the fields as
/// typed. Checked as §5 requires: a goal that is not reached (or only partly) needs a follow-up text.
struct FollowUpStatusForm {
  struct Entry {
    var goal: Goal
    var statusText = ""
    var measuredValue = ""
    var measuredOn = ""
    var result = ""
    var followUpText = ""

    var isBlank: Bool {
      [statusText, measuredValue, measuredOn, result, followUpText].allSatisfy(\.isEmpty)
    }
  }

  /// What a valid form says: nil for a goal left blank (no status).
  struct Values {
    var budgetAdoption: CalendarDate?
    var statuses: [Int64: GoalStatus]
  }

  static let budgetField = "budgetvedtagelse"

  static func field(_ kind: Kind, goal: Int64) -> String { "\(kind.rawValue)-\(goal)" }

  enum Kind: String, CaseIterable {
    case statusText = "status"
    case measuredValue = "maalt"
    case measuredOn = "maaltdato"
    case result = "resultat"
    case followUpText = "opfoelgning"
  }

  var budgetAdoption: String
  var entries: [Entry]

  /// The form as stored: the statuses given so far.
  init(goals: [Goal], statuses: [GoalStatus], budgetAdoption: CalendarDate?) {
    self.budgetAdoption = budgetAdoption?.description ?? ""
    entries = goals.map { goal in
      var entry = Entry(goal: goal)
      if let status = statuses.first(where: { $0.goalId == goal.id }) {
        entry.statusText = status.statusText
        entry.measuredValue = TypedInput.text(status.measuredValue)
        entry.measuredOn = status.measuredOn?.description ?? ""
        entry.result = status.result.rawValue
        entry.followUpText = status.followUpText
      }
      return entry
    }
  }

  /// The form as submitted; `field` gives a trimmed field ("" when missing).
  init(goals: [Goal], field: (String) -> String) {
    budgetAdoption = field(Self.budgetField)
    entries = goals.map { goal in
      Entry(
        goal: goal, statusText: field(Self.field(.statusText, goal: goal.id)),
        measuredValue: field(Self.field(.measuredValue, goal: goal.id)),
        measuredOn: field(Self.field(.measuredOn, goal: goal.id)),
        result: field(Self.field(.result, goal: goal.id)),
        followUpText: field(Self.field(.followUpText, goal: goal.id)))
    }
  }

  /// The values when the form is valid, else every problem by field.
  func validate(budgetYear: Int, today: CalendarDate) -> Result<Values, FormErrors> {
    var errors = FormErrors()
    var values = Values(budgetAdoption: nil, statuses: [:])
    if !budgetAdoption.isEmpty {
      if let date = CalendarDate(typed: budgetAdoption) {
        if (budgetYear - 1...budgetYear).contains(date.year) {
          values.budgetAdoption = date
        } else {
          errors.add(
            Self.budgetField,
            "Budgettet for \(budgetYear) vedtages i \(budgetYear - 1). Skriv en dato i \(budgetYear - 1) "
              + "(eller i \(budgetYear)), fx 10-10-\(budgetYear - 1).")
        }
      } else {
        errors.add(Self.budgetField, "Skriv datoen som dd-mm-åååå, fx 10-10-\(budgetYear - 1).")
      }
    }
    for entry in entries where !entry.isBlank {
      if let status = Self.status(entry, today: today, errors: &errors) {
        values.statuses[entry.goal.id] = status
      }
    }
    return errors.isEmpty ? .success(values) : .failure(errors)
  }

  /// Each message names the goal, so the summary at the top of a long form says which goal it is about.
  private static func status(_ entry: Entry, today: CalendarDate, errors: inout FormErrors) -> GoalStatus? {
    let before = errors.messages.count
    func problem(_ kind: Kind, _ message: String) {
      errors.add(field(kind, goal: entry.goal.id), "\(entry.goal.title): \(message)")
    }
    let example = TypedInput.example(today)
    if ContentRules.isBlank(entry.statusText) {
      problem(.statusText, "skriv status på arbejdet med målet (§ 5, stk. 1).")
    }
    var measuredValue: Double?
    if !entry.measuredValue.isEmpty {
      measuredValue = TypedInput.number(entry.measuredValue)
      if measuredValue == nil {
        problem(.measuredValue, "skriv den målte værdi som et tal, fx 90 eller 87,5.")
      }
    } else if !entry.measuredOn.isEmpty {
      problem(.measuredValue, "skriv den målte værdi, eller slet datoen for målingen.")
    }
    var measuredOn: CalendarDate?
    if !entry.measuredOn.isEmpty {
      measuredOn = CalendarDate(typed: entry.measuredOn)
      if let date = measuredOn, date > today {
        problem(.measuredOn, "datoen for målingen ligger efter i dag. Skriv den dato, værdien blev målt.")
      } else if measuredOn == nil {
        problem(.measuredOn, "skriv datoen for målingen som dd-mm-åååå, fx \(example).")
      }
    } else if !entry.measuredValue.isEmpty {
      problem(.measuredOn, "skriv, hvornår værdien blev målt, fx \(example).")
    }
    let result = GoalStatus.Result(rawValue: entry.result)
    if result == nil {
      problem(.result, "vælg, om målet er nået, delvist nået eller ikke nået.")
    }
    if let result, result != .reached, ContentRules.isBlank(entry.followUpText) {
      let how = result == .partly ? "kun delvist nået" : "ikke nået"
      problem(.followUpText, "målet er \(how). Skriv, hvordan kommunen følger op på det (§ 5, stk. 2).")
    }
    guard errors.messages.count == before, let result else { return nil }
    return GoalStatus(
      goalId: entry.goal.id, statusText: entry.statusText, measuredValue: measuredValue,
      measuredOn: measuredOn,
      result: result, followUpText: entry.followUpText)
  }
}
