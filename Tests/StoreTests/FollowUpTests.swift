import Domain
import SQLite
import Store
import XCTest

/// §4 and §5: one follow-up per year, due with the budget, covering every goal in force.
final class FollowUpTests: StoreTestCase {
  private var goals: [Goal] = []

  override func setUpWithError() throws {
    try super.setUpWithError()
    let version = try published(
      adopted: "2010-06-01", published: "2010-06-20", areas: ["Folkeskole", "Dagtilbud"])
    goals = try XCTUnwrap(store.version(id: version)).areas.flatMap(\.goals)
  }

  private func reached(_ goal: Goal) -> GoalStatus {
    GoalStatus(
      goalId: goal.id, statusText: "Målet er nået", measuredValue: 91, measuredOn: date("2011-08-01"),
      result: .reached)
  }

  func testOneFollowUpPerMunicipalityAndBudgetYear() throws {
    try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2012)
    XCTAssertEqual(
      errorMessage { try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2012) },
      "§4: kun én opfølgningsredegørelse pr. kommune og budgetår")
    XCTAssertEqual(
      errorMessage {
        try sql("INSERT INTO follow_up (municipality_code, budget_year) VALUES (?, 2012)", taastrup)
      }, "§4: kun én opfølgningsredegørelse pr. kommune og budgetår")
    XCTAssertNoThrow(try store.createFollowUp(municipalityCode: copenhagen, budgetYear: 2012))
  }

  func testPublicationBeforeAdoptionIsRefusedAndLatePublicationIsNot() throws {
    let followUp = try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2012)
    let message = "§6: en opfølgningsredegørelse skal være vedtaget før den offentliggøres"
    XCTAssertEqual(errorMessage { try store.publishFollowUp(id: followUp, on: date("2011-10-01")) }, message)
    for goal in goals { try store.setStatus(followUpId: followUp, reached(goal)) }
    try store.adoptFollowUp(
      id: followUp, Adoption(adoptedOn: date("2011-10-06"), meetingReference: "Byrådet"))
    XCTAssertEqual(
      errorMessage { try sql("UPDATE follow_up SET published_on = '2011-10-05' WHERE id = ?", followUp) },
      message)
    XCTAssertNoThrow(try store.publishFollowUp(id: followUp, on: date("2012-06-01")))
    XCTAssertEqual(try store.followUps(budgetYear: 2012).first?.publishedLate, true)
  }

  func testDueOnTheBudgetAdoptionDateElseFifteenthOfOctoberTheYearBefore() throws {
    let id2012 = try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2012)
    try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2013)
    try store.setBudgetAdoption(municipalityCode: taastrup, budgetYear: 2013, adoptedOn: date("2012-10-04"))
    XCTAssertEqual(
      try store.followUps(municipalityCode: taastrup).map(\.dueOn), [date("2011-10-15"), date("2012-10-04")])
    try store.setBudgetAdoption(municipalityCode: taastrup, budgetYear: 2013, adoptedOn: nil)
    XCTAssertEqual(try store.followUps(municipalityCode: taastrup).last?.dueOn, date("2012-10-15"))
    var calendar = try store.ruleCalendar()
    calendar.followUpDefaultDue = MonthDay(month: 11, day: 5)
    try store.setRuleCalendar(calendar)
    XCTAssertEqual(try store.followUps(budgetYear: 2012).map(\.id), [id2012])
    XCTAssertEqual(try store.followUps(budgetYear: 2012).first?.dueOn, date("2011-11-05"))
  }

  func testCannotBeAdoptedUntilEveryGoalInForceHasAStatusAndUnmetGoalsAFollowUp() throws {
    let followUp = try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2012)
    let adoption = Adoption(adoptedOn: date("2011-10-06"), meetingReference: "Byrådet 6.10.2011")
    try store.setStatus(followUpId: followUp, reached(goals[0]))
    try store.setStatus(
      followUpId: followUp,
      GoalStatus(goalId: goals[1].id, statusText: "Delvist", result: .partly, followUpText: ""))
    do {
      try store.adoptFollowUp(id: followUp, adoption)
      XCTFail("adopted without a follow-up on an unmet goal")
    } catch let violation as RuleViolation {
      XCTAssertEqual(violation.rule, .section5)
      XCTAssertEqual(violation.message, "§5: målet \"\(goals[1].title)\" er ikke nået og mangler opfølgning")
      let reference = ContentRules.section5Problems(
        try XCTUnwrap(store.followUp(id: followUp)), goalsInForce: goals)
      XCTAssertEqual(violation.problems, reference)
    }
    XCTAssertEqual(
      errorMessage {
        try sql(
          "UPDATE follow_up SET adopted_on = '2011-10-06', meeting_reference = 'x' WHERE id = ?", followUp)
      }, "§5: et mål, der ikke er nået, mangler opfølgning")
    XCTAssertEqual(try store.problems(followUpId: followUp).map(\.goalId), [goals[1].id])

    try store.removeStatus(followUpId: followUp, goalId: goals[1].id)
    XCTAssertEqual(
      errorMessage { try store.adoptFollowUp(id: followUp, adoption) },
      "§5: målet \"\(goals[1].title)\" mangler status")
    XCTAssertEqual(
      errorMessage {
        try sql(
          "UPDATE follow_up SET adopted_on = '2011-10-06', meeting_reference = 'x' WHERE id = ?", followUp)
      }, "§5: et mål i den gældende kvalitetskontrakt mangler status")

    try store.setStatus(
      followUpId: followUp,
      GoalStatus(
        goalId: goals[1].id, statusText: "Delvist", result: .partly, followUpText: "Efteruddannelse af lærere"
      ))
    try store.adoptFollowUp(id: followUp, adoption)
    XCTAssertEqual(
      errorMessage { try store.setStatus(followUpId: followUp, reached(goals[1])) },
      "§3: en vedtaget opfølgningsredegørelse kan ikke ændres")
  }

  func testNoContractInForceOnTheAdoptionDateMeansNothingToFollowUp() throws {
    let followUp = try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2011)
    XCTAssertEqual(
      errorMessage {
        try store.adoptFollowUp(id: followUp, Adoption(adoptedOn: date("2010-06-19"), meetingReference: "x"))
      },
      "§5: der er ingen gældende kvalitetskontrakt på vedtagelsesdatoen")
  }

  func testStatusOnlyForPublishedGoalsOfTheSameMunicipality() throws {
    let other = try published(copenhagen, adopted: "2010-06-01", published: "2010-06-20")
    let otherGoal = try XCTUnwrap(store.version(id: other)?.areas.first?.goals.first)
    let followUp = try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2012)
    XCTAssertEqual(
      errorMessage { try store.setStatus(followUpId: followUp, reached(otherGoal)) },
      "§5: status kan kun gives for mål i kommunens offentliggjorte kvalitetskontrakt")
  }

  func testLateAdoptionAndLatePublicationAreStoredAndFlagged() throws {
    try store.setBudgetAdoption(municipalityCode: taastrup, budgetYear: 2012, adoptedOn: date("2011-10-06"))
    let onTime = try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2012)
    let late = try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2013)
    for id in [onTime, late] {
      for goal in goals { try store.setStatus(followUpId: id, reached(goal)) }
    }
    try store.adoptFollowUp(id: onTime, Adoption(adoptedOn: date("2011-10-06"), meetingReference: "Byrådet"))
    try store.publishFollowUp(id: onTime, on: date("2011-11-06"))
    try store.adoptFollowUp(id: late, Adoption(adoptedOn: date("2012-10-16"), meetingReference: "Byrådet"))
    try store.publishFollowUp(id: late, on: date("2012-11-17"))
    let summaries = try store.followUps(municipalityCode: taastrup)
    XCTAssertEqual(summaries.map(\.adoptedLate), [false, true])
    XCTAssertEqual(summaries.map(\.publishedLate), [false, true])
    XCTAssertEqual(summaries.map(\.publicationDeadline), [date("2011-11-06"), date("2012-11-16")])
    XCTAssertEqual(
      errorMessage { try store.discardFollowUp(id: late) },
      "§3: kun en ikke vedtaget opfølgningsredegørelse kan kasseres")
  }

  func testLatestPublishedStatusesShowWithTheContractInForce() throws {
    let followUp = try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2012)
    for goal in goals { try store.setStatus(followUpId: followUp, reached(goal)) }
    try store.adoptFollowUp(
      id: followUp, Adoption(adoptedOn: date("2011-10-06"), meetingReference: "Byrådet"))
    XCTAssertEqual(
      try store.contractInForce(municipalityCode: taastrup, asOf: date("2011-12-01"))?.latestStatuses, [:])
    try store.publishFollowUp(id: followUp, on: date("2011-10-07"))
    let next = try store.createDraft(municipalityCode: taastrup)
    try store.adopt(versionId: next, Adoption(adoptedOn: date("2012-01-10"), meetingReference: "Byrådet"))
    try store.publish(versionId: next, on: date("2012-01-11"))
    let inForce = try XCTUnwrap(store.contractInForce(municipalityCode: taastrup, asOf: date("2012-02-01")))
    XCTAssertEqual(inForce.version.id, next)
    XCTAssertEqual(inForce.latestStatuses[goals[0].lineage]?.budgetYear, 2012)
    XCTAssertEqual(inForce.latestStatuses[goals[0].lineage]?.status.statusText, "Målet er nået")
    XCTAssertEqual(try store.goalHistory(lineage: goals[0].lineage).map(\.statuses.count), [1, 0])
  }
}
