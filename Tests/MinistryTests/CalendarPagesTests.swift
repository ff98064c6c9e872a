import Domain
import Foundation
import HTTPTestSupport
import Store
import XCTest

/// The rule calendar page: shown, edited with field-level validation, audited, and a form sent twice changes
/// nothing the second time; a change moves the Store's compliance answer and what the page counts.
final class CalendarPagesTests: MinistryTestCase {
  let path = "/ministeriet/regelkalender"

  func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

  /// The form's fields as the page fills them, with `changes` on top, plus the page's tokens.
  func form(_ browser: Browser, _ changes: [String: String] = [:]) throws -> [String] {
    let calendar = try store.ruleCalendar()
    var values = [
      "first_contract_deadline": calendar.firstContractDeadline.description,
      "first_follow_up_budget_year": String(calendar.firstFollowUpBudgetYear),
      "duty_ends_on": calendar.dutyEndsOn.description,
      "follow_up_default_due": calendar.followUpDefaultDue.description.split(separator: "-").reversed()
        .joined(separator: "-"),
    ]
    for (key, value) in changes { values[key] = value }
    let csrf = try XCTUnwrap(browser.hiddenField("csrf"))
    let once = try XCTUnwrap(browser.hiddenField("once"))
    return ["csrf=\(csrf)", "once=\(once)"]
      + values.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
  }

  /// The counts in the page's "answer today" row for `rule`: met, failed, not yet due, not applicable.
  func counts(_ page: String, _ rule: ComplianceRule) throws -> [Int] {
    let start = try XCTUnwrap(page.range(of: "<tr id=\"svar-\(rule.rawValue)\">"), "row for \(rule)")
    let row = page[start.upperBound...].prefix { $0 != "\n" }
    return row.components(separatedBy: "<td class=\"number\">").dropFirst().compactMap {
      Int($0.prefix { $0.isNumber })
    }
  }

  /// The Store's answer today for `rule`, counted the way the page counts it.
  func storeCounts(_ rule: ComplianceRule) throws -> [Int] {
    var counts = [0, 0, 0, 0]
    for finding in try store.compliance(asOf: try store.today()) where finding.rule == rule {
      switch finding.outcome {
      case .met: counts[0] += 1
      case .failed: counts[1] += 1
      case .notYetDue: counts[2] += 1
      case .notApplicable: counts[3] += 1
      }
    }
    return counts
  }

  func firstContract(_ code: String) throws -> ComplianceOutcome? {
    try store.compliance(asOf: date("2011-01-01")).first {
      $0.municipalityCode == code && $0.rule == .firstContract
    }?
    .outcome
  }

  /// A municipality without any contract gets one adopted and published in July 2010, after the first deadline.
  func lateMunicipality() throws -> String {
    var code: String?
    for municipality in try store.municipalities()
    where try store.versionHistory(municipalityCode: municipality.code).isEmpty {
      code = municipality.code
      break
    }
    let late = try XCTUnwrap(code, "a seeded municipality without a contract")
    let area = try XCTUnwrap(try store.serviceAreas().first)
    let version = try store.createDraft(municipalityCode: late)
    let versionArea = try store.addArea(versionId: version, serviceAreaId: area.id)
    try store.addGoal(
      versionAreaId: versionArea,
      Goal(
        title: "Svartid", theme: "Hurtig service", goalText: "90 % besvares inden for 60 sekunder",
        indicator: "Andel besvaret inden for 60 sekunder", unit: "%", baselineValue: 80,
        baselineDate: date("2010-01-01"), targetValue: 90, targetDate: date("2012-12-31"),
        means: "Bemandingen følger henvendelserne"))
    try store.adopt(versionId: version, Adoption(adoptedOn: date("2010-07-20"), meetingReference: "Byrådet"))
    try store.publish(versionId: version, on: date("2010-07-25"))
    return late
  }

