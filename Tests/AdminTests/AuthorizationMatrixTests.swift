import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

/// Issue 5's authorization matrix: every admin route in `AdminSite.routes` (so a route added later is covered
/// without touching this file), tried as every role and as a user of another municipality, is refused (403, or the
/// login page without a session), and the database, the audit log included, is unchanged afterwards.
final class AuthorizationMatrixTests: AdminTestCase {
  /// A signed-in user (or nobody) with the CSRF token of their own session.
  struct Visitor {
    var name: String
    var user: User?
    var browser: Browser
    var csrf: String
  }

  var a: MatrixObjects!
  var b: MatrixObjects!
  var visitors: [Visitor] = []
  var contents: [String: [String]] = [:]

  /// The objects of two municipalities, the seven visitors signed in, then the database as it must stay.
  func prepare() throws {
    let codeA = "0169"
    let codeB = try MatrixObjects.otherMunicipality(than: codeA, in: store)
    a = try MatrixObjects.make(in: store, code: codeA)
    b = try MatrixObjects.make(in: store, code: codeB)
    visitors = [Visitor(name: "not signed in", user: nil, browser: Browser(port: server.boundPort), csrf: "")]
    for (name, role, code) in [
      ("editor of A", Role.editor, codeA as String?), ("municipal admin of A", .municipalAdmin, codeA),
      ("editor of B", .editor, codeB), ("municipal admin of B", .municipalAdmin, codeB),
      ("ministry", .ministry, nil), ("sysadmin", .sysadmin, nil),
    ] {
      let email = name.lowercased().replacingOccurrences(of: " ", with: "-") + "@example.dk"
      let user = try addUser(email, role: role, municipality: code)
      let browser = try signedIn(email)
      try browser.get("/admin/adgangskode")
      let csrf = try XCTUnwrap(
        browser.hiddenFields(ofFormWithAction: "/admin/logout").first { $0.0 == "csrf" }?.1,
        "no logout form with a CSRF token on the password page")
      visitors.append(Visitor(name: name, user: user, browser: browser, csrf: csrf))
    }
    contents = try databaseContents()
    XCTAssertFalse(contents["audit_log", default: []].isEmpty, "the audit log is compared too")
  }

  // MARK: The policy itself

  func testPermitsFollowsThePolicyAsTheIssueStatesIt() throws {
    let own = "0169"
    let other = "0851"
    for access in AdminAccess.allCases {
      XCTAssertNotNil(
        MatrixPolicy.table[access],
        "AdminAccess.\(access) is new: write who may use it into MatrixPolicy.table (AuthorizationMatrixFixture.swift)"
      )
      for role in Role.allCases {
        let user = User(
          email: "x@example.dk", role: role, municipalityCode: role.belongsToMunicipality ? own : nil)
        for code in [own, other, nil] {
          guard let expected = MatrixPolicy.allows(access, user, municipalityCode: code) else { continue }
          XCTAssertEqual(
            access.permits(user, municipalityCode: code), expected,
            "\(access) for \(role) acting on municipality \(code ?? "none")")
        }
      }
    }
    // The table is not vacuous: it grants and refuses something at every municipal level.
    XCTAssertEqual(
      MatrixPolicy.allows(
        .staff, User(email: "x@example.dk", role: .editor, municipalityCode: own), municipalityCode: own),
      true)
    XCTAssertEqual(
      MatrixPolicy.allows(
        .staff, User(email: "x@example.dk", role: .editor, municipalityCode: own), municipalityCode: other),
      false)
  }

  func testEveryRouteNamesWhatItActsOnAndSomeoneMayUseIt() throws {
    XCTAssertFalse(site.routes.isEmpty)
    for route in site.routes {
      let names = Self.parameterNames(of: route.pattern)
      XCTAssertTrue(route.pattern.hasPrefix("/admin"), "\(route.method) \(route.pattern) is not under /admin")
      if [.staff, .municipalAdmin].contains(route.access) {
        XCTAssertTrue(
          names.contains("code"),
          "\(route.method) \(route.pattern) is for \(route.access) but has no :code, so nobody may use it")
      }
      for name in names where !MatrixObjects.parameterNames.contains(name) {
        XCTFail(Self.unknownParameter(name, route))
      }
    }
    let keys = site.routes.map { "\($0.method) \($0.pattern)" }
    XCTAssertEqual(Set(keys).count, keys.count, "a route is registered twice")
  }

  // MARK: The matrix

