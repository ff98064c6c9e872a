import Domain
import Web

/// The rule calendar's form: its four fields as typed, read into a `RuleCalendar` or the problems next to each field.
struct CalendarForm: Equatable {
  static let firstContractDeadline = "first_contract_deadline"
  static let firstFollowUpBudgetYear = "first_follow_up_budget_year"
  static let dutyEndsOn = "duty_ends_on"
  static let followUpDefaultDue = "follow_up_default_due"
  /// The years a date or budget year in the calendar may fall in (a typo such as 0210 is caught, not stored).
  static let years = 2000...2099

  var firstContractDeadline: String
  var firstFollowUpBudgetYear: String
  var dutyEndsOn: String
  var followUpDefaultDue: String

  /// The calendar as the form shows it: ISO dates, the year, the due day in words ("15. oktober").
  init(_ calendar: RuleCalendar) {
    firstContractDeadline = calendar.firstContractDeadline.description
    firstFollowUpBudgetYear = String(calendar.firstFollowUpBudgetYear)
    dutyEndsOn = calendar.dutyEndsOn.description
    followUpDefaultDue = Self.danishText(calendar.followUpDefaultDue)
  }

  /// The fields as sent (trimmed).
  init(field: (String) -> String) {
    firstContractDeadline = field(Self.firstContractDeadline)
    firstFollowUpBudgetYear = field(Self.firstFollowUpBudgetYear)
    dutyEndsOn = field(Self.dutyEndsOn)
    followUpDefaultDue = field(Self.followUpDefaultDue)
  }

  /// The calendar the form asks for, or every problem found, by field.
  func calendar() -> Result<RuleCalendar, FormErrors> {
    var errors = FormErrors()
    let deadline = Self.date(
      firstContractDeadline, field: Self.firstContractDeadline, errors: &errors,
      missing: "Skriv fristen for den første kvalitetskontrakt, fx 01-07-2010.")
    let ends = Self.date(
      dutyEndsOn, field: Self.dutyEndsOn, errors: &errors,
      missing: "Skriv den dag, pligten ophører fra, fx 01-01-2013.")
    var budgetYear: Int?
    if firstFollowUpBudgetYear.isEmpty {
      errors.add(Self.firstFollowUpBudgetYear, "Skriv det første budgetår med en opfølgning, fx 2012.")
    } else if firstFollowUpBudgetYear.count != 4
      || !firstFollowUpBudgetYear.allSatisfy({ $0.isASCII && $0.isNumber })
    {
      errors.add(
        Self.firstFollowUpBudgetYear,
        "«\(firstFollowUpBudgetYear)» er ikke et årstal. Skriv fire cifre, fx 2012.")
    } else if let year = Int(firstFollowUpBudgetYear), !Self.years.contains(year) {
      errors.add(
        Self.firstFollowUpBudgetYear,
        "Budgetåret skal ligge mellem \(Self.years.lowerBound) og \(Self.years.upperBound).")
    } else {
      budgetYear = Int(firstFollowUpBudgetYear)
    }
    let due = Self.monthDay(followUpDefaultDue)
    if followUpDefaultDue.isEmpty {
      errors.add(Self.followUpDefaultDue, "Skriv dag og måned for fristen, fx 15. oktober.")
    } else if due == nil {
      errors.add(
        Self.followUpDefaultDue,
        "«\(followUpDefaultDue)» er ikke en dag og en måned. Skriv fx 15. oktober eller 15-10.")
    }
    if let deadline, let ends, ends <= deadline {
      errors.add(
        Self.dutyEndsOn,
        "Pligten kan ikke ophøre før eller samme dag som fristen for den første kontrakt (\(deadline.danishText))."
      )
    }
    if let deadline, let year = budgetYear, year <= deadline.year {
      errors.add(
        Self.firstFollowUpBudgetYear,
        "Den første opfølgning hører til et budget, der vedtages efter den første kontrakt: vælg \(deadline.year + 1) eller senere."
      )
    }
    guard errors.isEmpty, let deadline, let ends, let budgetYear, let due else { return .failure(errors) }
    return .success(
      RuleCalendar(
        firstContractDeadline: deadline, firstFollowUpBudgetYear: budgetYear, dutyEndsOn: ends,
        followUpDefaultDue: due))
  }

