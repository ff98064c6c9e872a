import Domain
import Store
import XCTest

/// Every rule passing and failing, and the edges of the deadlines, built with the Store's writes on chosen dates and
/// read from the municipality page as the ministry sees it.
final class RuleScenarioTests: RuleScenarioCase {
  // MARK: §8, stk. 2 and §3

  func testFirstContractMissingThenPublishedOnTheDeadlineDay() throws {
    let deadline = calendar.firstContractDeadline
    let pending = items("Frist ikke nået", in: try page(asOf: deadline.description))
    XCTAssertTrue(
      pending.contains(
        "§8, stk. 2: Den første kvalitetskontrakt skal vedtages og offentliggøres senest \(deadline)."),
      "\(pending)")
    XCTAssertEqual(try violations(asOf: deadline.description), [])

    let dayAfter = deadline.addingDay().description
    XCTAssertEqual(
      try violations(asOf: dayAfter),
      [
        "§3: Kommunen har ingen offentliggjort kvalitetskontrakt pr. \(dayAfter); den første skulle være "
          + "offentliggjort senest \(deadline) (§3).",
        "§8, stk. 2: Den første kvalitetskontrakt er ikke offentliggjort; fristen var \(deadline) (§8, stk. 2).",
      ])

    try contract(adopted: "2010-06-01", published: deadline.description)
    let html = try page(asOf: dayAfter)
    XCTAssertEqual(items("Overtrådt", in: html), [])
    XCTAssertTrue(html.contains("Ingen overtrædelser pr."))
    let met = items("Overholdt", in: html)
    XCTAssertTrue(met.contains("§3: Der er en gældende kvalitetskontrakt (version 1)."), "\(met)")
    XCTAssertTrue(
      met.contains("§8, stk. 2: Den første kvalitetskontrakt blev offentliggjort senest \(deadline)."))
    XCTAssertTrue(
      met.contains("§2: Den gældende kontrakt har mål med tal og veje til målet for hvert serviceområde."))
  }

  func testFirstContractPublishedLateNamesTheVersionAndItsDates() throws {
    try contract(adopted: "2010-06-30", published: "2010-07-30")
    let violations = try violations(asOf: "2010-08-01")
    XCTAssertEqual(
      violations,
      [
        "§8, stk. 2: Den første kvalitetskontrakt (version 1) blev vedtaget 2010-06-30 og offentliggjort "
          + "2010-07-30; fristen var \(calendar.firstContractDeadline) (§8, stk. 2)."
      ])
  }

  // MARK: §6 for the contract

  func testAdoptedOnThe31stOfJanuaryHasItsDeadlineOnThe28thOfFebruary() throws {
    try contract(adopted: "2011-01-31", published: nil)
    let pending = items("Frist ikke nået", in: try page(asOf: "2011-02-28"))
    XCTAssertTrue(
      pending.contains("§6: Version 1, vedtaget 2011-01-31, skal offentliggøres senest 2011-02-28."),
      "\(pending)")
    XCTAssertFalse(try violations(asOf: "2011-02-28").contains { $0.hasPrefix("§6") })
    XCTAssertTrue(
      try violations(asOf: "2011-03-01").contains(
        "§6: Kontrakten (version 1) blev vedtaget 2011-01-31 og er ikke offentliggjort; fristen var 2011-02-28 (§6)."
      ))
  }

  func testPublishedOnTheDeadlineDayIsOnTime() throws {
    try contract(adopted: "2011-01-31", published: "2011-02-28")
    let html = try page(asOf: "2011-03-15")
    XCTAssertFalse(items("Overtrådt", in: html).contains { $0.hasPrefix("§6") })
    XCTAssertTrue(
      items("Overholdt", in: html).contains(
        "§6: Hver vedtaget version er offentliggjort senest en måned efter vedtagelsen."))
  }

