import Domain
import HTTPTestSupport
import Store
import XCTest

/// The seeded portal plus one municipality of our own, "Prøvekommune", with no data until a test builds it with the
/// Store's writes on chosen dates; the tests then read what the ministry's pages say about it.
class RuleScenarioCase: MinistryTestCase {
  let code = "9901"
  let townName = "Prøvekommune"
  var calendar: RuleCalendar!
  var browser: Browser!

  override func setUpWithError() throws {
    try super.setUpWithError()
    let region = try XCTUnwrap(store.regions().first)
    try store.addMunicipality(Municipality(code: code, name: townName, regionCode: region.code))
    calendar = try store.ruleCalendar()
    browser = try signedIn()
  }

  func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

  /// A complete draft: one goal with its numbers and means in one national service area; returns the version id.
  @discardableResult
  func draft() throws -> Int64 {
    let version = try store.createDraft(municipalityCode: code)
    // A later draft is a copy of the version in force, goal included.
    guard try store.version(id: version)?.areas.isEmpty ?? true else { return version }
    let area = try XCTUnwrap(store.serviceAreas().first { $0.municipalityCode == nil })
    let versionArea = try store.addArea(versionId: version, serviceAreaId: area.id)
    try store.addGoal(
      versionAreaId: versionArea,
      Goal(
        title: "Telefonen besvares hurtigt", theme: "Tilgængelighed", goalText: "90 % inden for 60 sekunder",
        indicator: "Andel besvaret inden for 60 sekunder", unit: "%", baselineValue: 82,
        baselineDate: date("2010-01-01"), targetValue: 90, targetDate: date("2012-12-31"),
        means: "Bemanding efter henvendelsesmønstre"))
    return version
  }

  /// A complete version adopted (and published, when given) on the given days; returns its id.
  @discardableResult
  func contract(adopted: String, published: String?) throws -> Int64 {
    let version = try draft()
    try store.adopt(versionId: version, Adoption(adoptedOn: date(adopted), meetingReference: "Byrådet"))
    if let published { try store.publish(versionId: version, on: date(published)) }
    return version
  }

  /// The follow-up for `year` with a "reached" status for every goal in force on `adopted`, adopted (and
  /// published) on the given days; returns its id.
  @discardableResult
  func followUp(_ year: Int, adopted: String?, published: String? = nil) throws -> Int64 {
    let id = try store.createFollowUp(municipalityCode: code, budgetYear: year)
    guard let adopted else { return id }
    let inForce = try XCTUnwrap(store.contractInForce(municipalityCode: code, asOf: date(adopted)))
    for goal in inForce.version.areas.flatMap(\.goals) {
      try store.setStatus(
        followUpId: id, GoalStatus(goalId: goal.id, statusText: "Målet er nået", result: .reached))
    }
    try store.adoptFollowUp(id: id, Adoption(adoptedOn: date(adopted), meetingReference: "Byrådet"))
    if let published { try store.publishFollowUp(id: id, on: date(published)) }
    return id
  }

  /// The municipality page as of `asOf`, as the ministry user sees it (status 200 required).
  func page(asOf: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let reply = try browser.get("/ministeriet/kommune/\(code)?dato=\(asOf)")
    XCTAssertEqual(reply.status, 200, file: file, line: line)
    return reply.text
  }

  /// The items of one section of the municipality page ("Overtrådt", "Overholdt", "Frist ikke nået", "Ikke
  /// relevant"), each "§N: sentence", read from the HTML.
  func items(_ kind: String, in html: String) -> [String] {
    html.components(separatedBy: "<strong>\(kind), ").dropFirst().map { part in
      let item = part.components(separatedBy: "</li>")[0]
      return item.replacingOccurrences(of: ":</strong> ", with: ": ")
    }
  }

  func violations(asOf: String) throws -> [String] { items("Overtrådt", in: try page(asOf: asOf)) }
}
