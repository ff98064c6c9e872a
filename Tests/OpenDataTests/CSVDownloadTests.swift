import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

final class CSVDownloadTests: OpenDataTestCase {
  func testMunicipalityDownloadHasOneRecordPerGoalInForceWithItsLatestPublishedStatus() throws {
    let (municipality, contract) = try feedsMunicipalityWithContract { !$0.latestStatuses.isEmpty }
    let reply = try get("/kommune/\(municipality.code)/maal.csv")
    XCTAssertEqual(reply.headers["Content-Type"], "text/csv; charset=utf-8; header=present")
    let disposition = try XCTUnwrap(reply.headers["Content-Disposition"])
    XCTAssertTrue(disposition.hasPrefix("attachment; filename=\"maal-\(municipality.code)-"), disposition)
    XCTAssertEqual(Array(reply.body.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with a byte order mark")
    let table = try CSVTable(parsing: reply.body)
    XCTAssertEqual(table.separator, .semicolon)
    let rows = try records(table)
    let goals = contract.version.areas.flatMap { area in area.goals.map { (area.name, $0) } }
    XCTAssertEqual(rows.count, goals.count)
    let latest = contract.latestStatuses
    for (row, (areaName, goal)) in zip(rows, goals) {
      XCTAssertEqual(row["Kommunekode"], municipality.code)
      XCTAssertEqual(row["Kommune"], municipality.name)
      XCTAssertEqual(row["Version"], String(contract.version.number))
      XCTAssertEqual(row["Serviceområde"], areaName)
      XCTAssertEqual(row["Mål-id"], String(goal.lineage))
      XCTAssertEqual(row["Betegnelse"], goal.title)
      XCTAssertEqual(row["Veje til målet"], goal.means)
      XCTAssertEqual(row["Måldato"], goal.targetDate?.description ?? "")
      XCTAssertEqual(
        row["Målværdi"].flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }, goal.targetValue)
      if let status = latest[goal.lineage] {
        XCTAssertEqual(row["Status budgetår"], String(status.budgetYear))
        XCTAssertEqual(row["Statustekst"], status.status.statusText)
        XCTAssertFalse(row["Status", default: ""].isEmpty)
      } else {
        XCTAssertEqual(row["Status budgetår"], "")
        XCTAssertEqual(row["Status"], "")
      }
    }
    XCTAssertTrue(rows.contains { !$0["Status", default: ""].isEmpty })
  }

  func testNationalDownloadHoldsEveryGoalInForceAndNeverADraft() throws {
    let (municipality, _) = try feedsMunicipalityWithContract()
    let secret = "Kladdemål\(UInt32.random(in: 0...UInt32.max))"
    _ = try feedsPublishVersion(municipality.code, goals: [Self.feedsGoal("\(secret) A")], publish: false)
    let today = try store.today()
    var expected: [String: Int] = [:]
    for candidate in try store.municipalities() {
      if let contract = try store.contractInForce(municipalityCode: candidate.code, asOf: today) {
        expected[candidate.code] = contract.version.areas.reduce(0) { $0 + $1.goals.count }
      }
    }
    let reply = try get("/data/maal.csv")
    XCTAssertTrue((reply.headers["Content-Disposition"] ?? "").hasPrefix("attachment;"))
    XCTAssertFalse(reply.text.contains(secret), "a draft's goal is not public")
    let rows = try records(try CSVTable(parsing: reply.body, limits: .init(maximumRecords: 100_000)))
    let counted = Dictionary(grouping: rows) { $0["Kommunekode", default: ""] }.mapValues(\.count)
    XCTAssertEqual(counted, expected)
    XCTAssertGreaterThan(expected.count, 1)
  }

  func testFieldsWithSeparatorsQuotesAndLineBreaksComeBackAsTheyWere() throws {
    let (municipality, _) = try feedsMunicipalityWithContract()
    let title = "Svar; \"hurtigt\"\nog venligt, æøå"
    var goal = Self.feedsGoal(title)
    goal.baselineValue = 82.5
    goal.targetValue = -0.125
    _ = try feedsPublishVersion(municipality.code, goals: [goal])
    let rows = try records(try CSVTable(parsing: try get("/kommune/\(municipality.code)/maal.csv").body))
    XCTAssertEqual(rows.count, 1)
    XCTAssertEqual(rows.first?["Betegnelse"], title)
    XCTAssertEqual(rows.first?["Udgangsværdi"], "82,5")
    XCTAssertEqual(rows.first?["Målværdi"], "-0,125")
    XCTAssertEqual(rows.first?["Retning"], "Højere er bedre")
  }

  func testDownloadsRevalidateWith304UntilSomethingIsPublished() throws {
    let (municipality, _) = try feedsMunicipalityWithContract()
    for path in ["/kommune/\(municipality.code)/maal.csv", "/data/maal.csv"] {
      let first = try get(path)
      let tag = try XCTUnwrap(first.headers["ETag"])
      XCTAssertNotNil(first.headers["Last-Modified"])
      try get(path, headers: ["If-None-Match: \(tag)"], status: 304)
    }
    let tag = try XCTUnwrap(try get("/data/maal.csv").headers["ETag"])
    let title = "Nyt mål \(UInt32.random(in: 0...UInt32.max))"
    _ = try feedsPublishVersion(municipality.code, goals: [Self.feedsGoal(title)])
    let after = try get("/data/maal.csv", headers: ["If-None-Match: \(tag)"])
    XCTAssertNotEqual(after.headers["ETag"], tag)
    XCTAssertTrue(after.text.contains(title))
  }

  func testUnknownMunicipalitiesAre404() throws {
    let codes = Set(try store.municipalities().map(\.code))
    let unused = try XCTUnwrap(
      (1...9999).lazy.map { String(format: "%04d", $0) }.first { !codes.contains($0) })
    try get("/kommune/\(unused)/maal.csv", status: 404)
    try get("/kommune/abcd/maal.csv", status: 404)
  }

  /// The records after the header line, each as column name → field.
  func records(_ table: CSVTable) throws -> [[String: String]] {
    let header = try XCTUnwrap(table.records.first?.fields)
    XCTAssertEqual(header.first, "Kommunekode")
    return table.records.dropFirst().map { record in
      XCTAssertEqual(record.fields.count, header.count, "line \(record.line)")
      return Dictionary(uniqueKeysWithValues: zip(header, record.fields))
    }
  }
}

extension OpenDataTestCase {
  /// A municipality with a contract in force, chosen from the data rather than named in advance.
  func feedsMunicipalityWithContract(where condition: (ContractInForce) -> Bool = { _ in true }) throws
    -> (Municipality, ContractInForce)
  {
    for municipality in try store.municipalities() {
      if let contract = try store.contractInForce(
        municipalityCode: municipality.code, asOf: try store.today()),
        condition(contract)
      {
        return (municipality, contract)
      }
    }
    throw XCTSkip("no municipality in the seed matches")
  }