  func testEveryRouteRefusesEveryoneItsAccessDoesNotPermitAndChangesNothing() throws {
    try prepare()
    var refused = 0
    var allowed = 0
    for route in site.routes {
      guard let path = try path(for: route, objects: a) else { continue }
      for visitor in visitors {
        guard let user = visitor.user else {
          let reply = try send(route, path, as: visitor)
          XCTAssertEqual(reply.status, 303, "\(route.method) \(path) without a session")
          let location = reply.headers["Location"] ?? ""
          if route.method == .get {
            XCTAssertTrue(location.hasPrefix("/admin/login"), "\(path) without a session went to \(location)")
          } else {
            XCTAssertEqual(location, "/admin/login", "POST \(path) without a session")
          }
          try assertUnchanged(after: "\(route.method) \(path) without a session")
          refused += 1
          continue
        }
        let permitted = try XCTUnwrap(
          MatrixPolicy.allows(route.access, user, municipalityCode: Self.code(in: route, objects: a)),
          "no policy for \(route.access)")
        if permitted {
          allowed += 1
          continue
        }
        let reply = try send(route, path, as: visitor)
        XCTAssertEqual(
          reply.status, 403, "\(route.method) \(path) (\(route.access)) as \(visitor.name): \(reply.status)")
        try assertUnchanged(after: "\(route.method) \(path) as \(visitor.name)")
        refused += 1
      }
    }
    XCTAssertGreaterThan(refused, site.routes.count, "the matrix refused almost nothing: is it running?")
    XCTAssertGreaterThan(allowed, 0)
    try assertEveryoneStillSignedIn()
  }

  /// B's staff put B's own municipality in the path with A's objects (and A's staff B's): the handler must find
  /// that the object is not the municipality's, whichever the user may act on. A POST carries the fields of the
  /// same form on the user's own pages (as if the id in its action had been changed), so that the handler gets as
  /// far as looking the object up.
  func testAnotherMunicipalitysObjectsUnderOnesOwnCodeAreNotFound() throws {
    try prepare()
    var tried = 0
    let routesWithIds = site.routes.filter {
      let names = Self.parameterNames(of: $0.pattern)
      return names.contains("code") && !names.isDisjoint(with: MatrixObjects.globalIdNames)
    }
    for (home, foreign, label) in [
      (b!, a!, "A's object under B's code"), (a!, b!, "B's object under A's code"),
    ] {
      let forms = try formsOnThePages(of: home)
      for route in routesWithIds {
        // The home municipality's code, version number and budget year; the other's area, goal, user, entry.
        var mixed = home
        mixed.draftArea = foreign.draftArea
        mixed.draftGoal = foreign.draftGoal
        mixed.goalInForce = foreign.goalInForce
        mixed.user = foreign.user
        mixed.entry = foreign.entry
        guard let path = try path(for: route, objects: mixed),
          let ownPath = try self.path(for: route, objects: home)
        else { continue }
        let form = forms[ownPath]?.filter { $0.0 != "csrf" && $0.0 != "once" } ?? []
        for visitor in visitors where visitor.user?.municipalityCode == home.code {
          let reply = try send(route, path, as: visitor, with: form)
          XCTAssertTrue(
            [403, 404].contains(reply.status),
            "\(route.method) \(path) as \(visitor.name) (\(label)): \(reply.status), not 403 or 404"
              + (route.method == .post && form.isEmpty ? " (no form posts to \(ownPath) on the pages)" : ""))
          try assertUnchanged(after: "\(route.method) \(path) as \(visitor.name) (\(label))")
          tried += 1
        }
      }
    }
    XCTAssertEqual(
      tried, routesWithIds.count * 4, "every route with an object id, as the editor and the admin")
  }

  /// The POST forms on every page of `objects`' municipality its administrator may GET, by action. Reading them
  /// changes nothing either.
  func formsOnThePages(of objects: MatrixObjects) throws -> [String: [(String, String)]] {
    let admin = try XCTUnwrap(
      visitors.first { $0.user?.role == .municipalAdmin && $0.user?.municipalityCode == objects.code })
    var forms: [String: [(String, String)]] = [:]
    for route in site.routes where route.method == .get {
      guard let user = admin.user, Self.parameterNames(of: route.pattern).contains("code"),
        MatrixPolicy.allows(route.access, user, municipalityCode: objects.code) == true,
        let path = try path(for: route, objects: objects)
      else { continue }
      let reply = try admin.browser.get(path)
      if reply.status == 200 { forms.merge(PageForms.posts(in: reply.text)) { first, _ in first } }
      try assertUnchanged(after: "GET \(path) as \(admin.name)")
    }
    return forms
  }

