import Admin
import Domain
import Foundation
import HTTPTestSupport
import SQLite
import Store
import Web
import XCTest

/// Issue 8, security bullet 2: SQL injection strings in every path parameter, query parameter and form or API field
/// of every route (the admin and ministry modules' route lists, the OpenAPI document, the citizen pages as crawled)
/// do nothing: no 500, no SQLite error or SQL in any answer, the database unchanged.
final class SQLInjectionTests: SecurityTestCase {
  static let injections = [
    "' OR '1'='1", "1; DROP TABLE municipality;--", "0169' --", "\" OR \"\"=\"",
    "1 UNION SELECT name, sql FROM sqlite_schema--", "%27", "\\'", "randomblob(1000000000)",
    "1) OR randomblob(1000000000) --", "load_extension('/tmp/evil')", "'; ATTACH DATABASE '/tmp/x' AS x; --",
    "\"a\" NEAR(b c) OR *", "title:^x* AND (", "-1", "0",
  ]

  /// Tables a refused request may legitimately write: sessions (their last use), login attempts (throttling), the
  /// one-time form tokens and the API tokens' last use.
  static let bookkeeping: Set<String> = ["session", "login_attempt", "form_submission", "api_token"]

  /// What SQLite's errors say (`SQLiteError.description`, `sqlite3_errstr`, FTS5's messages), and SQL the portal
  /// writes (not in any injection string), lowercased.
  static let errorText = [
    "sqlite error", "sqlite3", "syntax error", "no such table", "no such column", "no such function",
    "unrecognized token", "fts5", "sql logic", "constraint failed", "near \"", "not authorized",
    "[in: select", "[in: insert", "[in: update", "[in: delete", "create table", "create trigger",
  ]

  var failures: [String] = []

  /// No 5xx, and nothing of SQLite's in the answer (the injection itself, echoed, taken out first).
  func inspect(_ label: String, _ reply: TestClient.Reply, injection: String) {
    if reply.status >= 500 { failures.append("\(label): \(reply.status)") }
    var text = reply.text.lowercased()
    // Most answers mention none of it even with the echoes in; only those that do are searched again without them.
    guard Self.errorText.contains(where: { text.containsBytes($0) }) else { return }
    for stored in Self.injections {
      for echo in [stored, EscapingCheck.escape(stored), Browser.encode(stored)] {
        text = text.replacingOccurrences(of: echo.lowercased(), with: "")
      }
    }
    for needle in Self.errorText where text.containsBytes(needle) {
      failures.append("\(label): answer mentions \(needle.debugDescription)")
    }
  }

  /// Every combination of a pattern's parameters with one of them the injection (`valid` for the others).
  static func targets(_ pattern: String, injection: String, valid: [String: String]) -> [String] {
    let segments = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    let parameters = segments.indices.filter { segments[$0].hasPrefix(":") || segments[$0].hasPrefix("{") }
    return parameters.map { injected in
      segments.indices.map { index in
        let segment = segments[index]
        guard parameters.contains(index) else { return segment }
        if index == injected { return Browser.encode(injection) }
        let name = segment.trimmingCharacters(in: CharacterSet(charactersIn: ":{}")).replacing(
          /\(.*\)/, with: "")
        return valid[name] ?? "1"
      }.joined(separator: "/")
    }
  }

  func testInjectionStringsInEveryParameterOfEveryRouteDoNothing() throws {
    let code = Self.code
    let (admin, ministry) = try modules()
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: code)
    try addUser("ministeriet@example.dk", role: .ministry)
    let adminBrowser = try signedIn("admin@example.dk")
    let ministryBrowser = try signedIn("ministeriet@example.dk")
    let token = try apiToken(role: .editor, municipality: code)
    let version = try XCTUnwrap(try store.contractInForce(municipalityCode: code, asOf: try store.today()))
    let valid = [
      "code": code, "number": String(version.version.number), "year": "2012", "goal": "1", "area": "1",
      "lineage": "1", "id": "1", "user": "1", "entry": "1", "path": "css/site.css",
    ]

