import Domain
import SQLite
import XCTest

@testable import Store

/// Random but reproducible histories: the database's compliance must equal the Domain reference on every date.
final class ComplianceRandomizedTests: StoreTestCase {
  /// The deadline itself, the day after it, or a random day within 90 days from `start`: the edges matter most.
  private func edgeOrRandom(
    _ deadline: CalendarDate, from start: CalendarDate, _ random: inout SeededGenerator
  )
    -> CalendarDate
  {
    switch Int.random(in: 0..<4, using: &random) {
    case 0: return deadline
    case 1: return deadline.addingDay()
    default: return start.adding(days: Int.random(in: 0...90, using: &random))
    }
  }

  private func buildHistory(_ code: String, _ random: inout SeededGenerator) throws {
    let areas = try store.serviceAreas().prefix(4).map(\.id)
    var day = date("2010-01-01").adding(days: Int.random(in: 0...300, using: &random))
    for _ in 0..<Int.random(in: 0...3, using: &random) {
      let version = try store.createDraft(municipalityCode: code)
      if try store.version(id: version)?.areas.isEmpty == true {
        let area = try store.addArea(versionId: version, serviceAreaId: areas.randomElement(using: &random)!)
        try store.addGoal(versionAreaId: area, completeGoal("Mål i \(code)"))
      }
      try store.adopt(versionId: version, Adoption(adoptedOn: day, meetingReference: "Byrådet"))
      if Int.random(in: 0..<5, using: &random) == 0 { break }  // adopted, never published
      day = edgeOrRandom(PublicationDeadline.after(adoption: day), from: day, &random)
      try store.publish(versionId: version, on: day)
      day = day.adding(days: Int.random(in: 1...400, using: &random))
    }
    for year in [2012, 2013] {
      var due = date("\(year - 1)-10-15")
      if Bool.random(using: &random) {
        due = date("\(year - 1)-09-01").adding(days: Int.random(in: 0...70, using: &random))
        try store.setBudgetAdoption(municipalityCode: code, budgetYear: year, adoptedOn: due)
      }
      guard Int.random(in: 0..<4, using: &random) > 0 else { continue }
      let followUp = try store.createFollowUp(municipalityCode: code, budgetYear: year)
      let adopted = edgeOrRandom(due, from: date("\(year - 1)-09-01"), &random)
      guard let inForce = try store.contractInForce(municipalityCode: code, asOf: adopted),
        Int.random(in: 0..<5, using: &random) > 0
      else { continue }
      for goal in inForce.version.areas.flatMap(\.goals) {
        try store.setStatus(
          followUpId: followUp,
          GoalStatus(goalId: goal.id, statusText: "Status", result: .partly, followUpText: "Opfølgning"))
      }
      try store.adoptFollowUp(id: followUp, Adoption(adoptedOn: adopted, meetingReference: "Byrådet"))
      if Bool.random(using: &random) {
        try store.publishFollowUp(
          id: followUp, on: edgeOrRandom(PublicationDeadline.after(adoption: adopted), from: adopted, &random)
        )
      }
    }
  }

  func testRandomHistoriesAgreeWithTheReference() throws {
    for seed: UInt64 in [1, 2, 3] {
      try tearDownWithError()
      try setUpWithError()
      var random = SeededGenerator(seed: seed)
      var codes = [taastrup, copenhagen]
      for index in 0..<10 {
        let code = "07\(10 + index)"
        try store.addMunicipality(Municipality(code: code, name: "Kommune \(index)", regionCode: "DK-84"))
        codes.append(code)
      }
      for code in codes { try buildHistory(code, &random) }
      var calendar = try store.ruleCalendar()
      calendar.firstContractDeadline = date("2010-03-01").adding(
        days: Int.random(in: 0...200, using: &random))
      calendar.dutyEndsOn = Bool.random(using: &random) ? date("2013-01-01") : date("2014-01-01")
      try store.setRuleCalendar(calendar)
      let allFacts = try codes.map(referenceFacts)
      var checked = 0
      var kinds: Set<String> = []
      for offset in stride(from: 0, through: 1800, by: 37) {
        let asOf = date("2010-01-01").adding(days: offset)
        let reference = Set(
          allFacts.flatMap { ComplianceEvaluation.findings(for: $0, asOf: asOf, calendar: calendar) })
        let database = try store.compliance(asOf: asOf)
        XCTAssertEqual(database.count, reference.count, "seed \(seed) as of \(asOf)")
        XCTAssertEqual(Set(database).subtracting(reference), [], "database only: seed \(seed) as of \(asOf)")
        XCTAssertEqual(reference.subtracting(database), [], "reference only: seed \(seed) as of \(asOf)")
        checked += database.count
        for finding in database {
          switch finding.outcome {
          case .met: kinds.insert("met")
          case .failed(_, let actual): kinds.insert(actual == nil ? "failed, not done" : "failed, late")
          case .notYetDue: kinds.insert("not yet due")
          case .notApplicable: kinds.insert("n/a")
          }
        }
      }
      XCTAssertGreaterThan(checked, 1000)
      XCTAssertEqual(kinds.count, 5, "seed \(seed) exercised only \(kinds.sorted())")
    }
  }
}
