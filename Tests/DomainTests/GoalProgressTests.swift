import Domain
import XCTest

final class GoalProgressTests: XCTestCase {
  private func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

  private func measured(_ text: String, _ value: Double, year: Int = 2012) -> GoalProgress.Measurement {
    GoalProgress.Measurement(date: date(text), value: value, budgetYear: year)
  }

  /// Baseline 80 on 1 January 2011, target 90 on 11 January 2011: the line rises exactly 1 a day.
  private func tenDayGoal(
    direction: Direction = .higher, baseline: Double = 80, target: Double = 90,
    _ measurements: [GoalProgress.Measurement]
  ) -> GoalProgress {
    GoalProgress(
      baseline: .init(date: date("2011-01-01"), value: baseline),
      target: .init(date: date("2011-01-11"), value: target), direction: direction, unit: "%",
      measurements: measurements)
  }

  func testTheLineRunsStraightFromBaselineToTargetAndIsFlatOutside() {
    let progress = tenDayGoal([])
    XCTAssertEqual(progress.expectedValue(on: date("2011-01-01")) ?? .nan, 80, accuracy: 1e-9)
    XCTAssertEqual(progress.expectedValue(on: date("2011-01-04")) ?? .nan, 83, accuracy: 1e-9)
    XCTAssertEqual(progress.expectedValue(on: date("2011-01-11")) ?? .nan, 90, accuracy: 1e-9)
    XCTAssertEqual(progress.expectedValue(on: date("2010-06-01")) ?? .nan, 80, accuracy: 1e-9)
    XCTAssertEqual(progress.expectedValue(on: date("2015-06-01")) ?? .nan, 90, accuracy: 1e-9)
    XCTAssertNil(
      GoalProgress(baseline: nil, target: nil, direction: .higher).expectedValue(on: date("2011-01-04")))
  }

  func testReachedWhenTheLatestMeasurementMeetsOrPassesTheTarget() {
    XCTAssertEqual(tenDayGoal([measured("2011-01-05", 90)]).badge, .reached)
    XCTAssertEqual(tenDayGoal([measured("2011-01-05", 91)]).badge, .reached)
    XCTAssertEqual(tenDayGoal([measured("2012-06-01", 90)]).badge, .reached)
    XCTAssertEqual(
      tenDayGoal(direction: .lower, baseline: 20, target: 10, [measured("2011-01-05", 10)]).badge, .reached)
    XCTAssertEqual(
      tenDayGoal(direction: .lower, baseline: 20, target: 10, [measured("2011-01-05", 9)]).badge, .reached)
  }

  func testOnTrackAtOrAboveTheLineAndBehindBelowItWhenHigherIsBetter() {
    XCTAssertEqual(tenDayGoal([measured("2011-01-05", 84)]).badge, .onTrack)
    XCTAssertEqual(tenDayGoal([measured("2011-01-05", 86.5)]).badge, .onTrack)
    XCTAssertEqual(tenDayGoal([measured("2011-01-05", 83.9)]).badge, .behind)
  }

  func testOnTrackAtOrBelowTheLineAndBehindAboveItWhenLowerIsBetter() {
    // Baseline 20, target 10: the line falls 1 a day, 16 on 5 January.
    let lower = { (value: Double) in
      self.tenDayGoal(direction: .lower, baseline: 20, target: 10, [self.measured("2011-01-05", value)]).badge
    }
    XCTAssertEqual(lower(16), .onTrack)
    XCTAssertEqual(lower(12), .onTrack)
    XCTAssertEqual(lower(16.1), .behind)
    XCTAssertEqual(lower(25), .behind)
  }

  func testOnOrAfterTheTargetDateWithoutReachingItIsBehindHoweverCloseItIs() {
    XCTAssertEqual(tenDayGoal([measured("2011-01-11", 89.9)]).badge, .behind)
    XCTAssertEqual(tenDayGoal([measured("2011-02-01", 89.99)]).badge, .behind)
    XCTAssertEqual(tenDayGoal([measured("2011-01-10", 89.9)]).badge, .onTrack)
  }

  func testTheLatestMeasurementDecidesWhateverOrderTheyComeIn() {
    let fellBack = tenDayGoal([
      measured("2011-01-08", 80, year: 2013), measured("2011-01-03", 95, year: 2012),
    ])
    XCTAssertEqual(fellBack.latest?.value, 80)
    XCTAssertEqual(fellBack.measurements.map(\.budgetYear), [2012, 2013])
    XCTAssertEqual(fellBack.badge, .behind)
    let caughtUp = tenDayGoal([measured("2011-01-08", 95), measured("2011-01-03", 80)])
    XCTAssertEqual(caughtUp.badge, .reached)
  }