  func testThePageShowsEachDateWithWhatItMeans() throws {
    let browser = try signedIn()
    let reply = try browser.get(path)
    XCTAssertEqual(reply.status, 200)
    XCTAssertEqual(reply.headers["Cache-Control"], "no-store")
    let calendar = try store.ruleCalendar()
    let page = reply.text
    for text in [
      calendar.firstContractDeadline.danishText, "budgettet for \(calendar.firstFollowUpBudgetYear)",
      calendar.dutyEndsOn.danishText, "value=\"\(calendar.firstContractDeadline)\"",
      "value=\"\(calendar.dutyEndsOn)\"", "value=\"\(calendar.firstFollowUpBudgetYear)\"",
      "ændres svaret om overholdelse for alle kommuner", "§8, stk. 2", "§8, stk. 3", "§4",
      "Regelkalenderen er ikke ændret i portalen",
    ] {
      XCTAssertTrue(page.contains(text), "the page shows \(text)")
    }
    XCTAssertTrue(page.contains("name=\"once\""), "the form carries its one-time token")
    for rule in ComplianceRule.allCases {
      XCTAssertEqual(
        try counts(page, rule), try storeCounts(rule), "the page counts the Store's answer for \(rule)")
    }
  }

  func testMovingTheFirstDeadlineMakesALateMunicipalityOnTime() throws {
    let late = try lateMunicipality()
    let deadline = try store.ruleCalendar().firstContractDeadline
    XCTAssertEqual(try firstContract(late), .failed(due: deadline, actual: date("2010-07-25")))
    let browser = try signedIn()
    let before = try counts(try browser.get(path).text, .firstContract)
    XCTAssertEqual(before, try storeCounts(.firstContract))

    let reply = try browser.post(path, try form(browser, ["first_contract_deadline": "01-08-2010"]))
    XCTAssertEqual(reply.status, 303)
    XCTAssertEqual(reply.headers["Location"], path + "?besked=gemt")
    XCTAssertEqual(try store.ruleCalendar().firstContractDeadline, date("2010-08-01"))
    XCTAssertEqual(try firstContract(late), .met, "the Store's answer follows the calendar")

    let page = try browser.get(path + "?besked=gemt").text
    XCTAssertTrue(page.contains("Regelkalenderen er gemt"))
    XCTAssertTrue(page.contains(date("2010-08-01").danishText))
    let after = try counts(page, .firstContract)
    XCTAssertEqual(after, try storeCounts(.firstContract))
    XCTAssertGreaterThan(after[0], before[0], "more municipalities met §8, stk. 2 on the page")
    XCTAssertEqual(after.reduce(0, +), before.reduce(0, +))
  }

  func testProblemsComeBackNextToTheFieldsWithTheValuesKept() throws {
    let browser = try signedIn()
    let calendar = try store.ruleCalendar()
    let cases: [(field: String, value: String, message: String)] = [
      ("first_contract_deadline", "30-02-2010", "er ikke en dato"),
      ("first_contract_deadline", "", "Skriv fristen for den første kvalitetskontrakt"),
      ("first_contract_deadline", "01-07-1910", "mellem år 2000 og 2099"),
      ("first_follow_up_budget_year", "12", "er ikke et årstal"),
      ("first_follow_up_budget_year", "2010", "vælg 2011 eller senere"),
      ("duty_ends_on", "01-06-2010", "Pligten kan ikke ophøre før"),
      ("follow_up_default_due", "31. februar", "er ikke en dag og en måned"),
      ("follow_up_default_due", "oktober", "er ikke en dag og en måned"),
    ]
    for (field, value, message) in cases {
      try browser.get(path)
      let reply = try browser.post(path, try form(browser, [field: value]))
      XCTAssertEqual(reply.status, 422, "\(field)=\(value)")
      let id = "felt-" + field.replacingOccurrences(of: "_", with: "-")
      let page = reply.text
      XCTAssertTrue(page.contains(message), "\(field)=\(value): \(message)")
      XCTAssertTrue(page.contains("id=\"\(id)-fejl\""), "the message sits next to \(field)")
      XCTAssertTrue(page.contains("href=\"#\(id)\""), "the summary links to \(field)")
      let input = try XCTUnwrap(page.range(of: "id=\"\(id)\" name=\"\(field)\""), "the field \(field)")
      let tag = page[input.lowerBound...].prefix { $0 != ">" }
      XCTAssertTrue(tag.contains("value=\"\(value)\""), "the typed value is kept: \(tag)")
      XCTAssertTrue(tag.contains("aria-invalid=\"true\""), "\(tag)")
    }
    XCTAssertEqual(try store.ruleCalendar(), calendar, "nothing was saved")
    XCTAssertEqual(try store.auditLog(entity: "rule_calendar"), [])
  }

