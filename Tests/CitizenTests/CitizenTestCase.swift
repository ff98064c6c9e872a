import Citizen
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

/// A seeded database (98 municipalities with example histories) served by the citizen site on an ephemeral port,
/// with the project's own templates and stylesheet.
class CitizenTestCase: XCTestCase {
  var store: Store!
  var server: HTTPServer!
  var folder: URL!

  static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "citizen-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(path: folder.appendingPathComponent("test.sqlite").path, readers: 2)
    _ = try Seeder.seed(store)
    server = try Self.serve(store)
  }

  override func tearDownWithError() throws {
    server?.shutdown()
    server = nil
    store = nil
    try? FileManager.default.removeItem(at: folder)
  }

  static func serve(_ store: Store) throws -> HTTPServer {
    let templates = try TemplateLibrary(directory: projectRoot.appendingPathComponent("Templates").path)
    let staticFiles = try StaticFiles(root: projectRoot.appendingPathComponent("Public").path)
    var router = Router()
    try CitizenSite(store: store, templates: templates, staticFiles: staticFiles).register(on: &router)
    router.get("/static/*path", staticFiles.respond(to:))
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.eventLoops = 2
    configuration.accessLog = false
    let server = HTTPServer(configuration: configuration, responder: router)
    try server.start()
    return server
  }

  /// GET over a new connection; fails the test unless the status is `status`.
  @discardableResult
  func get(
    _ target: String, status: Int = 200, headers: [String] = [], file: StaticString = #filePath,
    line: UInt = #line
  ) throws -> TestClient.Reply {
    let client = try TestClient(port: server.boundPort)
    let reply = try client.request("GET", target, headers: headers)
    XCTAssertEqual(reply.status, status, "GET \(target): \(reply.text.prefix(300))", file: file, line: line)
    return reply
  }

  func today() throws -> CalendarDate { try store.today() }

  /// The text as a template writes it: `& < > " '` escaped.
  func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "'", with: "&#39;")
  }

  /// A municipality with a contract in force, chosen from the data rather than named in advance.
  func municipalityWithContract(where condition: (ContractInForce) -> Bool = { _ in true }) throws
    -> (Municipality, ContractInForce)
  {
    for municipality in try store.municipalities() {
      if let contract = try store.contractInForce(municipalityCode: municipality.code, asOf: try today()),
        condition(contract)
      {
        return (municipality, contract)
      }
    }
    throw XCTSkip("no municipality in the seed matches")
  }

  /// Adds, adopts and publishes (today) a new version of `code`'s contract with one area and the given goals.
  @discardableResult
  func publishVersion(_ code: String, area: String = "Folkeskole", goals: [Goal], publish: Bool = true) throws
    -> Int64
  {
    let areaId = try XCTUnwrap(try store.serviceAreas().first { $0.name == area }?.id)
    let versionId: Int64
    if let draft = try store.draft(municipalityCode: code) {
      versionId = draft.id
      for area in draft.areas { try store.removeArea(versionAreaId: area.id) }
    } else {
      versionId = try store.createDraft(municipalityCode: code, changeNote: "Testversion")
    }
    for area in try XCTUnwrap(try store.version(id: versionId)).areas {
      try store.removeArea(versionAreaId: area.id)
    }
    let versionArea = try store.addArea(versionId: versionId, serviceAreaId: areaId)
    for goal in goals { _ = try store.addGoal(versionAreaId: versionArea, goal) }
    guard publish else { return versionId }
    let day = try today()
    try store.adopt(versionId: versionId, Adoption(adoptedOn: day, meetingReference: "Byrådet, punkt 1"))
    try store.publish(versionId: versionId, on: day)
    return versionId
  }

  static func goal(_ title: String, text: String = "Mindst 90 % er tilfredse", means: String = "Dialog")
    -> Goal
  {
    Goal(
      title: title, theme: "Tema for \(title)", goalText: text, indicator: "Andel tilfredse", unit: "%",
      baselineValue: 80, baselineDate: CalendarDate(year: 2020, month: 1, day: 1),
      targetValue: 90, targetDate: CalendarDate(year: 2030, month: 12, day: 31), direction: .higher,
      means: means)
  }
}
