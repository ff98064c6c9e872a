import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Ministry
import Store
import Web
import XCTest

@testable import brugerinformation

/// The whole portal as the executable builds it (`Portal`), on a seeded database on an ephemeral port, with a
/// ministry user, a system administrator and a municipal editor to sign in.
class MinistryTestCase: XCTestCase {
  var store: Store!
  var server: HTTPServer!
  var folder: URL!
  var ministry: MinistrySite!

  static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let password = "en lang og god adgangskode"
  static let ministryEmail = "tilsyn@ism.example"

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ministry-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(path: folder.appendingPathComponent("test.sqlite").path, readers: 2)
    _ = try Seeder.seed(store)
    try addUser(Self.ministryEmail, role: .ministry)
    try startServer()
  }

  /// (Re)starts the server on the current database, e.g. after a test changed the seed.
  func startServer() throws {
    server?.shutdown()
    let portal = try Portal(
      store: store, publicDirectory: Self.projectRoot.appendingPathComponent("Public").path,
      templatesDirectory: Self.projectRoot.appendingPathComponent("Templates").path, benchmarkRoutes: false)
    let templates = try TemplateLibrary(directory: Self.projectRoot.appendingPathComponent("Templates").path)
    let staticFiles = try StaticFiles(root: Self.projectRoot.appendingPathComponent("Public").path)
    ministry = try MinistrySite(store: store, templates: templates, staticFiles: staticFiles)
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
    ministry = nil
    store = nil
    try? FileManager.default.removeItem(at: folder)
  }

  @discardableResult
  func addUser(_ email: String, role: Role, municipality: String? = nil) throws -> User {
    let user = User(
      email: email, name: email.components(separatedBy: "@")[0], role: role, municipalityCode: municipality)
    let id = try store.addUser(user, passwordHash: try Passwords.hash(Self.password))
    return try XCTUnwrap(try store.user(id: id))
  }

  /// A browser signed in as `email` (a new session).
  func signedIn(_ email: String = MinistryTestCase.ministryEmail) throws -> Browser {
    let browser = Browser(port: server.boundPort)
    try browser.get("/admin/login")
    let csrf = try XCTUnwrap(browser.hiddenField("csrf"))
    let reply = try browser.post(
      "/admin/login", ["csrf=\(csrf)", "email=\(email)", "password=\(Self.password)"])
    XCTAssertEqual(reply.status, 303, reply.text)
    return browser
  }
}