  func testMeasurementsInOrderKeepTheirOrderButLoseValuesThatAreNotNumbers() {
    let inOrder = tenDayGoal([
      measured("2011-01-03", 81, year: 2012), measured("2011-01-05", .nan, year: 2013),
      measured("2011-01-05", 83, year: 2013), measured("2011-01-05", 84, year: 2013),
    ])
    XCTAssertEqual(inOrder.measurements.map(\.value), [81, 83, 84])
    let tied = tenDayGoal([measured("2011-01-05", 83, year: 2014), measured("2011-01-05", 82, year: 2013)])
    XCTAssertEqual(tied.measurements.map(\.budgetYear), [2013, 2014])
  }

  func testNoDataWithoutMeasurementsOrWithoutTheNumbersOfTheLine() {
    XCTAssertEqual(tenDayGoal([]).badge, .noData)
    XCTAssertEqual(tenDayGoal([measured("2011-01-05", .nan)]).badge, .noData)
    let goal = Goal(
      title: "Responstid", unit: "%", baselineValue: 80, baselineDate: date("2011-01-01"), targetValue: 95,
      targetDate: nil)
    let missingTargetDate = GoalProgress(goal: goal, measurements: [measured("2011-01-05", 99)])
    XCTAssertNil(missingTargetDate.target)
    XCTAssertEqual(missingTargetDate.badge, .noData)
    var noBaseline = goal
    noBaseline.targetDate = date("2012-01-01")
    noBaseline.baselineValue = nil
    XCTAssertEqual(GoalProgress(goal: noBaseline, measurements: [measured("2011-01-05", 99)]).badge, .noData)
    noBaseline.baselineValue = 80
    XCTAssertEqual(GoalProgress(goal: noBaseline, measurements: [measured("2011-01-05", 99)]).badge, .reached)
  }

  func testAMeasurementBeforeTheBaselineIsJudgedAgainstTheBaselineValue() {
    XCTAssertEqual(tenDayGoal([measured("2010-12-01", 80)]).badge, .onTrack)
    XCTAssertEqual(tenDayGoal([measured("2010-12-01", 79)]).badge, .behind)
    XCTAssertEqual(tenDayGoal([measured("2010-12-01", 90)]).badge, .reached)
  }

  func testATargetDatedOnTheBaselineDateIsAStep() {
    let step = GoalProgress(
      baseline: .init(date: date("2011-01-01"), value: 80),
      target: .init(date: date("2011-01-01"), value: 90),
      direction: .higher)
    XCTAssertEqual(step.expectedValue(on: date("2010-12-31")) ?? .nan, 80, accuracy: 1e-9)
    XCTAssertEqual(step.expectedValue(on: date("2011-01-01")) ?? .nan, 90, accuracy: 1e-9)
    let before = GoalProgress(
      baseline: step.baseline, target: step.target, direction: .higher,
      measurements: [measured("2010-12-31", 85)])
    XCTAssertEqual(before.badge, .onTrack)
    let on = GoalProgress(
      baseline: step.baseline, target: step.target, direction: .higher,
      measurements: [measured("2011-01-01", 85)])
    XCTAssertEqual(on.badge, .behind)
  }

  func testAGoalToHoldALevelIsReachedAtThatLevel() {
    XCTAssertEqual(tenDayGoal(baseline: 90, target: 90, [measured("2011-01-05", 90)]).badge, .reached)
    XCTAssertEqual(tenDayGoal(baseline: 90, target: 90, [measured("2011-01-05", 89)]).badge, .behind)
  }

  func testTheDirectionAloneSaysWhatIsBetter() {
    // A target below the baseline although higher is better: anything from the target up is reached.
    XCTAssertEqual(tenDayGoal(baseline: 90, target: 80, [measured("2011-01-05", 85)]).badge, .reached)
    XCTAssertEqual(tenDayGoal(baseline: 90, target: 80, [measured("2011-01-05", 79)]).badge, .behind)
  }

