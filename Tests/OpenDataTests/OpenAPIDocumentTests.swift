import Foundation
import Store
import XCTest

/// The served OpenAPI document: valid JSON, OpenAPI 3.1, and the same set of operations as the routes the
/// OpenData module registers under /api/v1 (read from its sources), each of which answers as documented.
final class OpenAPIDocumentTests: OpenDataTestCase {
  static let methods = ["get", "put", "post", "patch", "delete"]

  func testTheDocumentIsServedAsOpenAPI31JSONWithValidators() throws {
    let reply = try get("/api/v1/openapi.json")
    XCTAssertEqual(reply.headers["Content-Type"], "application/json; charset=utf-8")
    let document = try XCTUnwrap(try json(reply) as? [String: Any])
    let version = try XCTUnwrap(document["openapi"] as? String)
    XCTAssertTrue(version.hasPrefix("3.1."), version)
    XCTAssertFalse((document["paths"] as? [String: Any] ?? [:]).isEmpty)
    let etag = try XCTUnwrap(reply.headers["ETag"])
    XCTAssertNotNil(reply.headers["Last-Modified"])
    let again = try get("/api/v1/openapi.json", headers: ["If-None-Match: \(etag)"], status: 304)
    XCTAssertTrue(again.body.isEmpty)
  }

  func testEveryRouteRegisteredUnderAPIv1IsDocumentedAndNothingElse() throws {
    let registered = try Self.registeredRoutes()
    let documented = try documentedOperations().map(\.key)
    XCTAssertTrue(
      registered.contains("GET /api/v1/openapi.json"), "the source scan finds no routes: \(registered)")
    XCTAssertEqual(
      Set(documented), registered,
      "undocumented: \(registered.subtracting(documented).sorted()); "
        + "documented but not registered: \(Set(documented).subtracting(registered).sorted())")
  }

  /// Each documented operation on example values from the Store: a public read answers 200 JSON, an operation
  /// that needs a token answers 401 problem+json with `WWW-Authenticate` (no body is read before the token).
  func testEveryDocumentedOperationIsRoutedAndAnswersAsDocumented() throws {
    let publications = try store.latestPublications(limit: 200)
    let contract = try XCTUnwrap(
      publications.first { $0.kind == .contract }, "the seed publishes no contract")
    let followUp = try XCTUnwrap(
      publications.first { $0.kind == .followUp }, "the seed publishes no follow-up")
    let operations = try documentedOperations()
    XCTAssertGreaterThan(operations.count, 10)
    for operation in operations {
      var target = "/api/v1" + operation.path
      let isFollowUp = operation.path.contains("{budgetYear}")
      target = target.replacingOccurrences(
        of: "{code}", with: isFollowUp ? followUp.municipalityCode : contract.municipalityCode)
      target = target.replacingOccurrences(of: "{n}", with: String(contract.number))
      target = target.replacingOccurrences(of: "{budgetYear}", with: String(followUp.number))
      XCTAssertFalse(target.contains("{"), "no example for a parameter of \(operation.path)")
      let query = operation.requiredQuery.map { name, example in
        "\(name)=\(example.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? example)"
      }
      if !query.isEmpty { target += "?" + query.joined(separator: "&") }
      let method = operation.method.uppercased()
      if operation.needsToken {
        let reply = try send(
          method, target, headers: ["Content-Type: application/json"], body: "{}", status: 401)
        XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json; charset=utf-8", target)
        XCTAssertNotNil(reply.headers["WWW-Authenticate"], target)
      } else {
        let reply = try send(method, target)
        XCTAssertEqual(reply.headers["Content-Type"], "application/json; charset=utf-8", target)
        XCTAssertNoThrow(try json(reply), target)
      }
    }
  }

  /// The router's own errors under /api are problems as documented (`MethodNotAllowed`), with `Allow`.
  func testAWriteToAnAddressWithoutThatMethodIsAProblemWithAllow() throws {
    let reply = try send(
      "POST", "/api/v1/municipalities/0169/contract/versions/abc/adoption",
      headers: ["Content-Type: application/json"], body: "{}", status: 405)
    XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json; charset=utf-8")
    XCTAssertEqual(try XCTUnwrap(try json(reply) as? [String: Any])["status"] as? Int, 405)
    XCTAssertEqual(reply.headers["Allow"], "GET, HEAD, OPTIONS")
    let page = try send("DELETE", "/", status: 405)
    XCTAssertEqual(
      page.headers["Content-Type"], "text/html; charset=utf-8", "outside /api the HTML page stays")
  }

