import Domain
import SQLite
import Store
import XCTest

/// Compliance as of any date, answered by the database and checked against the Domain's reference evaluation.
final class ComplianceTests: StoreTestCase {
  private let ballerup = "0151"
  private let broendby = "0153"
  private let gentofte = "0157"

  override func setUpWithError() throws {
    try super.setUpWithError()
    for (code, name) in [(ballerup, "Ballerup"), (broendby, "Brøndby"), (gentofte, "Gentofte")] {
      try store.addMunicipality(Municipality(code: code, name: name, regionCode: "DK-84"))
    }
    // Høje-Taastrup: on time, a follow-up on the budget day (published a day late), a late one, a second version.
    let first = try published(
      taastrup, adopted: "2010-06-01", published: "2010-06-20", areas: ["Folkeskole", "Dagtilbud"])
    let goals = try XCTUnwrap(store.version(id: first)).areas.flatMap(\.goals)
    try store.setBudgetAdoption(municipalityCode: taastrup, budgetYear: 2012, adoptedOn: date("2011-10-06"))
    for (year, adopted, published) in [
      (2012, "2011-10-06", "2011-11-07"), (2013, "2012-10-16", "2012-10-20"),
    ] {
      let followUp = try store.createFollowUp(municipalityCode: taastrup, budgetYear: year)
      for goal in goals {
        try store.setStatus(
          followUpId: followUp, GoalStatus(goalId: goal.id, statusText: "Nået", result: .reached))
      }
      try store.adoptFollowUp(id: followUp, Adoption(adoptedOn: date(adopted), meetingReference: "Byrådet"))
      try store.publishFollowUp(id: followUp, on: date(published))
    }
    let second = try store.createDraft(municipalityCode: taastrup)
    try store.adopt(versionId: second, Adoption(adoptedOn: date("2012-09-24"), meetingReference: "Byrådet"))
    try store.publish(versionId: second, on: date("2012-10-01"))
    // København: published on its §6 deadline, but after the §8 deadline.
    try published(copenhagen, adopted: "2010-06-30", published: "2010-07-30")
    // Ballerup: adopted, never published.
    try published(ballerup, adopted: "2011-01-31", published: nil)
    // Brøndby: nothing at all. Gentofte: early contract, a 2012 follow-up never adopted, a November budget for 2013.
    try published(gentofte, adopted: "2010-05-01", published: "2010-05-02")
    try store.createFollowUp(municipalityCode: gentofte, budgetYear: 2012)
    try store.setBudgetAdoption(municipalityCode: gentofte, budgetYear: 2013, adoptedOn: date("2012-11-05"))
  }

  private func reference(asOf: CalendarDate) throws -> Set<ComplianceFinding> {
    let calendar = try store.ruleCalendar()
    return Set(
      try store.municipalities().flatMap {
        ComplianceEvaluation.findings(for: try referenceFacts($0.code), asOf: asOf, calendar: calendar)
      })
  }

  private func outcome(_ code: String, _ rule: ComplianceRule, year: Int? = nil, asOf: String) throws
    -> ComplianceOutcome?
  {
    try store.compliance(asOf: date(asOf)).first {
      $0.municipalityCode == code && $0.rule == rule && $0.budgetYear == year
    }?
    .outcome
  }

  func testTheDatabaseAgreesWithTheReferenceOnEveryDate() throws {
    let today = try XCTUnwrap(scalar("SELECT d FROM danish_today", as: String.self))
    let dates = [
      "2010-05-01", "2010-06-20", "2010-07-01", "2010-07-02", "2010-07-30", "2010-07-31", "2011-02-28",
      "2011-03-01",
      "2011-10-06", "2011-10-15", "2011-10-16", "2011-11-07", "2012-10-01", "2012-10-15", "2012-10-16",
      "2012-11-05",
      "2012-11-06", "2012-12-31", "2013-01-01", today,
    ]
    for text in dates {
      let findings = try store.compliance(asOf: date(text))
      XCTAssertEqual(findings.count, 5 * 4 + 4 * 2 * 3 + 1 * 2 * 3 - 0, "rows as of \(text)")
      let reference = try reference(asOf: date(text))
      XCTAssertEqual(Set(findings).subtracting(reference), [], "database only, as of \(text)")
      XCTAssertEqual(reference.subtracting(findings), [], "reference only, as of \(text)")
    }
    let view = try store.database.withWriter { connection in
      try connection.query("SELECT * FROM compliance_today").map { row in
        let status: String = try row.get("status")
        let due = try row.get("due_on", as: String?.self) ?? "-"
        let actual = try row.get("actual_on", as: String?.self) ?? "-"
        let dates = status == "failed" ? "\(due) \(actual)" : status == "not_yet_due" ? due : ""
        let year = try row.get("budget_year", as: Int?.self).map(String.init) ?? "-"
        return
          "\(try row.get("municipality_code", as: String.self)) \(try row.get("rule", as: String.self)) \(year) \(status) \(dates)"
      }
    }
    let query = try store.compliance(asOf: date(today)).map { finding in
      let text: String
      switch finding.outcome {
      case .met: text = "met "
      case .failed(let due, let actual):
        text = "failed \(due?.description ?? "-") \(actual?.description ?? "-")"
      case .notYetDue(let due): text = "not_yet_due \(due?.description ?? "-")"
      case .notApplicable: text = "not_applicable "
      }
      return
        "\(finding.municipalityCode) \(finding.rule.rawValue) \(finding.budgetYear.map(String.init) ?? "-") \(text)"
    }
    XCTAssertEqual(view.sorted(), query.sorted(), "the view compliance_today is the query as of today")
  }

