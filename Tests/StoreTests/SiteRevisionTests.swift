import Domain
import Foundation
import SQLite
import XCTest

@testable import Store

/// The site revision goes up with every change citizens can see, and only then. Counted relative to the value
/// before each change, so nothing depends on which migrations ran.
final class SiteRevisionTests: StoreTestCase {
  private func revision() throws -> Int64 { try store.siteRevision().revision }

  private func assertBumps(
    _ what: String, file: StaticString = #filePath, line: UInt = #line, _ change: () throws -> Void
  ) throws {
    let before = try revision()
    try change()
    XCTAssertGreaterThan(try revision(), before, "\(what) should bump the revision", file: file, line: line)
  }

  private func assertKeeps(
    _ what: String, file: StaticString = #filePath, line: UInt = #line, _ change: () throws -> Void
  ) throws {
    let before = try revision()
    try change()
    XCTAssertEqual(try revision(), before, "\(what) should not bump the revision", file: file, line: line)
  }

  func testPublishingBumpsAndSavingADraftDoesNot() throws {
    let started = Int(Date().timeIntervalSince1970)
    var version: Int64 = 0
    try assertKeeps("saving a draft") {
      version = try draft(areas: ["Borgerservice og administration", "Dagtilbud"])
      let goal = try XCTUnwrap(store.version(id: version)?.areas.first?.goals.first)
      try store.updateGoal(id: goal.id, completeGoal("Ny titel", target: 95))
      try store.addCommitteeRecommendation(
        versionId: version,
        CommitteeRecommendation(committee: "Økonomiudvalget", recommendedOn: date("2010-05-01")))
    }
    try assertBumps("adopting") {
      try store.adopt(
        versionId: version, Adoption(adoptedOn: date("2010-06-01"), meetingReference: "Byrådet"))
    }
    try assertBumps("publishing") { try store.publish(versionId: version, on: date("2010-06-10")) }
    let after = try store.siteRevision()
    XCTAssertGreaterThanOrEqual(after.changedAt, started)
    XCTAssertLessThanOrEqual(after.changedAt, Int(Date().timeIntervalSince1970))
    XCTAssertEqual(after.lastModified, max(after.changedAt, after.todayBeganAt))

    try assertKeeps("a draft made from the version in force, and discarded") {
      let next = try store.createDraft(municipalityCode: taastrup)
      try store.discardDraft(versionId: next)
    }
  }