  func testALineComputedWithRoundingErrorStillCountsAsMet() {
    let progress = GoalProgress(
      baseline: .init(date: date("2010-12-31"), value: 82),
      target: .init(date: date("2013-12-31"), value: 90),
      direction: .higher)
    let onDay = date("2012-12-31")
    let expected = progress.expectedValue(on: onDay)!
    XCTAssertEqual(expected, 82 + 8 * 731 / 1096, accuracy: 1e-9)
    let justOnIt = (expected * 1e9).rounded(.down) / 1e9
    let withOnIt = GoalProgress(
      baseline: progress.baseline, target: progress.target, direction: .higher,
      measurements: [.init(date: onDay, value: justOnIt, budgetYear: 2013)])
    XCTAssertEqual(withOnIt.badge, .onTrack)
    let clearlyBelow = GoalProgress(
      baseline: progress.baseline, target: progress.target, direction: .higher,
      measurements: [.init(date: onDay, value: expected - 0.001, budgetYear: 2013)])
    XCTAssertEqual(clearlyBelow.badge, .behind)
  }

  func testAnAdjustedTargetMovesTheLineEveryMeasurementIsJudgedAgainst() {
    // Seed 004: 95 % lowered to 90 % "på grund af personalereduktioner".
    var goal = Goal(
      title: "Telefonbesvarelse", unit: "%", baselineValue: 80, baselineDate: date("2011-01-01"),
      targetValue: 95,
      targetDate: date("2011-01-11"))
    let measurements = [measured("2011-01-05", 85)]
    XCTAssertEqual(
      GoalProgress(goal: goal, measurements: measurements).expectedValue(on: date("2011-01-05")) ?? .nan, 86,
      accuracy: 1e-9)
    XCTAssertEqual(GoalProgress(goal: goal, measurements: measurements).badge, .behind)

    goal.targetValue = 90
    let adjustment = TargetAdjustment(
      goalId: 1, oldTargetValue: 95, newTargetValue: 90, adjustedOn: date("2011-01-03"),
      reason: "på grund af personalereduktioner")
    let adjusted = GoalProgress(goal: goal, adjustments: [adjustment], measurements: measurements)
    XCTAssertEqual(adjusted.expectedValue(on: date("2011-01-05")) ?? .nan, 84, accuracy: 1e-9)
    XCTAssertEqual(adjusted.badge, .onTrack)
    XCTAssertEqual(adjusted.adjustments, [adjustment])

    // A later target date flattens the line too.
    goal.targetValue = 95
    goal.targetDate = date("2011-01-16")
    XCTAssertEqual(
      GoalProgress(goal: goal, measurements: measurements).expectedValue(on: date("2011-01-05")) ?? .nan, 84,
      accuracy: 1e-9)
    XCTAssertEqual(GoalProgress(goal: goal, measurements: measurements).badge, .onTrack)
  }

  func testAdjustmentsAreKeptInDateOrder() {
    let later = TargetAdjustment(
      id: 1, goalId: 1, oldTargetValue: 90, newTargetValue: 85, adjustedOn: date("2012-05-01"), reason: "b")
    let earlier = TargetAdjustment(
      id: 2, goalId: 1, oldTargetValue: 95, newTargetValue: 90, adjustedOn: date("2011-05-01"), reason: "a")
    let progress = tenDayGoal([])
    let sorted = GoalProgress(
      baseline: progress.baseline, target: progress.target, direction: .higher, adjustments: [later, earlier])
    XCTAssertEqual(sorted.adjustments.map(\.reason), ["a", "b"])
  }

  func testEachBadgeHasItsDanishLabelAndAStableClass() {
    let expected: [(GoalProgress.Badge, String, String)] = [
      (.reached, "nået", "reached"), (.onTrack, "på vej", "on-track"), (.behind, "bagud", "behind"),
      (.noData, "ingen data", "no-data"),
    ]
    XCTAssertEqual(expected.count, GoalProgress.Badge.allCases.count)
    for (badge, label, cssClass) in expected {
      XCTAssertEqual(badge.label, label)
      XCTAssertEqual(badge.cssClass, cssClass)
    }
  }