  func testEveryReferenceInTheDocumentResolves() throws {
    let document = try XCTUnwrap(try json(try get("/api/v1/openapi.json")) as? [String: Any])
    var references: [String] = []
    Self.collectReferences(document, into: &references)
    XCTAssertFalse(references.isEmpty)
    for reference in Set(references) {
      XCTAssertTrue(reference.hasPrefix("#/"), reference)
      var node: Any? = document
      for key in reference.dropFirst(2).split(separator: "/") {
        node = (node as? [String: Any])?[String(key)]
      }
      XCTAssertNotNil(node, "\(reference) resolves to nothing")
    }
  }

  struct Operation {
    var method: String
    var path: String
    var needsToken: Bool
    var requiredQuery: [(String, String)]
    /// "GET /api/v1/municipalities/{}": the method and the path with its parameters unnamed.
    var key: String { "\(method.uppercased()) /api/v1\(OpenAPIDocumentTests.unnamed(path, parameter: "{"))" }
  }

  func documentedOperations() throws -> [Operation] {
    let document = try XCTUnwrap(try json(try get("/api/v1/openapi.json")) as? [String: Any])
    let servers = try XCTUnwrap(document["servers"] as? [[String: Any]])
    XCTAssertEqual(servers.first?["url"] as? String, "/api/v1")
    let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
    var operations: [Operation] = []
    for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
      for method in Self.methods {
        guard let operation = item[method] as? [String: Any] else { continue }
        let parameters = operation["parameters"] as? [[String: Any]] ?? []
        let query = parameters.filter { $0["in"] as? String == "query" && $0["required"] as? Bool == true }
          .map { ($0["name"] as? String ?? "", $0["example"] as? String ?? "") }
        let security = operation["security"] as? [[String: Any]] ?? []
        operations.append(
          Operation(method: method, path: path, needsToken: !security.isEmpty, requiredQuery: query))
      }
    }
    return operations
  }

  /// The routes registered in Sources/OpenData under /api/v1, as `Operation.key`s: every
  /// `router.get|put|post|patch|delete("…")` and `router.add(.method, "…")` (or a constant's name for `"…"`), with
  /// `\(name)` replaced by the file's `let name = "…"`.
  static func registeredRoutes() throws -> Set<String> {
    let folder = projectRoot.appendingPathComponent("Sources/OpenData")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".swift")
    }
    let constant = try Regex(#"let (\w+) = "([^"\\]*)""#)
    let call = try Regex(
      #"router\.(?:(get|put|post|patch|delete)|add)\(\s*(?:\.(\w+),\s*)?(?:"([^"]*)"|(\w+)\s*,)"#)
    var routes: Set<String> = []
    for file in files {
      let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      var constants: [String: String] = [:]
      for match in source.matches(of: constant) {
        if let name = match.output[1].substring, let value = match.output[2].substring {
          constants[String(name)] = String(value)
        }
      }
      for match in source.matches(of: call) {
        guard let method = match.output[1].substring ?? match.output[2].substring,
          var pattern = match.output[3].substring.map(String.init)
            ?? match.output[4].substring.flatMap({ constants[String($0)] })
        else { continue }
        for (name, value) in constants {
          pattern = pattern.replacingOccurrences(of: "\\(\(name))", with: value)
        }
        guard pattern.hasPrefix("/api/v1/") else { continue }
        routes.insert("\(method.uppercased()) \(unnamed(pattern, parameter: ":"))")
      }
    }
    return routes
  }

  /// `path` with each segment that starts with `parameter` (`:code`, `:year(int)`, `{code}`) as `{}`.
  static func unnamed(_ path: String, parameter: Character) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.first == parameter ? "{}" : String($0) }
      .joined(separator: "/")
  }

  static func collectReferences(_ node: Any, into references: inout [String]) {
    if let object = node as? [String: Any] {
      for (key, value) in object {
        if key == "$ref", let reference = value as? String { references.append(reference) }
        collectReferences(value, into: &references)
      }
    } else if let array = node as? [Any] {
      for value in array { collectReferences(value, into: &references) }
    }
  }
}
