import Domain
import Foundation
import HTTP
import Store
import Web

extension MinistrySite {
  /// The rule calendar, editable by the ministry, every change audited.
  static let calendarPageNames: [String] = ["ministry/calendar"]

  func addCalendarRoutes(to routes: inout [Route]) {
    routes.append(
      Route(method: .get, pattern: CalendarPage.path) { request in
        let message = try request.request.queryParameters()["besked"].flatMap { CalendarPage.messages[$0] }
        return try calendarPage(
          request, form: CalendarForm(try store.ruleCalendar()), errors: FormErrors(), message: message)
      })
    routes.append(
      Route(method: .post, pattern: CalendarPage.path) { request in
        try saveCalendar(request)
      })
  }

  /// Saves the calendar with its audit entry in one transaction; a form with problems comes back (422) with the
  /// values as typed, a form sent before changes nothing, and unchanged values write nothing.
  func saveCalendar(_ request: MinistryRequest) throws -> Response {
    let form = CalendarForm(field: request.field)
    let calendar: RuleCalendar
    switch form.calendar() {
    case .failure(let errors):
      return try calendarPage(request, form: form, errors: errors, status: .unprocessableContent)
    case .success(let value): calendar = value
    }
    let done: Bool
    do {
      done = try request.change { writer in
        let before = try writer.ruleCalendar()
        guard before != calendar else { throw CalendarPage.Unchanged() }
        try writer.setRuleCalendar(calendar)
        return MinistryChange(
          "rule_calendar.update", entity: "rule_calendar", before: CalendarPage.audit(before),
          after: CalendarPage.audit(calendar))
      }
    } catch is CalendarPage.Unchanged {
      return CalendarPage.redirect(besked: "uaendret")
    }
    return CalendarPage.redirect(besked: done ? "gemt" : "allerede")
  }

  func calendarPage(
    _ request: MinistryRequest, form: CalendarForm, errors: FormErrors, message: String? = nil,
    status: HTTPStatus = .ok
  ) throws -> Response {
    let calendar = try store.ruleCalendar()
    let today = try store.today()
    let findings = try store.compliance(asOf: today)
    return try page(
      "ministry/calendar", title: "Regelkalenderen", for: request, status: status,
      [
        "message": message.map(TemplateValue.string) ?? .null,
        "dates": .array(CalendarPage.dates(calendar)),
        "today": .string(today.danishText),
        "answer": .array(CalendarPage.answer(findings)),
        "fields": .array(form.fields(errors: errors).map(\.templateValue)),
        "errors": errors.summary,
        "tokens": request.formTokens(),
        "history": .array(try CalendarPage.history(store)),
      ])
  }
}

/// The page's texts and the pieces it shows, apart from the handlers.
enum CalendarPage {
  static let path = "/ministeriet/regelkalender"

  /// Thrown inside the transaction when the form asks for the calendar already in force: nothing is written.
  struct Unchanged: Error {}

  /// The notices after a POST, by `?besked=`.
  static let messages: [String: String] = [
    "gemt":
      "Regelkalenderen er gemt. Alle svar om overholdelse følger nu de nye datoer, også for datoer bagud i tiden.",
    "allerede":
      "Formularen var allerede sendt én gang, så intet blev ændret igen. Ret datoerne herunder, hvis de ikke er, som de skal være.",
    "uaendret": "Datoerne var de samme som før, så intet blev ændret.",
  ]

  static func redirect(besked: String) -> Response {
    var response = Response(status: .seeOther)
    response.headers.replaceOrAdd(name: "Location", value: path + "?besked=" + besked)
    response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
    return response
  }

  /// The calendar as the audit log keeps it: the database's keys and values.
  static func audit(_ calendar: RuleCalendar) -> [String: Any] {
    [
      CalendarForm.firstContractDeadline: calendar.firstContractDeadline.description,
      CalendarForm.firstFollowUpBudgetYear: String(calendar.firstFollowUpBudgetYear),
      CalendarForm.dutyEndsOn: calendar.dutyEndsOn.description,
      CalendarForm.followUpDefaultDue: calendar.followUpDefaultDue.description,
    ]
  }

  /// Short Danish names of the audited keys, in the form's order.
  static let labels: [(key: String, label: String)] = [
    (CalendarForm.firstContractDeadline, "Frist for den første kontrakt"),
    (CalendarForm.firstFollowUpBudgetYear, "Første budgetår med opfølgning"),
    (CalendarForm.dutyEndsOn, "Pligten ophører fra"),
    (CalendarForm.followUpDefaultDue, "Frist for opfølgningen uden budgetdato"),
  ]

