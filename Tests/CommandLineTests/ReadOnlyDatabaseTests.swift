import Domain
import FaultTestSupport
import Foundation
import HTTPTestSupport
import Store
import Web
import XCTest

@testable import brugerinformation

/// A database file write-protected (`chattr +i` as root, `chmod a-w` otherwise) before `serve` starts: the server starts, says on
/// stderr that the database is read-only, serves reads, answers writes with 503; the CLI's writes fail with the
/// message and exit 1; once the protection is lifted, writes work again without a restart.
final class ReadOnlyDatabaseTests: XCTestCase {
  private var folder: URL!
  private var live: String { folder.appendingPathComponent("live.sqlite").path }
  private let code = "0169"

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("read-only-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  func testServeStartsOnAWriteProtectedDatabaseAndWritesWorkOnceItIsWritable() throws {
    _ = try ServerProcess.binary()
    let token = try seededDatabaseWithToken()
    try StoreFaults.writeProtect(true, [live])
    var protected = true
    defer { if protected { try? StoreFaults.writeProtect(false, [live]) } }

    let server = try ServerProcess(database: live, folder: folder)
    defer { server.stop() }
    XCTAssertTrue(server.standardError.contains("\(live) is read-only"), server.standardError)
    for target in ["/", "/kommune/\(code)", "/api/v1/municipalities", "/feed.atom"] {
      XCTAssertEqual(try server.get(target).status, 200, target)
    }
    let draft = "/api/v1/municipalities/\(code)/contract/draft"
    let headers = ["Authorization: Bearer \(token)", "Content-Type: application/json"]
    let refused = try server.request("PUT", draft, headers: headers, body: Self.contractBody)
    XCTAssertEqual(refused.status, 503, refused.text)
    let problem = try JSONSerialization.jsonObject(with: Data(refused.body)) as? [String: Any]
    XCTAssertEqual(problem?["reason"] as? String, "read-only")
    XCTAssertTrue((problem?["detail"] as? String ?? "").contains("skrivebeskyttet"), refused.text)
    XCTAssertTrue(server.standardError.contains("error: PUT \(draft): "), server.standardError)

    // The command line: a plain message, exit status 1.
    let (log, status) = try capturingStandardError(in: folder) {
      CommandLineTool.main(["token", "create", "--email", "esdh@htk.dk", "--name", "Nyt", "--database", live])
    }
    XCTAssertEqual(status, 1)
    XCTAssertTrue(
      log.contains("token: Ændringen kunne ikke gemmes, fordi databasen lige nu kun kan læses"), log)

    try StoreFaults.writeProtect(false, [live])
    protected = false
    let accepted = try server.request("PUT", draft, headers: headers, body: Self.contractBody)
    XCTAssertEqual(accepted.status, 201, "the same server writes again: \(accepted.text)")
    server.stop()
    let store = try Store.open(path: live, readers: 1)
    XCTAssertEqual(try store.draft(municipalityCode: code)?.changeNote, "Fra ESDH")
  }

  private func seededDatabaseWithToken() throws -> String {
    let store = try Store.open(path: live, readers: 1)
    _ = try Seeder.seed(store)
    return try addEditorAPIToken(to: store, municipality: code)
  }

  private static let contractBody = """
    {"changeNote": "Fra ESDH", "areas": [{"name": "Folkeskole", "goals": [{"title": "Svartid",
      "theme": "Service", "goal": "Svar inden for en uge", "indicator": "Andel svar", "unit": "%",
      "baseline": {"value": 80, "date": "2020-01-01"}, "target": {"value": 90, "date": "2027-12-31"},
      "direction": "higher", "means": "Planlægning"}]}]}
    """
}