  func testPostsWithoutTheSessionsCSRFTokenAreRefusedForPermittedUsers() throws {
    try prepare()
    let someoneElses = try XCTUnwrap(visitors.last?.csrf)
    var tried = 0
    for route in site.routes where route.method == .post {
      guard let path = try path(for: route, objects: a) else { continue }
      let permitted = visitors.filter { visitor in
        visitor.user.map {
          MatrixPolicy.allows(route.access, $0, municipalityCode: Self.code(in: route, objects: a)) == true
        } ?? false
      }
      guard let visitor = permitted.first(where: { $0.csrf != someoneElses }) else {
        XCTFail("nobody may use POST \(route.pattern)")
        continue
      }
      for (what, csrf) in [
        ("no CSRF token", nil), ("an empty CSRF token", ""),
        ("a made-up CSRF token", SessionToken.generate()),
        ("another session's CSRF token", someoneElses),
        (
          "its CSRF token with one character changed",
          String(visitor.csrf.dropLast()) + (visitor.csrf.hasSuffix("0") ? "1" : "0")
        ),
      ] as [(String, String?)] {
        var fields = [("once", SessionToken.generate())]
        if let csrf { fields.append(("csrf", csrf)) }
        let reply = try visitor.browser.post(path, fields, useFormTokens: false)
        XCTAssertEqual(reply.status, 403, "POST \(path) as \(visitor.name) with \(what)")
        try assertUnchanged(after: "POST \(path) as \(visitor.name) with \(what)")
        tried += 1
      }
    }
    XCTAssertGreaterThan(tried, 0, "there is at least the logout and the password form")
    try assertEveryoneStillSignedIn()
  }

  // MARK: Helpers

  /// The request a visitor sends: a GET, or a POST with a valid CSRF token of the visitor's own session and a fresh
  /// one-time token, so that a refusal comes from the access check and not from the form's tokens.
  func send(_ route: AdminRoute, _ path: String, as visitor: Visitor, with fields: [(String, String)] = [])
    throws -> TestClient.Reply
  {
    switch route.method {
    case .get: return try visitor.browser.get(path)
    case .post:
      return try visitor.browser.post(
        path, fields + [("csrf", visitor.csrf), ("once", SessionToken.generate())], useFormTokens: false)
    default:
      XCTFail("\(route.method) \(route.pattern): the matrix sends only GET and POST; teach it this method")
      return try visitor.browser.get(path)
    }
  }

  func assertUnchanged(after what: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let now = try databaseContents()
    guard now != contents else { return }
    let changed = Set(now.keys).union(contents.keys).filter { now[$0] != contents[$0] }.sorted()
    XCTFail("\(what) changed the database: \(changed.joined(separator: ", "))", file: file, line: line)
    contents = now
  }

  func assertEveryoneStillSignedIn() throws {
    for visitor in visitors where visitor.user != nil {
      XCTAssertEqual(
        try visitor.browser.get("/admin/adgangskode").status, 200, "\(visitor.name) was signed out")
    }
  }

  /// The route's pattern with its parameters filled from `objects`; nil (and a failure) for an unknown name.
  func path(for route: AdminRoute, objects: MatrixObjects) throws -> String? {
    var segments: [String] = []
    for segment in route.pattern.split(separator: "/", omittingEmptySubsequences: false) {
      guard let name = Self.parameterName(segment) else {
        segments.append(Self.escaped(String(segment)))
        continue
      }
      guard let value = objects.value(for: name, in: route.pattern) else {
        XCTFail(Self.unknownParameter(name, route))
        return nil
      }
      segments.append(value)
    }
    return segments.joined(separator: "/")
  }

  static func code(in route: AdminRoute, objects: MatrixObjects) -> String? {
    parameterNames(of: route.pattern).contains("code") ? objects.code : nil
  }

  /// `:name`, `:name(int)` and `*name` segments.
  static func parameterName(_ segment: Substring) -> String? {
    guard let first = segment.first, first == ":" || first == "*" else { return nil }
    return String(segment.dropFirst().prefix { $0 != "(" })
  }

  static func parameterNames(of pattern: String) -> Set<String> {
    Set(pattern.split(separator: "/").compactMap(parameterName))
  }

  static func unknownParameter(_ name: String, _ route: AdminRoute) -> String {
    "\(route.method) \(route.pattern) has the path parameter :\(name), which the authorization matrix cannot fill: "
      + "use one of the names in admin-common.md (\(MatrixObjects.parameterNames.sorted().joined(separator: ", "))) "
      + "or add it to MatrixObjects (Tests/AdminTests/AuthorizationMatrixFixture.swift) with an object to fill it"
  }

  /// A literal segment as a request target spells it (Danish letters percent-encoded).
  static func escaped(_ segment: String) -> String {
    segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? segment
  }
}