  /// Each date, in words, with what it decides.
  static func dates(_ calendar: RuleCalendar) -> [TemplateValue] {
    let due = CalendarForm.danishText(calendar.followUpDefaultDue)
    let year = calendar.firstFollowUpBudgetYear
    let rows: [(String, String, String, String)] = [
      (
        "§8, stk. 2", labels[0].label, calendar.firstContractDeadline.danishText,
        "Hver kommunes første kvalitetskontrakt skal være vedtaget af kommunalbestyrelsen og offentliggjort senest denne dag. En kommune, der gør det senere, har ikke overholdt §8, stk. 2."
      ),
      (
        "§8, stk. 3", labels[1].label, "budgettet for \(year)",
        "Den første opfølgningsredegørelse hører til budgettet for \(year), som vedtages i efteråret \(year - 1). Fra dette budgetår og frem skal der være en opfølgning hvert år (§4-§6)."
      ),
      (
        "Moderniseringsaftalen 2013", labels[2].label, calendar.dutyEndsOn.danishText,
        "Fra denne dag er der ingen pligt: en kontrakt vedtaget fra denne dag har ingen frist for offentliggørelse (§6), et budgetår, hvis frist for opfølgningen falder fra denne dag, kræver ingen opfølgning, og en kommune uden en kontrakt i kraft regnes ikke længere som manglende (§3). Kommunerne kan stadig offentliggøre frivilligt."
      ),
      (
        "§4", labels[3].label, "\(due) året før budgetåret",
        "Opfølgningen skal vedtages senest samme dag som årsbudgettet. Har en kommune ikke registreret sin budgetvedtagelse, er fristen \(due) året før budgetåret (den lovbestemte frist for budgettet)."
      ),
    ]
    return rows.map { rule, name, value, meaning in
      ["rule": .string(rule), "name": .string(name), "value": .string(value), "meaning": .string(meaning)]
    }
  }

  /// The Danish name of each compliance rule, with its paragraph.
  static func ruleName(_ rule: ComplianceRule) -> String {
    switch rule {
    case .contractInForce: return "§3: en offentliggjort kontrakt er i kraft"
    case .firstContract: return "§8, stk. 2: den første kontrakt til tiden"
    case .contractComplete: return "§2: kontrakten har målbare mål og veje til målene"
    case .contractPublishedOnTime: return "§6: kontrakten offentliggjort til tiden"
    case .followUpAdoptedOnTime: return "§4: opfølgningen vedtaget til tiden"
    case .followUpComplete: return "§5: opfølgningen dækker alle mål"
    case .followUpPublishedOnTime: return "§6: opfølgningen offentliggjort til tiden"
    }
  }

  /// The Store's answer today, counted per rule and outcome (the follow-up rules count each budget year).
  static func answer(_ findings: [ComplianceFinding]) -> [TemplateValue] {
    ComplianceRule.allCases.map { rule in
      var met = 0
      var failed = 0
      var notYetDue = 0
      var notApplicable = 0
      for finding in findings where finding.rule == rule {
        switch finding.outcome {
        case .met: met += 1
        case .failed: failed += 1
        case .notYetDue: notYetDue += 1
        case .notApplicable: notApplicable += 1
        }
      }
      return [
        "rule": .string(ruleName(rule)), "key": .string(rule.rawValue), "met": .int(met),
        "failed": .int(failed),
        "notYetDue": .int(notYetDue), "notApplicable": .int(notApplicable),
      ]
    }
  }

  /// The latest changes, newest first: when, who, and each date that changed.
  static func history(_ store: Store) throws -> [TemplateValue] {
    try store.auditLog(entity: "rule_calendar", limit: 20).map { entry in
      let before = values(entry.beforeJSON)
      let after = values(entry.afterJSON)
      let changes: [TemplateValue] = labels.compactMap { key, label in
        guard before[key] != after[key] else { return nil }
        return [
          "label": .string(label), "before": .string(shown(key, before[key])),
          "after": .string(shown(key, after[key])),
        ]
      }
      let who = try entry.userId.flatMap { try store.user(id: $0) }.map(\.name) ?? "ukendt bruger"
      return ["at": .string(time(entry.at)), "who": .string(who), "changes": .array(changes)]
    }
  }

  private static func values(_ json: String?) -> [String: String] {
    guard let data = json?.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return object.compactMapValues { $0 as? String }
  }

  /// A stored value in words: dates and the due day the Danish way.
  private static func shown(_ key: String, _ value: String?) -> String {
    guard let value else { return "(ingen)" }
    if let date = CalendarDate(value) { return date.danishText }
    if key == CalendarForm.followUpDefaultDue, let due = MonthDay(value) {
      return CalendarForm.danishText(due)
    }
    return value
  }

  /// "2026-11-22T21:49:03.123Z" → "22. november 2026 kl. 21.49 (UTC)".
  static func time(_ stamp: String) -> String {
    guard stamp.count >= 16, let date = CalendarDate(stamp.prefix(10)) else { return stamp }
    let clock = stamp.dropFirst(11).prefix(5).replacingOccurrences(of: ":", with: ".")
    return "\(date.danishText) kl. \(clock) (UTC)"
  }
}