    // The routes: the admin and ministry modules' lists, the API from its OpenAPI document, the public pages and
    // their query parameters as a crawl finds them.
    var routes: [(method: String, pattern: String, browser: Browser?)] = admin.routes.map {
      ($0.method.rawValue, $0.pattern, adminBrowser)
    }
    routes += ministry.routes.map { ($0.method.rawValue, $0.pattern, ministryBrowser) }
    let document = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(try send("GET", "/api/v1/openapi.json").body))
        as? [String: Any])
    let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
    for (path, operations) in paths {
      for method in operations.keys where ["get", "put", "post", "delete"].contains(method) {
        routes.append(
          (method.uppercased(), "/api/v1" + path.replacingOccurrences(of: "/api/v1", with: ""), nil))
      }
    }
    var queryNames: Set<String> = [
      "q", "fra", "til", "vis", "region", "fejler", "sorter", "retning", "dato", "asOf",
    ]
    var publicPages = Set<String>()
    _ = try PageCrawler(limit: 300) { link in
      !link.hasPrefix("/admin") && (!link.hasPrefix("/kommune/") || link.hasPrefix("/kommune/\(code)"))
    }.crawl(from: ["/", "/kommune/\(code)"], as: Browser(port: server.boundPort)) { target, _ in
      let path = String(target.prefix { $0 != "?" })
      publicPages.insert(path.replacing(/\/[0-9]+/, with: "/:id"))
      if let query = target.split(separator: "?", maxSplits: 1).dropFirst().first {
        for pair in query.split(separator: "&") { queryNames.insert(String(pair.prefix { $0 != "=" })) }
      }
    }
    routes += publicPages.map {
      ("GET", $0.replacingOccurrences(of: "/kommune/\(code)", with: "/kommune/:code"), nil)
    }
    routes += [
      ("GET", "/soeg", nil), ("GET", "/feed.atom", nil), ("GET", "/kommune/:code/feed.atom", nil),
      ("GET", "/kommune/:code/maal.csv", nil), ("GET", "/data/maal.csv", nil), ("GET", "/sitemap.xml", nil),
      ("GET", "/healthz", nil), ("GET", "/static/*path", nil),
    ]
    XCTAssertGreaterThan(routes.count, 60, "too few routes found")

    let before = try databaseDigest(excluding: Self.bookkeeping)
    var requests = 0
    for injection in Self.injections {
      let query = queryNames.sorted().map { "\($0)=\(Browser.encode(injection))" }.joined(separator: "&")
      for route in routes {
        var targets = Self.targets(
          route.pattern.replacingOccurrences(of: "*path", with: ":path"), injection: injection, valid: valid)
        let plain = Self.targets(route.pattern, injection: "", valid: valid).first ?? route.pattern
        targets.append(plain.replacing(/\/$/, with: "") + "?" + query)
        for target in targets {
          requests += 1
          let label = "\(route.method) \(target)"
          let reply: TestClient.Reply
          if let browser = route.browser {
            // A form with the injection in every field the route's forms have, and a CSRF token that is not the
            // session's: refused before any change.
            let fields = (["csrf", "once"] + Self.formFieldNames).map { "\($0)=\(Browser.encode(injection))" }
            reply = try send(
              route.method, target, as: browser,
              contentType: route.method == "GET" ? nil : "application/x-www-form-urlencoded",
              body: route.method == "GET" ? [] : Array(fields.joined(separator: "&").utf8))
          } else if route.method == "GET" {
            reply = try send("GET", target)
          } else {
            reply = try send(route.method, target, headers: bearer(token), body: try Self.apiBody(injection))
          }
          inspect(label, reply, injection: injection)
        }
      }
      // The login form with the injection as the address and as the password.
      let browser = Browser(port: server.boundPort)
      inspect(
        "login [\(injection)]", try browser.logIn(email: injection, password: injection), injection: injection
      )
      // The session cookie and the bearer token themselves.
      inspect(
        "cookie [\(injection)]",
        try send("GET", "/admin", headers: ["Cookie: bi_session=\(Browser.encode(injection))"]),
        injection: injection)
      inspect(
        "bearer [\(injection)]",
        try send(
          "PUT", "/api/v1/municipalities/\(code)/follow-ups/2030", headers: bearer(injection), body: "{}"),
        injection: injection)
    }
    XCTAssertEqual(failures, [], failures.prefix(40).joined(separator: "\n"))
    XCTAssertEqual(
      try databaseDigest(excluding: Self.bookkeeping), before,
      "a request with an injection changed the database")
    print(
      "SQL injection: \(routes.count) routes, \(requests) requests, \(Self.injections.count) injection strings"
    )
  }

  /// The names of the admin and ministry forms' fields.
  static let formFieldNames = [
    "name", "email", "title", "theme", "goal", "indicator", "unit", "means", "baselineValue", "baselineDate",
    "targetValue", "targetDate", "direction", "changeNote", "note", "committee", "recommendedOn", "adoptedOn",
    "meetingReference", "publishedOn", "dato", "version", "id", "area", "position", "statusText",
    "followUpText",
    "measuredValue", "measuredOn", "result", "password", "newPassword", "confirmation", "naeste", "region",
  ]

  /// An API body with the injection in every field the write API knows, dates included (so it is refused).
  static func apiBody(_ injection: String) throws -> String {
    let goal: [String: Any] = [
      "title": injection, "theme": injection, "goal": injection, "indicator": injection, "unit": injection,
      "baseline": ["value": injection, "date": injection], "target": ["value": 1, "date": injection],
      "direction": injection, "means": injection,
    ]
    return try APIPayloads.json([
      "changeNote": injection, "areas": [["name": injection, "goals": [goal]]], "committee": injection,
      "recommendedOn": injection, "note": injection, "adoptedOn": injection, "meetingReference": injection,
      "publishedOn": injection,
      "statuses": [
        ["goalId": injection, "statusText": injection, "result": injection, "followUpText": injection]
      ],
    ])
  }

  /// Injection strings through every admin form with a valid session and CSRF token (the forms' own fuzzing):
  /// stored as text where the rules take them, refused otherwise; never a 500 or an SQL error, and every table is
  /// still there with the integrity check passing.
  func testInjectionStringsThroughEveryAdminFormAreStoredAsTextOrRefused() throws {
    let code = Self.code
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: code)
    let browser = try signedIn("admin@example.dk")
    let tablesBefore = try databaseDigest(excluding: []).keys.sorted()
    let municipalities = try store.municipalityCount()
    let fuzzer = FormFuzzer(
      skip: { action in FormEscapingTests.destructive.contains { action.contains($0) } },
      validValue: { field in
        field.kind == "email" || field.name.contains("mail")
          ? "sql-\(UUID().uuidString.prefix(6))@example.dk" : "42"
      }, payloads: Self.injections)
    var seen = Set<String>()
    var submitted = 0
    _ = try PageCrawler(limit: 200) { $0.hasPrefix("/admin/kommune/\(code)") && !$0.contains("/log") }.crawl(
      from: ["/admin/kommune/\(code)"], as: browser
    ) { target, reply in
      guard reply.status == 200 else { return }
      let forms = HTMLForm.all(in: reply.text).filter { !$0.multipart && !fuzzer.skip($0.action) }
      for form in FormFuzzer.distinct(forms, seen: &seen) {
        for submission in try fuzzer.submit(form, from: target, as: browser) {
          submitted += 1
          inspect(
            "\(submission.action) [\(submission.payload)]", submission.reply, injection: submission.payload)
        }
      }
    }
    XCTAssertGreaterThan(submitted, 50)
    XCTAssertEqual(failures, [], failures.prefix(40).joined(separator: "\n"))
    XCTAssertEqual(try databaseDigest(excluding: []).keys.sorted(), tablesBefore)
    XCTAssertEqual(try store.municipalityCount(), municipalities)
    let connection = try Connection(path: databasePath, readOnly: true)
    XCTAssertEqual(try connection.scalar("PRAGMA integrity_check", as: String.self), "ok")
  }
}