  /// The form's fields for `partials/form-field`, with `errors` next to them.
  func fields(errors: FormErrors) -> [FormField] {
    [
      FormField(
        Self.firstContractDeadline, label: "Frist for den første kvalitetskontrakt (§8, stk. 2)", kind: .date,
        value: firstContractDeadline,
        hint: "Den første kontrakt skal være vedtaget og offentliggjort senest denne dag. Fx 01-07-2010.",
        error: errors[Self.firstContractDeadline], required: true),
      FormField(
        Self.firstFollowUpBudgetYear, label: "Første budgetår med en opfølgningsredegørelse (§8, stk. 3)",
        kind: .number, value: firstFollowUpBudgetYear,
        hint:
          "Den første opfølgning hører til budgettet for dette år og vedtages senest med budgettet året før. Fx 2012.",
        error: errors[Self.firstFollowUpBudgetYear], required: true),
      FormField(
        Self.dutyEndsOn, label: "Pligten ophører fra", kind: .date, value: dutyEndsOn,
        hint: "Fra denne dag er der ingen pligt (moderniseringsaftalen 2013). Fx 01-01-2013.",
        error: errors[Self.dutyEndsOn], required: true),
      FormField(
        Self.followUpDefaultDue, label: "Frist for opfølgningen uden registreret budgetvedtagelse (§4)",
        value: followUpDefaultDue,
        hint: "Dag og måned i året før budgetåret, fx 15. oktober eller 15-10.",
        error: errors[Self.followUpDefaultDue], required: true),
    ]
  }

  /// A date typed as 2010-07-01 or 01-07-2010 (also with . or /), in `years`.
  static func date(_ text: String, field: String, errors: inout FormErrors, missing: String) -> CalendarDate?
  {
    guard !text.isEmpty else {
      errors.add(field, missing)
      return nil
    }
    guard let date = CalendarDate(typed: text) else {
      errors.add(field, "«\(text)» er ikke en dato. Skriv den som dd-mm-åååå, fx 01-07-2010.")
      return nil
    }
    guard years.contains(date.year) else {
      errors.add(field, "Datoen skal ligge mellem år \(years.lowerBound) og \(years.upperBound).")
      return nil
    }
    return date
  }

  /// A day and month the Danish way, day first: "15. oktober", "15 okt", "15.10", "15-10", "15/10".
  static func monthDay(_ text: String) -> MonthDay? {
    let lowered = text.lowercased()
    let dayDigits = lowered.prefix { $0.isASCII && $0.isNumber }
    guard (1...2).contains(dayDigits.count), let day = Int(dayDigits) else { return nil }
    var rest = lowered.dropFirst(dayDigits.count)
    let separators: Set<Character> = [".", "-", "/", " "]
    guard let first = rest.first, separators.contains(first) else { return nil }
    rest = rest.drop { separators.contains($0) }
    while let last = rest.last, last == "." || last == " " { rest = rest.dropLast() }
    let month: Int?
    if !rest.isEmpty, rest.count <= 2, rest.allSatisfy({ $0.isASCII && $0.isNumber }) {
      month = Int(rest)
    } else if rest.count >= 3 {
      month = monthNames.firstIndex { $0.hasPrefix(rest) }.map { $0 + 1 }
    } else {
      month = nil
    }
    guard let month, CalendarDate(year: 2000, month: month, day: day) != nil else { return nil }
    return MonthDay(month: month, day: day)
  }

  /// "15. oktober".
  static func danishText(_ due: MonthDay) -> String {
    "\(due.day). \(monthNames[due.month - 1])"
  }

  /// januar … december, from `CalendarDate.danishText` ("1. januar 2000").
  static let monthNames: [String] = (1...12).map { month in
    let words = CalendarDate(year: 2000, month: month, day: 1)!.danishText.split(separator: " ")
    return String(words[1])
  }
}