  func testTheExplanationSaysWhatTheBadgeWasJudgedOn() {
    XCTAssertEqual(
      tenDayGoal([measured("2011-01-05", 82)]).explanation,
      "Målt 82 % pr. 05.01.2011; linjen mod målet lå på 84 %.")
    XCTAssertEqual(
      tenDayGoal([measured("2011-01-05", 84.5)]).explanation,
      "Målt 84,5 % pr. 05.01.2011; linjen mod målet lå på 84 %.")
    XCTAssertEqual(
      tenDayGoal([measured("2011-01-05", 92)]).explanation, "Målt 92 % pr. 05.01.2011; målet på 90 % er nået."
    )
    XCTAssertEqual(
      tenDayGoal([measured("2011-03-31", 88)]).explanation,
      "Målt 88 % pr. 31.03.2011; målet på 90 % skulle være nået 11.01.2011.")
    XCTAssertEqual(tenDayGoal([]).explanation, "Der er endnu ingen målinger.")
    XCTAssertEqual(
      GoalProgress(baseline: nil, target: nil, direction: .higher, measurements: [measured("2011-01-05", 1)])
        .explanation,
      "Målet mangler tal for udgangspunkt eller mål med dato, så fremdriften kan ikke vurderes.")
  }

  func testNoSecondFullStopAfterAUnitEndingInOne() {
    let price = GoalProgress(
      baseline: .init(date: date("2011-01-01"), value: 1300),
      target: .init(date: date("2011-01-11"), value: 1200),
      direction: .lower, unit: "kr.", measurements: [measured("2011-01-05", 1270)])
    XCTAssertEqual(price.explanation, "Målt 1.270 kr. pr. 05.01.2011; linjen mod målet lå på 1.260 kr.")
  }

  func testAFollowUpStatusGivesAMeasurementOnlyWithValueAndDate() {
    let status = GoalStatus(
      goalId: 1, statusText: "Godt på vej", measuredValue: 85, measuredOn: date("2011-12-31"), result: .partly
    )
    XCTAssertEqual(
      GoalProgress.Measurement(status, budgetYear: 2012), measured("2011-12-31", 85, year: 2012))
    var noDate = status
    noDate.measuredOn = nil
    XCTAssertNil(GoalProgress.Measurement(noDate, budgetYear: 2012))
    var noValue = status
    noValue.measuredValue = nil
    XCTAssertNil(GoalProgress.Measurement(noValue, budgetYear: 2012))
  }

  func testDanishNumbersUseADecimalCommaAndDotsBetweenThousands() {
    XCTAssertEqual(DanishNumber.format(82.5, unit: "%"), "82,5 %")
    XCTAssertEqual(DanishNumber.format(1250, unit: "kr."), "1.250 kr.")
    XCTAssertEqual(DanishNumber.format(90, unit: "%"), "90 %")
    XCTAssertEqual(DanishNumber.format(1_234_567.891), "1.234.567,89")
    XCTAssertEqual(DanishNumber.format(999), "999")
    XCTAssertEqual(DanishNumber.format(1000), "1.000")
    XCTAssertEqual(DanishNumber.format(999.999), "1.000")
    XCTAssertEqual(DanishNumber.format(-3.25), "-3,25")
    XCTAssertEqual(DanishNumber.format(-1234.5), "-1.234,5")
    XCTAssertEqual(DanishNumber.format(0.1), "0,1")
    XCTAssertEqual(DanishNumber.format(0.125), "0,13")
    XCTAssertEqual(DanishNumber.format(-0.001), "0")
    XCTAssertEqual(DanishNumber.format(0), "0")
    XCTAssertEqual(DanishNumber.format(2.50), "2,5")
    XCTAssertEqual(DanishNumber.format(3.05), "3,05")
    XCTAssertEqual(DanishNumber.format(82.5, maximumFractionDigits: 0), "83")
    XCTAssertEqual(DanishNumber.format(0.0625, maximumFractionDigits: 4), "0,0625")
    XCTAssertEqual(DanishNumber.format(12, unit: ""), "12")
    XCTAssertEqual(DanishNumber.format(12, unit: "dage"), "12 dage")
    XCTAssertEqual(DanishNumber.format(.nan, unit: "%"), "– %")
    XCTAssertEqual(DanishNumber.format(1.5e20), "1,5e+20")
  }

  func testDanishDatesAreDayMonthYearWithDots() {
    XCTAssertEqual(date("2012-12-31").danishNumeric, "31.12.2012")
    XCTAssertEqual(date("2011-01-05").danishNumeric, "05.01.2011")
    XCTAssertEqual(date("0009-03-01").danishNumeric, "01.03.9")
  }

  func testDanishDatesInWordsHaveNoLeadingZeros() {
    XCTAssertEqual(date("2010-06-22").danishText, "22. juni 2010")
    XCTAssertEqual(date("2011-01-05").danishText, "5. januar 2011")
    XCTAssertEqual(date("9999-09-30").danishText, "30. september 9999")
    XCTAssertEqual(date("0009-12-01").danishText, "1. december 9")
  }
}
