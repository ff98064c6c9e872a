import Admin
import Citizen
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Ministry
import SQLite
import Store
import Web
import XCTest

@testable import brugerinformation

/// The whole portal as the executable builds it (`Portal`, security headers included) on a seeded database on an
/// ephemeral port, with helpers for signed-in browsers, API tokens and a digest of the database's content.
class SecurityTestCase: XCTestCase {
  var store: Store!
  var server: HTTPServer!
  var folder: URL!
  var databasePath: String { folder.appendingPathComponent("test.sqlite").path }

  static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let password = "en lang og god adgangskode"
  static let code = "0169"

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "security-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(path: databasePath, readers: 2)
    _ = try Seeder.seed(store)
    let portal = try Portal(
      store: store, publicDirectory: Self.projectRoot.appendingPathComponent("Public").path,
      templatesDirectory: Self.projectRoot.appendingPathComponent("Templates").path, benchmarkRoutes: false,
      publicURL: "https://brugerinformation.example")
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.eventLoops = 2
    configuration.accessLog = false
    configuration.responseHeaders = portal.responseHeaders  // as `serve` does
    server = HTTPServer(configuration: configuration, responder: portal.router)
    try server.start()
  }

  override func tearDownWithError() throws {
    server?.shutdown()
    server = nil
    store = nil
    try? FileManager.default.removeItem(at: folder)
  }

  /// The admin and ministry modules as the portal builds them, for their route lists.
  func modules() throws -> (admin: AdminSite, ministry: MinistrySite) {
    let templates = try TemplateLibrary(directory: Self.projectRoot.appendingPathComponent("Templates").path)
    let staticFiles = try StaticFiles(root: Self.projectRoot.appendingPathComponent("Public").path)
    return (
      try AdminSite(store: store, templates: templates, staticFiles: staticFiles),
      try MinistrySite(store: store, templates: templates, staticFiles: staticFiles)
    )
  }

  /// Adds an active user with `SecurityTestCase.password`.
  @discardableResult
  func addUser(_ email: String, role: Role, municipality: String? = nil) throws -> User {
    let user = User(
      email: email, name: email.components(separatedBy: "@")[0], role: role, municipalityCode: municipality)
    let id = try store.addUser(user, passwordHash: try Passwords.hash(Self.password))
    return try XCTUnwrap(try store.user(id: id))
  }

  /// A browser signed in as `email`.
  func signedIn(_ email: String, password: String = SecurityTestCase.password) throws -> Browser {
    let browser = Browser(port: server.boundPort)
    let reply = try browser.logIn(email: email, password: password)
    XCTAssertEqual(reply.status, 303, reply.text)
    XCTAssertNotNil(browser.cookies["bi_session"], "login set no session cookie")
    return browser
  }

  /// A live API token for a new user of `role`.
  func apiToken(role: Role, municipality: String?) throws -> String {
    let userId = try store.addUser(
      User(
        email: "\(role.rawValue)-\(UUID().uuidString.prefix(8))@example.dk", role: role,
        municipalityCode: municipality), passwordHash: try Passwords.hash(Self.password))
    let token = SessionToken.generate()
    _ = try store.batch { writer in
      try writer.createAPIToken(
        name: "Sikkerhedstest", userId: userId, municipalityCode: nil,
        tokenDigest: SessionToken.digest(token),
        now: Date())
    }
    return token
  }

  func bearer(_ token: String) -> [String] {
    ["Authorization: Bearer \(token)", "Content-Type: application/json"]
  }

  /// A request over a new connection.
  @discardableResult
  func send(_ method: String, _ target: String, headers: [String] = [], body: String = "") throws
    -> TestClient.Reply
  {
    let client = try TestClient(port: server.boundPort)
    return try client.request(method, target, headers: headers, body: body)
  }

  /// A request as `browser` would send it (its cookies), with any body and content type.
  func send(
    _ method: String, _ target: String, as browser: Browser, contentType: String? = nil, body: [UInt8] = []
  ) throws -> TestClient.Reply {
    let client = try TestClient(port: server.boundPort)
    var head = "\(method) \(target) HTTP/1.1\r\nHost: test\r\n"
    if !browser.cookies.isEmpty {
      head +=
        "Cookie: "
        + browser.cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
          separator: "; ") + "\r\n"
    }
    if let contentType { head += "Content-Type: \(contentType)\r\n" }
    if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
    try client.send(Array((head + "\r\n").utf8) + body)
    return try client.readResponse(head: method == "HEAD")
  }

  /// Every table's rows (but `excluding`), read through a connection of its own, digested per table.
  func databaseDigest(excluding: Set<String>) throws -> [String: String] {
    let connection = try Connection(path: databasePath, readOnly: true)
    var result: [String: String] = [:]
    let tables = try connection.query(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).map { try $0.get("name", as: String.self) }
    for table in tables where !excluding.contains(table) {
      let rows = try connection.query("SELECT * FROM \"\(table)\"").map(\.description).sorted()
      result[table] = SHA256.hex(Array(rows.joined(separator: "\n").utf8)) + " (\(rows.count) rows)"
    }
    return result
  }
}
