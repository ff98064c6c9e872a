import Admin
import Citizen
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import SQLite
import Store
import Web
import XCTest

/// A seeded database served by the citizen and admin sites (with the previews) on an ephemeral port, with a clock
/// the tests can move.
class AdminTestCase: XCTestCase {
  var store: Store!
  var server: HTTPServer!
  var folder: URL!
  var site: AdminSite!
  let clock = TestClock()

  static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let password = "en lang og god adgangskode"

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("admin-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(path: folder.appendingPathComponent("test.sqlite").path, readers: 2)
    _ = try Seeder.seed(store)
    let templates = try TemplateLibrary(directory: Self.projectRoot.appendingPathComponent("Templates").path)
    let staticFiles = try StaticFiles(root: Self.projectRoot.appendingPathComponent("Public").path)
    let clock = self.clock
    let citizen = try CitizenSite(store: store, templates: templates, staticFiles: staticFiles)
    // The citizen module's previews handed in, as the executable does.
    site = try AdminSite(
      store: store, templates: templates, staticFiles: staticFiles,
      previews: AdminSite.Previews(
        contract: { try citizen.previewContract(versionId: $0) },
        followUp: { try citizen.previewFollowUp(followUpId: $0) }),
      now: { clock.now })
    var router = Router()
    citizen.register(on: &router)
    site.register(on: &router)
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.eventLoops = 2
    configuration.accessLog = false
    server = HTTPServer(configuration: configuration, responder: router)
    try server.start()
  }

  override func tearDownWithError() throws {
    server?.shutdown()
    server = nil
    site = nil
    store = nil
    try? FileManager.default.removeItem(at: folder)
  }

  /// Adds an active user with `AdminTestCase.password` (no password change pending unless asked).
  @discardableResult
  func addUser(
    _ email: String, role: Role, municipality: String? = nil, mustChangePassword: Bool = false
  ) throws -> User {
    let user = User(
      email: email, name: email.components(separatedBy: "@")[0], role: role, municipalityCode: municipality,
      mustChangePassword: mustChangePassword)
    let id = try store.addUser(user, passwordHash: try Passwords.hash(Self.password))
    return try XCTUnwrap(try store.user(id: id))
  }

  /// A browser signed in as `email`.
  func signedIn(_ email: String, password: String = AdminTestCase.password) throws -> Browser {
    let browser = Browser(port: server.boundPort)
    let reply = try browser.logIn(email: email, password: password)
    XCTAssertEqual(reply.status, 303, reply.text)
    XCTAssertNotNil(browser.cookies["bi_session"], "login set no session cookie")
    return browser
  }

  /// Every row of every table (but the session bookkeeping), read through a connection of its own, to show that a
  /// refused request changed nothing.
  func databaseContents(excluding: Set<String> = ["session", "login_attempt", "form_submission"]) throws
    -> [String: [String]]
  {
    let connection = try Connection(path: folder.appendingPathComponent("test.sqlite").path, readOnly: true)
    var result: [String: [String]] = [:]
    let tables = try connection.query(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search%'"
    ).map { try $0.get("name", as: String.self) }
    for table in tables where !excluding.contains(table) {
      result[table] = try connection.query("SELECT * FROM \"\(table)\"").map(\.description).sorted()
    }
    return result
  }
}

/// A clock the tests move forward (sessions, throttling).
final class TestClock: @unchecked Sendable {
  // Guarded by `lock`: the server's event loops read it while a test moves it.
  private let lock = NSLock()
  private var current = Date()

  var now: Date {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  func advance(_ seconds: TimeInterval) {
    lock.lock()
    current += seconds
    lock.unlock()
  }
}