  /// Replaces the municipality's draft (or a new one) by one area with `goals`; adopts and publishes it today
  /// unless `publish` is false. Returns the version's id.
  func feedsPublishVersion(_ code: String, goals: [Goal], publish: Bool = true) throws -> Int64 {
    let areaId = try XCTUnwrap(try store.serviceAreas().first { $0.name == "Folkeskole" }?.id)
    let versionId =
      try store.draft(municipalityCode: code)?.id
      ?? store.createDraft(municipalityCode: code, changeNote: "Testversion")
    for area in try XCTUnwrap(try store.version(id: versionId)).areas {
      try store.removeArea(versionAreaId: area.id)
    }
    let versionArea = try store.addArea(versionId: versionId, serviceAreaId: areaId)
    for goal in goals { _ = try store.addGoal(versionAreaId: versionArea, goal) }
    guard publish else { return versionId }
    let day = try store.today()
    try store.adopt(versionId: versionId, Adoption(adoptedOn: day, meetingReference: "Byrådet, punkt 1"))
    try store.publish(versionId: versionId, on: day)
    return versionId
  }

  static func feedsGoal(_ title: String) -> Goal {
    Goal(
      title: title, theme: "Tema for \(title)", goalText: "Mindst 90 % er tilfredse",
      indicator: "Andel tilfredse",
      unit: "%", baselineValue: 80, baselineDate: CalendarDate(year: 2020, month: 1, day: 1), targetValue: 90,
      targetDate: CalendarDate(year: 2030, month: 12, day: 31), direction: .higher, means: "Dialog")
  }
}