  func testEveryChangeIsAuditedWithBeforeAndAfter() throws {
    let browser = try signedIn()
    try browser.get(path)
    let before = try store.ruleCalendar()
    let reply = try browser.post(
      path, try form(browser, ["duty_ends_on": "2014-01-01", "follow_up_default_due": "5. nov"]))
    XCTAssertEqual(reply.status, 303)
    let after = try store.ruleCalendar()
    XCTAssertEqual(after.dutyEndsOn, date("2014-01-01"))
    XCTAssertEqual(after.followUpDefaultDue, MonthDay(month: 11, day: 5))
    XCTAssertEqual(after.firstContractDeadline, before.firstContractDeadline)

    let entries = try store.auditLog(entity: "rule_calendar")
    XCTAssertEqual(entries.count, 1)
    let entry = try XCTUnwrap(entries.first)
    let ministryUser = try XCTUnwrap(try store.users().first { $0.email == Self.ministryEmail })
    XCTAssertEqual(entry.action, "rule_calendar.update")
    XCTAssertEqual(entry.userId, ministryUser.id)
    XCTAssertNil(entry.municipalityCode)
    func json(_ text: String?) throws -> [String: String] {
      try XCTUnwrap(JSONSerialization.jsonObject(with: Data(XCTUnwrap(text).utf8)) as? [String: String])
    }
    XCTAssertEqual(
      try json(entry.beforeJSON),
      [
        "first_contract_deadline": before.firstContractDeadline.description,
        "first_follow_up_budget_year": String(before.firstFollowUpBudgetYear),
        "duty_ends_on": before.dutyEndsOn.description,
        "follow_up_default_due": before.followUpDefaultDue.description,
      ])
    XCTAssertEqual(try json(entry.afterJSON)["duty_ends_on"], "2014-01-01")
    XCTAssertEqual(try json(entry.afterJSON)["follow_up_default_due"], "11-05")

    let page = try browser.get(path).text
    XCTAssertTrue(
      page.contains("Pligten ophører fra: \(before.dutyEndsOn.danishText) → 1. januar 2014"), page)
    XCTAssertTrue(page.contains("→ 5. november"))
    XCTAssertTrue(page.contains(ministryUser.name))
    XCTAssertFalse(page.contains("Regelkalenderen er ikke ændret i portalen"))
  }

  func testTheSameFormTwiceChangesNothingTwice() throws {
    let browser = try signedIn()
    try browser.get(path)
    let first = try form(browser, ["first_contract_deadline": "2010-08-01"])
    XCTAssertEqual(try browser.post(path, first).headers["Location"], path + "?besked=gemt")
    XCTAssertEqual(try browser.post(path, first).headers["Location"], path + "?besked=allerede")
    // The same form (its one-time token) with other values: refused as sent before, not saved.
    let again = first.map {
      $0.hasPrefix("first_contract_deadline=") ? "first_contract_deadline=2010-09-01" : $0
    }
    XCTAssertEqual(try browser.post(path, again).headers["Location"], path + "?besked=allerede")
    XCTAssertEqual(try store.ruleCalendar().firstContractDeadline, date("2010-08-01"))
    XCTAssertEqual(try store.auditLog(entity: "rule_calendar").count, 1)
    XCTAssertTrue(try browser.get(path + "?besked=allerede").text.contains("Formularen var allerede sendt"))
  }

  func testTheSameValuesWriteNothing() throws {
    let browser = try signedIn()
    try browser.get(path)
    let reply = try browser.post(path, try form(browser))
    XCTAssertEqual(reply.headers["Location"], path + "?besked=uaendret")
    XCTAssertEqual(try store.auditLog(entity: "rule_calendar"), [])
    // The token was not used up: the same form with a change still saves.
    let fields = try form(browser, ["first_follow_up_budget_year": "2013"])
    XCTAssertEqual(try browser.post(path, fields).headers["Location"], path + "?besked=gemt")
    XCTAssertEqual(try store.ruleCalendar().firstFollowUpBudgetYear, 2013)
  }
}
