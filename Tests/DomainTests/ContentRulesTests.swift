import Domain
import XCTest

final class ContentRulesTests: XCTestCase {
  private func completeGoal(_ id: Int64, _ title: String) -> Goal {
    Goal(
      id: id, lineage: id, title: title, goalText: "95 % besvares inden for 60 sekunder",
      indicator: "Andel besvaret inden for 60 sekunder", unit: "%", baselineValue: 82,
      baselineDate: CalendarDate("2010-01-01"), targetValue: 95, targetDate: CalendarDate("2012-12-31"),
      means: "Bemanding tilpasses henvendelsesmønstre")
  }

  func testAVersionWithoutAreasCannotBeAdopted() {
    let problems = ContentRules.section2Problems(ContractVersion(municipalityCode: "0169", number: 1))
    XCTAssertEqual(problems.map(\.message), ["§2: versionen har ingen serviceområder"])
    XCTAssertEqual(problems.first?.rule, .section2)
  }

  func testNamesTheAreaWithoutGoalsAndEachMissingFieldOfAGoal() {
    var incomplete = completeGoal(2, "Digital selvbetjening")
    incomplete.targetValue = nil
    incomplete.means = "  \n"
    let version = ContractVersion(
      municipalityCode: "0169", number: 1,
      areas: [
        VersionArea(
          id: 1, name: "Borgerservice og administration", position: 1,
          goals: [completeGoal(1, "Responstid"), incomplete]),
        VersionArea(id: 2, name: "Integrationsområdet", position: 2),
      ])
    XCTAssertEqual(
      ContentRules.section2Problems(version).map(\.message),
      [
        "§2: målet \"Digital selvbetjening\" mangler målværdi",
        "§2: målet \"Digital selvbetjening\" mangler veje til målet",
        "§2: området Integrationsområdet har ingen mål",
      ])
    XCTAssertEqual(ContentRules.section2Problems(version).first?.goalId, 2)
    XCTAssertEqual(ContentRules.section2Problems(version).first?.field, "target_value")
  }

  func testACompleteVersionHasNoProblems() {
    let version = ContractVersion(
      municipalityCode: "0169", number: 1,
      areas: [VersionArea(name: "Dagtilbud", goals: [completeGoal(1, "Sprog")])])
    XCTAssertEqual(ContentRules.section2Problems(version), [])
  }

  func testMoreThanThreeGoalsInAnAreaIsAWarningNotAProblem() {
    let goals = (1...4).map { completeGoal(Int64($0), "Mål \($0)") }
    let version = ContractVersion(
      municipalityCode: "0169", number: 1,
      areas: [
        VersionArea(id: 1, name: "Dagtilbud", position: 1, goals: goals),
        VersionArea(id: 2, name: "Folkeskole", position: 2, goals: Array(goals.prefix(3))),
      ])
    XCTAssertEqual(
      ContentRules.guidanceWarnings(version),
      ["Vejledningen anbefaler få mål (højst 2-3) pr. serviceområde; Dagtilbud har 4"])
    XCTAssertEqual(ContentRules.section2Problems(version), [])
  }

  func testFollowUpNeedsAStatusForEveryGoalAndAFollowUpForEachUnmetGoal() {
    let goals = [
      completeGoal(1, "Responstid"), completeGoal(2, "Digital selvbetjening"), completeGoal(3, "Fritidspas"),
    ]
    var followUp = FollowUp(
      municipalityCode: "0169", budgetYear: 2013,
      statuses: [
        GoalStatus(goalId: 1, statusText: "Målet er justeret til 90 % og overholdes", result: .reached),
        GoalStatus(goalId: 2, statusText: "Delvist nået", result: .partly, followUpText: " "),
      ])
    XCTAssertEqual(
      ContentRules.section5Problems(followUp, goalsInForce: goals).map(\.message),
      [
        "§5: målet \"Digital selvbetjening\" er ikke nået og mangler opfølgning",
        "§5: målet \"Fritidspas\" mangler status",
      ])
    followUp.statuses[1].followUpText = "Kampagner for selvbetjening"
    followUp.statuses.append(
      GoalStatus(
        goalId: 3, statusText: "371 fritidspas uddelt", result: .notReached,
        followUpText: "Opfølgning i august"))
    XCTAssertEqual(ContentRules.section5Problems(followUp, goalsInForce: goals), [])
  }
}