  func testWhoHadMetTheFirstDeadlineOnTheFirstOfJuly2010() throws {
    let firstContract = try store.compliance(asOf: date("2010-07-01")).filter { $0.rule == .firstContract }
    XCTAssertEqual(
      Set(firstContract.filter { $0.outcome == .met }.map(\.municipalityCode)), [taastrup, gentofte])
    XCTAssertEqual(
      try outcome(copenhagen, .firstContract, asOf: "2010-07-01"), .notYetDue(due: date("2010-07-01")))
    XCTAssertEqual(
      try outcome(copenhagen, .firstContract, asOf: "2010-07-02"),
      .failed(due: date("2010-07-01"), actual: nil))
    XCTAssertEqual(
      try outcome(copenhagen, .firstContract, asOf: "2010-08-01"),
      .failed(due: date("2010-07-01"), actual: date("2010-07-30")))
    XCTAssertEqual(try outcome(copenhagen, .contractPublishedOnTime, asOf: "2010-08-01"), .met)
  }

  func testChangingTheRuleCalendarMovesTheAnswer() throws {
    var calendar = try store.ruleCalendar()
    calendar.firstContractDeadline = date("2010-08-01")
    try store.setRuleCalendar(calendar)
    XCTAssertEqual(try outcome(copenhagen, .firstContract, asOf: "2011-01-01"), .met)
    calendar.dutyEndsOn = date("2014-01-01")
    try store.setRuleCalendar(calendar)
    XCTAssertEqual(
      try outcome(taastrup, .followUpAdoptedOnTime, year: 2014, asOf: "2014-06-01"),
      .failed(due: date("2013-10-15"), actual: nil))
    XCTAssertEqual(
      Set(try store.compliance(asOf: date("2014-06-01"))), try reference(asOf: date("2014-06-01")))
    XCTAssertEqual(
      errorMessage { try sql("UPDATE rule_calendar SET value = '2013-02-30' WHERE key = 'duty_ends_on'") },
      "§8: ugyldig værdi i regelkalenderen")
    XCTAssertEqual(
      errorMessage { try sql("DELETE FROM rule_calendar WHERE key = 'duty_ends_on'") },
      "§8: regelkalenderens datoer kan ændres, ikke slettes")
  }

  func testFollowUpDeadlineEdges() throws {
    XCTAssertEqual(try outcome(taastrup, .followUpAdoptedOnTime, year: 2012, asOf: "2012-01-01"), .met)
    XCTAssertEqual(
      try outcome(taastrup, .followUpPublishedOnTime, year: 2012, asOf: "2012-01-01"),
      .failed(due: date("2011-11-06"), actual: date("2011-11-07")))
    XCTAssertEqual(
      try outcome(taastrup, .followUpAdoptedOnTime, year: 2013, asOf: "2012-12-01"),
      .failed(due: date("2012-10-15"), actual: date("2012-10-16")))
    XCTAssertEqual(
      try outcome(gentofte, .followUpAdoptedOnTime, year: 2013, asOf: "2012-11-05"),
      .notYetDue(due: date("2012-11-05")))
    XCTAssertEqual(
      try outcome(gentofte, .followUpComplete, year: 2012, asOf: "2011-10-16"),
      .failed(due: date("2011-10-15"), actual: nil))
    XCTAssertEqual(
      try outcome(ballerup, .contractPublishedOnTime, asOf: "2011-02-28"), .notYetDue(due: date("2011-02-28"))
    )
    XCTAssertEqual(
      try outcome(ballerup, .contractPublishedOnTime, asOf: "2011-03-01"),
      .failed(due: date("2011-02-28"), actual: nil))
    XCTAssertEqual(try outcome(broendby, .contractInForce, asOf: "2013-01-01"), .notApplicable)
  }
}
