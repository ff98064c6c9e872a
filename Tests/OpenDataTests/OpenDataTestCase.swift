import Domain
import Foundation
import HTTP
import HTTPTestSupport
import OpenData
import Store
import Web
import XCTest

@testable import brugerinformation

/// The whole portal as the executable builds it (`Portal`), on a seeded database on an ephemeral port.
class OpenDataTestCase: XCTestCase {
  var store: Store!
  var server: HTTPServer!
  var folder: URL!

  static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "opendata-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(path: folder.appendingPathComponent("test.sqlite").path, readers: 2)
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

  /// GET over a new connection; fails the test unless the status is `status`.
  @discardableResult
  func get(
    _ target: String, headers: [String] = [], status: Int = 200, file: StaticString = #filePath,
    line: UInt = #line
  )
    throws -> TestClient.Reply
  {
    try send("GET", target, headers: headers, status: status, file: file, line: line)
  }

  /// A request over a new connection; fails the test unless the status is `status`.
  @discardableResult
  func send(
    _ method: String, _ target: String, headers: [String] = [], body: String = "", status: Int = 200,
    file: StaticString = #filePath, line: UInt = #line
  ) throws -> TestClient.Reply {
    let client = try TestClient(port: server.boundPort)
    let reply = try client.request(method, target, headers: headers, body: body)
    XCTAssertEqual(
      reply.status, status, "\(method) \(target): \(reply.text.prefix(300))", file: file, line: line)
    return reply
  }

  /// The body parsed by Foundation (a JSON object or array).
  func json(_ reply: TestClient.Reply) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(reply.body))
  }
}

final class APIProblemTests: OpenDataTestCase {
  func testUnknownAPIAddressesAnswerProblemJSONInDanish() throws {
    let reply = try get("/api/v1/findes-ikke", status: 404)
    XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json; charset=utf-8")
    let problem = try XCTUnwrap(try json(reply) as? [String: Any])
    XCTAssertEqual(problem["status"] as? Int, 404)
    XCTAssertEqual(problem["type"] as? String, "about:blank")
    XCTAssertFalse((problem["detail"] as? String ?? "").isEmpty)
  }
}