  func testFollowUpDecisionsBumpAndItsDraftDoesNot() throws {
    let version = try published(adopted: "2010-06-01", published: "2010-06-10")
    let goal = try XCTUnwrap(store.version(id: version)?.areas.first?.goals.first)
    var followUp: Int64 = 0
    try assertKeeps("a follow-up being written") {
      followUp = try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2012)
      try store.setStatus(
        followUpId: followUp, GoalStatus(goalId: goal.id, statusText: "Nået", result: .reached))
    }
    try assertBumps("adopting a follow-up") {
      try store.adoptFollowUp(
        id: followUp, Adoption(adoptedOn: date("2011-10-01"), meetingReference: "Byrådet"))
    }
    try assertBumps("publishing a follow-up") {
      try store.publishFollowUp(id: followUp, on: date("2011-10-05"))
    }
  }

  func testRemovingDecidedExampleContentBumpsRowByRow() throws {
    // Adopted example content in København: a version with an adjusted goal, a recommendation, a follow-up.
    let first = try store.createDraft(municipalityCode: copenhagen, isExample: true)
    let area = try store.addArea(versionId: first, serviceAreaId: try areaId("Dagtilbud"), isExample: true)
    var goal = completeGoal("Sprog")
    goal.isExample = true
    let firstGoal = try store.addGoal(versionAreaId: area, goal)
    try store.adopt(versionId: first, Adoption(adoptedOn: date("2010-06-01"), meetingReference: "Byrådet"))
    try store.publish(versionId: first, on: date("2010-06-02"))
    let adjusted = try store.adjustTarget(
      goalId: firstGoal.id, newTargetValue: 85, reason: "Færre ansatte", on: date("2011-01-05"),
      isExample: true)
    let recommendation = try store.addCommitteeRecommendation(
      versionId: adjusted.versionId,
      CommitteeRecommendation(committee: "Børne- og Ungeudvalget", recommendedOn: date("2011-01-10")),
      isExample: true)
    try store.adopt(
      versionId: adjusted.versionId, Adoption(adoptedOn: date("2011-01-20"), meetingReference: "Byrådet"))
    try store.publish(versionId: adjusted.versionId, on: date("2011-01-25"))
    let followUp = try store.createFollowUp(municipalityCode: copenhagen, budgetYear: 2012, isExample: true)
    try store.setStatus(
      followUpId: followUp, GoalStatus(goalId: adjusted.goalId, statusText: "Nået", result: .reached),
      isExample: true)
    try store.adoptFollowUp(
      id: followUp, Adoption(adoptedOn: date("2011-10-01"), meetingReference: "Byrådet"))

    try assertBumps("a recommendation on an adopted version changed") {
      try sql("UPDATE committee_recommendation SET note = 'Rettet' WHERE id = ?", recommendation)
    }
    try assertBumps("a recommendation on an adopted version removed") {
      try sql("DELETE FROM committee_recommendation WHERE id = ?", recommendation)
    }
    try assertBumps("a recommendation on an adopted follow-up added") {
      try store.addCommitteeRecommendation(
        followUpId: followUp,
        CommitteeRecommendation(committee: "Økonomiudvalget", recommendedOn: date("2011-09-01")))
    }
    try assertBumps("a status of an adopted follow-up removed") {
      try sql("DELETE FROM goal_status WHERE follow_up_id = ?", followUp)
    }
    try assertBumps("an adopted follow-up removed") {
      try sql("DELETE FROM follow_up WHERE id = ?", followUp)
    }
    try assertBumps("a target adjustment of an adopted version removed") {
      try sql("DELETE FROM target_adjustment WHERE goal_id = ?", adjusted.goalId)
    }
    try assertBumps("a goal of an adopted version removed") {
      try sql("DELETE FROM goal WHERE id = ?", adjusted.goalId)
    }
    try assertBumps("an area of an adopted version removed") {
      try sql("DELETE FROM contract_version_area WHERE version_id = ?", adjusted.versionId)
    }
    try assertBumps("an adopted version removed") {
      try sql("DELETE FROM contract_version WHERE id = ?", adjusted.versionId)
    }
    try assertBumps("the remaining examples removed") { try store.removeExamples() }
  }

  func testChangesToADraftsPartsDoNotBump() throws {
    let version = try draft(areas: ["Borgerservice og administration", "Dagtilbud"])
    let areas = try XCTUnwrap(store.version(id: version)?.areas)
    let recommendation = try store.addCommitteeRecommendation(
      versionId: version,
      CommitteeRecommendation(committee: "Økonomiudvalget", recommendedOn: date("2010-05-01")))
    try assertKeeps("a draft's recommendation changed and removed") {
      try sql("UPDATE committee_recommendation SET note = 'Rettet' WHERE id = ?", recommendation)
      try sql("DELETE FROM committee_recommendation WHERE id = ?", recommendation)
    }
    try assertKeeps("a draft's goal and area removed") {
      try store.removeGoal(id: try XCTUnwrap(areas[1].goals.first?.id))
      try store.removeArea(versionAreaId: areas[1].id)
    }
    try assertKeeps("a municipality's own service area added") {
      try store.addServiceArea(name: "Havne", municipalityCode: taastrup)
    }
  }

  func testPlacesTheRuleCalendarAndBudgetDatesBump() throws {
    try assertBumps("a region added") { try store.addRegion(Region(code: "DK-85", name: "Region Sjælland")) }
    try assertBumps("a region renamed") {
      try sql("UPDATE region SET name = 'Sjælland' WHERE code = 'DK-85'")
    }
    try assertBumps("a municipality added") {
      try store.addMunicipality(Municipality(code: "0259", name: "Køge", regionCode: "DK-85"))
    }
    try assertBumps("a municipality renamed") {
      try sql("UPDATE municipality SET name = 'Køge Kommune' WHERE code = '0259'")
    }
    try assertBumps("a municipality removed") { try sql("DELETE FROM municipality WHERE code = '0259'") }
    try assertBumps("a region removed") { try sql("DELETE FROM region WHERE code = 'DK-85'") }

    try assertBumps("a service area added to the national list") {
      try store.addServiceArea(name: "Klima", municipalityCode: nil)
    }
    try assertBumps("a service area renamed") {
      try sql("UPDATE service_area SET name = 'Klima og miljø' WHERE name = 'Klima'")
    }
    try assertBumps("a service area removed") {
      try sql("DELETE FROM service_area WHERE name = 'Klima og miljø'")
    }

    var calendar = try store.ruleCalendar()
    calendar.dutyEndsOn = date("2014-01-01")
    try assertBumps("the rule calendar changed") { try store.setRuleCalendar(calendar) }
    try assertBumps("a rule calendar row replaced") {
      try sql("INSERT OR REPLACE INTO rule_calendar (key, value) VALUES ('duty_ends_on', '2013-01-01')")
    }

    try assertBumps("a budget adoption date recorded") {
      try store.setBudgetAdoption(municipalityCode: taastrup, budgetYear: 2012, adoptedOn: date("2011-10-05"))
    }
    try assertBumps("a budget adoption date changed") {
      try store.setBudgetAdoption(municipalityCode: taastrup, budgetYear: 2012, adoptedOn: date("2011-10-06"))
    }
    try assertBumps("a budget adoption date removed") {
      try store.setBudgetAdoption(municipalityCode: taastrup, budgetYear: 2012, adoptedOn: nil)
    }
  }

  func testTheRowCannotBeRemovedOrDuplicated() throws {
    XCTAssertEqual(
      errorMessage { try sql("DELETE FROM site_revision") },
      "site_revision holds one row, which is never deleted")
    XCTAssertThrowsError(try sql("INSERT INTO site_revision (id, revision, changed_at) VALUES (2, 0, 'x')"))
    XCTAssertEqual(try scalar("SELECT count(*) FROM site_revision", as: Int.self), 1)
  }

  /// Danish midnight against Foundation's Europe/Copenhagen, hour by hour around both switches and on ordinary days.
  func testTodayBeganAtDanishMidnight() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "Europe/Copenhagen"))
    let days = [
      "2026-03-29", "2026-10-25", "2026-01-01", "2026-07-15", "2024-02-29", "2025-03-30", "2030-10-27",
    ]
    for day in days {
      let parts = day.split(separator: "-").map { Int($0)! }
      let noon = try XCTUnwrap(
        calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)))
      for hours in -50...50 {
        let instant = noon.addingTimeInterval(Double(hours) * 3_600 + 1_234)
        let expected = Int(calendar.startOfDay(for: instant).timeIntervalSince1970)
        XCTAssertEqual(
          DanishMidnight.startOfDay(containing: Int(instant.timeIntervalSince1970)), expected, "\(instant)")
      }
    }
    // The same day the database calls today.
    let revision = try store.siteRevision()
    let today = try store.today()
    let began = Date(timeIntervalSince1970: Double(revision.todayBeganAt))
    let components = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: began)
    XCTAssertEqual(components.hour, 0)
    XCTAssertEqual(components.minute, 0)
    XCTAssertEqual(
      CalendarDate(year: components.year!, month: components.month!, day: components.day!), today)
  }

  /// Prints the cost of one call (not asserted: no timing assertions in unit tests).
  func testSiteRevisionCost() throws {
    let first = try store.siteRevision()
    var samples: [Double] = []
    for _ in 0..<2_000 {
      let start = DispatchTime.now().uptimeNanoseconds
      XCTAssertEqual(try store.siteRevision(), first)
      samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
    }
    samples.sort()
    print("siteRevision(): median \(samples[samples.count / 2]) µs (debug build)")
  }
}
