import Domain
import Foundation
import SQLite
import Store
import XCTest

/// A fresh database file per test, with two municipalities of Region Hovedstaden.
class StoreTestCase: XCTestCase {
  var store: Store!
  var folder: URL!
  let taastrup = "0169"
  let copenhagen = "0101"

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(path: folder.appendingPathComponent("test.sqlite").path, readers: 1)
    try store.addRegion(Region(code: "DK-84", name: "Region Hovedstaden"))
    try store.addMunicipality(Municipality(code: taastrup, name: "Høje-Taastrup", regionCode: "DK-84"))
    try store.addMunicipality(Municipality(code: copenhagen, name: "København", regionCode: "DK-84"))
  }

  override func tearDownWithError() throws {
    store = nil
    try? FileManager.default.removeItem(at: folder)
  }

  func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

  /// Runs raw SQL on the writer, as any other client of the database would.
  func sql(_ text: String, _ arguments: SQLArgument...) throws {
    try store.database.withWriter { try $0.run(text, arguments: arguments) }
  }

  func scalar<T: SQLiteValueConvertible>(_ text: String, _ arguments: SQLArgument..., as type: T.Type) throws
    -> T?
  {
    try store.database.withWriter { try $0.scalar(text, arguments: arguments, as: type) }
  }

  /// The message of the error `body` throws, failing the test when it throws none.
  func errorMessage(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
      try body()
      XCTFail("expected an error", file: file, line: line)
      return ""
    } catch let error as RuleViolation {
      return error.message
    } catch let error as SQLiteError {
      // Raw SQL fails the same way: the same rule and message, read the same way the Store reads it.
      return RuleViolation(error)?.message ?? error.message
    } catch {
      return "\(error)"
    }
  }

  /// What the Domain reference needs to judge a municipality, read through the Store.
  func referenceFacts(_ code: String) throws -> ComplianceFacts {
    let versions = try store.versionHistory(municipalityCode: code).map { summary in
      ComplianceFacts.Version(
        number: summary.number, adoptedOn: summary.adoption?.adoptedOn, publishedOn: summary.publishedOn,
        complete: ContentRules.section2Problems(try XCTUnwrap(store.version(id: summary.id))).isEmpty)
    }
    let followUps = try store.followUps(municipalityCode: code).map { summary in
      var complete = false
      if let adopted = summary.adoption?.adoptedOn,
        let inForce = try store.contractInForce(municipalityCode: code, asOf: adopted)
      {
        let followUp = try XCTUnwrap(store.followUp(id: summary.id))
        complete =
          ContentRules.section5Problems(followUp, goalsInForce: inForce.version.areas.flatMap(\.goals))
          .isEmpty
      }
      return ComplianceFacts.FollowUpFact(
        budgetYear: summary.budgetYear, adoptedOn: summary.adoption?.adoptedOn,
        publishedOn: summary.publishedOn,
        complete: complete)
    }
    return ComplianceFacts(
      municipalityCode: code, versions: versions, followUps: followUps,
      budgetAdoptions: try store.budgetAdoptions(municipalityCode: code))
  }

  func areaId(_ name: String) throws -> Int64 {
    try XCTUnwrap(store.serviceAreas().first { $0.name == name }?.id)
  }

  func completeGoal(_ title: String, target: Double = 90) -> Goal {
    Goal(
      title: title, theme: "Borgerne skal opleve effektiv service",
      goalText: "\(Int(target)) % besvares inden for 60 s",
      indicator: "Andel besvaret inden for 60 sekunder", unit: "%", baselineValue: 82,
      baselineDate: date("2010-01-01"), targetValue: target, targetDate: date("2012-12-31"),
      means: "Bemanding tilpasses henvendelsesmønstre")
  }

  /// A draft with one goal per named area; returns the version id.
  @discardableResult
  func draft(_ municipality: String? = nil, areas: [String] = ["Borgerservice og administration"]) throws
    -> Int64
  {
    let version = try store.createDraft(municipalityCode: municipality ?? taastrup)
    for name in areas where try store.version(id: version)?.areas.contains(where: { $0.name == name }) != true
    {
      let area = try store.addArea(versionId: version, serviceAreaId: try areaId(name))
      try store.addGoal(versionAreaId: area, completeGoal("Mål for \(name)"))
    }
    return version
  }

  /// A complete version adopted and published on the given dates.
  @discardableResult
  func published(
    _ municipality: String? = nil, adopted: String, published: String?,
    areas: [String] = ["Borgerservice og administration"]
  ) throws -> Int64 {
    let version = try draft(municipality, areas: areas)
    try store.adopt(
      versionId: version, Adoption(adoptedOn: date(adopted), meetingReference: "Byrådet \(adopted)"))
    if let published { try store.publish(versionId: version, on: date(published)) }
    return version
  }
}
