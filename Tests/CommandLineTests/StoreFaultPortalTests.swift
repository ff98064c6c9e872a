import Domain
import FaultTestSupport
import Foundation
import Glibc
import HTTP
import HTTPTestSupport
import SQLite
import Store
import Web
import XCTest

@testable import brugerinformation

/// The whole portal (`Portal` on a seeded database, over sockets) while the database cannot be written: an admin
/// form and an API write answer 503 with a Danish message and change nothing, each failure is logged once on
/// stderr, citizen pages, API reads, feeds and admin pages keep answering 200, and once the fault is removed the
/// same form and the same API call succeed without a restart.
final class StoreFaultPortalTests: XCTestCase {
  private var folder: URL!
  private var store: Store!
  private var server: HTTPServer!
  private var databasePath = ""
  private let code = "0169"
  private static let password = "en lang og god adgangskode"

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "store-faults-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    server?.shutdown()
    server?.wait()
    server = nil
    store = nil
    try? FileManager.default.removeItem(at: folder)
  }

  /// No root needed: `PRAGMA max_page_count` at the size of a freshly vacuumed database (full pages, no free
  /// ones), so that every insert needs a page SQLite refuses with SQLITE_FULL.
  func testAFullDatabaseByPageLimit() throws {
    try startPortal(in: folder.path)
    try runScenario(reason: "disk full") {
      try self.store.database.withWriter { connection in
        try connection.execute("VACUUM")
        let pages = try connection.scalar("PRAGMA page_count", as: Int.self) ?? 0
        _ = try connection.scalar("PRAGMA max_page_count = \(pages)", as: Int.self)
      }
    } remove: {
      try self.store.database.withWriter {
        _ = try $0.scalar("PRAGMA max_page_count = 1073741823", as: Int.self)
      }
    }
  }

  /// Root only: `chattr +i` on the database and its `-wal` while the server has them open.
  func testAWriteProtectedDatabase() throws {
    try startPortal(in: folder.path)
    let files = [databasePath, databasePath + "-wal"]
    var protected = false
    defer { if protected { try? StoreFaults.setImmutable(false, files) } }
    try runScenario(reason: "I/O error", everyWriteFails: true) {
      try StoreFaults.setImmutable(true, files)
      protected = true
    } remove: {
      try StoreFaults.setImmutable(false, files)
      protected = false
    }
  }

  /// Root only: the database on a small tmpfs, filled up by a file of the test.
  func testAFullDisk() throws {
    let mount = folder.appendingPathComponent("tmpfs").path
    try StoreFaults.mountTmpfs(mount, size: "8m")
    defer {
      server?.shutdown()
      server?.wait()
      server = nil
      store = nil
      StoreFaults.unmount(mount)
    }
    try startPortal(in: mount)
    var filler = ""
    try runScenario(reason: "disk full", everyWriteFails: true) {
      try self.store.database.withWriter { try $0.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
      filler = try StoreFaults.fillDisk(in: mount)
    } remove: {
      try FileManager.default.removeItem(atPath: filler)
    }
  }

  // MARK: The scenario

  /// `everyWriteFails`: also a login (which records the attempt) fails, answered by the citizen site's error
  /// middleware. (Under the page limit a small in-place write may still fit.)
  private func runScenario(
    reason: String, everyWriteFails: Bool = false, inject: () throws -> Void, remove: () throws -> Void,
    file: StaticString = #filePath,
    line: UInt = #line
  ) throws {
    XCTAssertNil(try store.draft(municipalityCode: code), "the seeded municipality has no draft yet")
    let browser = try signedInBrowser()
    let draftPage = "/admin/kommune/\(code)/udkast"
    XCTAssertEqual(try browser.get(draftPage).status, 200)
    let form = browser.hiddenFields(ofFormWithAction: draftPage)
    XCTAssertEqual(Set(form.map(\.0)), ["csrf", "once"], "the create-draft form's tokens")
    let token = try apiToken()
    let apiDraft = "/api/v1/municipalities/\(code)/contract/draft"
    let before = try contents()

    try inject()
    let (log, replies) = try capturingStandardError(in: folder) {
      (
        admin: try browser.post(draftPage, form, useFormTokens: false),
        api: try request("PUT", apiDraft, headers: bearer(token), body: Self.contractBody)
      )
    }
    // The admin form: 503, the admin error page with the Store's message.
    XCTAssertEqual(replies.admin.status, 503, replies.admin.text, file: file, line: line)
    XCTAssertTrue(replies.admin.text.contains("Ændringen kunne ikke gemmes"), file: file, line: line)
    XCTAssertTrue(replies.admin.text.contains("Intet er gemt"), replies.admin.text, file: file, line: line)
    // The API: 503 problem+json with the Danish detail.
    XCTAssertEqual(replies.api.status, 503, replies.api.text, file: file, line: line)
    XCTAssertEqual(replies.api.headers["Content-Type"], "application/problem+json; charset=utf-8")
    let problem = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(replies.api.body)) as? [String: Any], file: file, line: line
    )
    XCTAssertEqual(problem["status"] as? Int, 503, file: file, line: line)
    XCTAssertEqual(problem["reason"] as? String, reason, file: file, line: line)
    XCTAssertTrue((problem["detail"] as? String ?? "").hasPrefix("Ændringen kunne ikke gemmes, fordi"))
    // Nothing written, each failure logged once.
    XCTAssertEqual(try contents(), before, "the failed writes changed nothing", file: file, line: line)
    XCTAssertEqual(occurrences("error: POST \(draftPage): ", in: log), 1, log, file: file, line: line)
    XCTAssertEqual(occurrences("error: PUT \(apiDraft): ", in: log), 1, log, file: file, line: line)
    XCTAssertEqual(occurrences("(\(reason): SQLite error", in: log), 2, log, file: file, line: line)

    if everyWriteFails {
      let visitor = Browser(port: server.boundPort)
      let login = try visitor.logIn(email: "redaktor@htk.dk", password: Self.password)
      XCTAssertEqual(login.status, 503, login.text, file: file, line: line)
      XCTAssertTrue(login.text.contains("Intet er gemt"), login.text, file: file, line: line)
      XCTAssertNil(visitor.cookies["bi_session"], file: file, line: line)
    }

    // Reads during the fault (pages not seen before: rendered now, not from a cache).
    for target in [
      "/", "/kommune/\(code)", "/api/v1/municipalities", "/api/v1/municipalities/\(code)/contract",
      "/feed.atom", "/data/maal.csv", "/healthz",
    ] {
      XCTAssertEqual(try request("GET", target).status, 200, target, file: file, line: line)
    }
    XCTAssertEqual(
      try browser.get(draftPage).status, 200, "a signed-in user still reads", file: file, line: line)

    // The fault removed: the same form and the same call succeed, without a restart.
    try remove()
    let created = try browser.post(draftPage, form, useFormTokens: false)
    XCTAssertEqual(created.status, 303, created.text, file: file, line: line)
    XCTAssertNotNil(try store.draft(municipalityCode: code), file: file, line: line)
    let put = try request("PUT", apiDraft, headers: bearer(token), body: Self.contractBody)
    XCTAssertTrue([200, 201].contains(put.status), put.text, file: file, line: line)
    XCTAssertEqual(
      try store.draft(municipalityCode: code)?.areas.map(\.name), ["Folkeskole"], file: file, line: line)
    let check = try store.database.read { try $0.scalar("PRAGMA integrity_check", as: String.self) }
    XCTAssertEqual(check, "ok", file: file, line: line)
  }

  // MARK: Helpers

  private func startPortal(in directory: String) throws {
    databasePath = directory + "/portal.sqlite"
    store = try Store.open(path: databasePath, readers: 2)
    _ = try Seeder.seed(store)
    server = try startTestPortal(store: store)
  }

  private func signedInBrowser() throws -> Browser {
    _ = try store.addUser(
      User(email: "redaktor@htk.dk", name: "Redaktør", role: .editor, municipalityCode: code),
      passwordHash: try Passwords.hash(Self.password))
    let browser = Browser(port: server.boundPort)
    XCTAssertEqual(try browser.logIn(email: "redaktor@htk.dk", password: Self.password).status, 303)
    return browser
  }

  private func apiToken() throws -> String {
    try addEditorAPIToken(to: store, municipality: code)
  }

  private func bearer(_ token: String) -> [String] {
    ["Authorization: Bearer \(token)", "Content-Type: application/json"]
  }

  private func request(_ method: String, _ target: String, headers: [String] = [], body: String = "") throws
    -> TestClient.Reply
  {
    try TestClient(port: server.boundPort).request(method, target, headers: headers, body: body)
  }

  /// The rows a draft, the API or the admin forms could add, through a connection of its own.
  private func contents() throws -> [String: Int] {
    let connection = try Connection(path: databasePath, readOnly: true)
    var counts: [String: Int] = [:]
    for table in ["contract_version", "contract_version_area", "goal", "audit_log", "form_submission"] {
      counts[table] = try connection.scalar("SELECT count(*) FROM \(table)", as: Int.self)
    }
    return counts
  }

  private static let contractBody = """
    {"changeNote": "Fra ESDH", "areas": [{"name": "Folkeskole", "goals": [{"title": "Svartid",
      "theme": "Service", "goal": "90 % svar inden for en uge", "indicator": "Andel svar inden for en uge",
      "unit": "%", "baseline": {"value": 80, "date": "2020-01-01"}, "target": {"value": 90, "date": "2027-12-31"},
      "direction": "higher", "means": "Bedre planlægning"}]}]}
    """

  private func occurrences(_ text: String, in log: String) -> Int {
    log.components(separatedBy: text).count - 1
  }
}