  func testPublishedTheDayAfterTheDeadlineIsLate() throws {
    try contract(adopted: "2011-01-31", published: "2011-03-01")
    XCTAssertFalse(try violations(asOf: "2011-02-28").contains { $0.hasPrefix("§6") })
    XCTAssertTrue(
      try violations(asOf: "2011-03-01").contains(
        "§6: Kontrakten (version 1) blev vedtaget 2011-01-31 og offentliggjort 2011-03-01; fristen var 2011-02-28 (§6)."
      ))
  }

  func testTheIssuesExample() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    try contract(adopted: "2011-01-31", published: "2011-03-02")
    XCTAssertEqual(
      try violations(asOf: "2011-03-02"),
      [
        "§6: Kontrakten (version 2) blev vedtaget 2011-01-31 og offentliggjort 2011-03-02; fristen var 2011-02-28 (§6)."
      ])
  }

  // MARK: §2

  func testAnIncompleteContractInForceIsAViolation() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    XCTAssertEqual(try violations(asOf: "2011-03-01"), [])
    // Data from before the rules were enforced in the database: a version whose second service area has no goal.
    // The test drops the §2 trigger on its own database to record it, as a legacy import would have.
    let version = try draft()
    let used = try XCTUnwrap(store.version(id: version)).areas.map(\.serviceAreaId)
    let other = try XCTUnwrap(
      store.serviceAreas().first { $0.municipalityCode == nil && !used.contains($0.id) })
    try store.addArea(versionId: version, serviceAreaId: other.id)
    try store.database.withWriter { try $0.run("DROP TRIGGER contract_version_adopt_section2") }
    try store.adopt(versionId: version, Adoption(adoptedOn: date("2011-01-10"), meetingReference: "Byrådet"))
    try store.publish(versionId: version, on: date("2011-02-01"))
    XCTAssertEqual(
      try violations(asOf: "2011-03-01"),
      [
        "§2: Den gældende kontrakt (version 2, offentliggjort 2011-02-01) har ikke mål med tal og veje til målet "
          + "for hvert serviceområde (§2)."
      ])
    XCTAssertEqual(try violations(asOf: "2011-01-31"), [], "version 1 was still in force")
  }

  // MARK: §4

  func testAFollowUpAdoptedOnTheBudgetAdoptionDayIsOnTime() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    try store.setBudgetAdoption(municipalityCode: code, budgetYear: 2012, adoptedOn: date("2011-10-06"))
    try followUp(2012, adopted: "2011-10-06", published: "2011-10-20")
    let before = items("Frist ikke nået", in: try page(asOf: "2011-10-01"))
    XCTAssertTrue(
      before.contains(
        "§4: Opfølgningsredegørelsen for budgetåret 2012 skal vedtages senest 2011-10-06 (den dag budgettet for "
          + "2012 blev vedtaget)."), "\(before)")
    let html = try page(asOf: "2011-10-21")
    XCTAssertEqual(items("Overtrådt", in: html), [])
    let met = items("Overholdt", in: html)
    XCTAssertTrue(
      met.contains("§4: Opfølgningsredegørelsen for budgetåret 2012 blev vedtaget til tiden (2011-10-06)."))
    XCTAssertTrue(
      met.contains("§5: Opfølgningsredegørelsen for budgetåret 2012 dækker alle kontraktens mål."))
    XCTAssertTrue(
      met.contains(
        "§6: Opfølgningsredegørelsen for budgetåret 2012 blev offentliggjort til tiden (2011-10-20)."))
  }

  func testAFollowUpAdoptedTheDayAfterTheBudgetIsLate() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    try store.setBudgetAdoption(municipalityCode: code, budgetYear: 2012, adoptedOn: date("2011-10-05"))
    try followUp(2012, adopted: "2011-10-06", published: "2011-10-20")
    XCTAssertEqual(
      try violations(asOf: "2011-10-21"),
      [
        "§4: Opfølgningsredegørelsen for budgetåret 2012 blev vedtaget 2011-10-06; fristen var 2011-10-05 (den dag "
          + "budgettet for 2012 blev vedtaget) (§4)."
      ])
  }

  func testWithoutABudgetDateTheDeadlineFallsBackTo15October() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    let fallback = calendar.followUpDefaultDue.inYear(2011)
    XCTAssertEqual(fallback.description, "2011-10-15", "the regulation's calendar")
    let reason = "kalenderens frist \(fallback.danishText), da der ikke er registreret en budgetvedtagelse"
    let pending = items("Frist ikke nået", in: try page(asOf: "2011-10-15"))
    XCTAssertTrue(
      pending.contains(
        "§4: Opfølgningsredegørelsen for budgetåret 2012 skal vedtages senest \(fallback) (\(reason))."),
      "\(pending)")
    XCTAssertEqual(try violations(asOf: "2011-10-15"), [])
    XCTAssertEqual(
      try violations(asOf: "2011-10-16"),
      [
        "§4: Opfølgningsredegørelsen for budgetåret 2012 er ikke vedtaget; fristen var \(fallback) (\(reason)) (§4).",
        "§5: Opfølgningsredegørelsen for budgetåret 2012 er ikke vedtaget, så kontraktens mål er ikke fulgt op; den "
          + "skulle være vedtaget senest \(fallback) (§5).",
        "§6: Opfølgningsredegørelsen for budgetåret 2012 er hverken vedtaget eller offentliggjort; den skulle være "
          + "vedtaget senest \(fallback) og offentliggjort senest en måned efter (§6).",
      ])
  }

  func testViolationsAreGroupedByBudgetYear() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    let violations = try violations(asOf: "2012-10-16")
    XCTAssertEqual(
      violations.map {
        "\($0.components(separatedBy: ":")[0]) \($0.contains("budgetåret 2012") ? 2012 : 2013)"
      },
      ["§4 2012", "§5 2012", "§6 2012", "§4 2013", "§5 2013", "§6 2013"])
  }

  // MARK: §5

  func testAFollowUpThatDoesNotCoverTheContractInForceIsAViolation() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    try followUp(2012, adopted: "2011-10-06", published: "2011-10-20")
    XCTAssertEqual(try violations(asOf: "2011-10-21"), [])
    // A new version recorded afterwards as published 2011-10-01: on the adoption day its goals were in force, and
    // the follow-up gave them no status.
    try contract(adopted: "2011-09-01", published: "2011-10-01")
    XCTAssertEqual(
      try violations(asOf: "2011-10-21"),
      [
        "§5: Opfølgningsredegørelsen for budgetåret 2012 blev vedtaget 2011-10-06, men dækker ikke alle mål i den "
          + "kontrakt, der var gældende den dag (§5)."
      ])
  }

  // MARK: §6 for the follow-up

  func testAFollowUpPublishedOnTheDeadlineDayIsOnTimeAndTheDayAfterLate() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    try followUp(2012, adopted: "2011-10-06", published: "2011-11-06")
    try followUp(2013, adopted: "2012-10-10", published: "2012-11-11")
    let pending = items("Frist ikke nået", in: try page(asOf: "2012-11-10"))
    XCTAssertTrue(
      pending.contains(
        "§6: Opfølgningsredegørelsen for budgetåret 2013, vedtaget 2012-10-10, skal offentliggøres senest 2012-11-10."
      ),
      "\(pending)")
    let html = try page(asOf: "2012-11-11")
    XCTAssertTrue(
      items("Overholdt", in: html).contains(
        "§6: Opfølgningsredegørelsen for budgetåret 2012 blev offentliggjort til tiden (2011-11-06)."))
    XCTAssertEqual(
      items("Overtrådt", in: html),
      [
        "§6: Opfølgningsredegørelsen for budgetåret 2013 blev vedtaget 2012-10-10 og offentliggjort 2012-11-11; "
          + "fristen var 2012-11-10 (§6)."
      ])
  }

  func testAfterTheDutyEndedNothingIsDue() throws {
    let html = try page(asOf: calendar.dutyEndsOn.description)
    XCTAssertEqual(items("Frist ikke nået", in: html), [])
    XCTAssertTrue(
      items("Ikke relevant", in: html).contains(
        "§3: Pligten til en kvalitetskontrakt ophørte \(calendar.dutyEndsOn)."))
  }
}
