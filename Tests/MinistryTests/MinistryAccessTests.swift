import Domain
import HTTP
import HTTPTestSupport
import XCTest

/// "Only the ministry role can see any of it": every ministry route, tried without a session and as every other
/// role, is refused; as the ministry it is not.
final class MinistryAccessTests: MinistryTestCase {
  /// A path for `pattern` with its parameters filled from the seeded data.
  func path(_ pattern: String) throws -> String {
    let code = try XCTUnwrap(try store.municipalities().first).code
    return pattern.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
      switch part {
      case ":code": return code
      default:
        XCTAssertFalse(part.hasPrefix(":"), "add a value for \(part) to MinistryAccessTests.path")
        return String(part)
      }
    }.joined(separator: "/")
  }

  func testOnlyTheMinistryRoleGetsIn() throws {
    try addUser("it@ism.example", role: .sysadmin)
    try addUser("redaktor@kommune.example", role: .editor, municipality: "0169")
    try addUser("admin@kommune.example", role: .municipalAdmin, municipality: "0169")
    let others = try ["it@ism.example", "redaktor@kommune.example", "admin@kommune.example"].map {
      try signedIn($0)
    }
    let ministryUser = try signedIn()
    let routes = ministry.routes
    XCTAssertFalse(routes.isEmpty)
    for route in routes {
      let target = try path(route.pattern)
      let anonymous = Browser(port: server.boundPort)
      let refused =
        route.method == .get ? try anonymous.get(target) : try anonymous.post(target, ["csrf=x"])
      XCTAssertEqual(refused.status, 303, "\(route.method) \(target) without a session")
      XCTAssertTrue(refused.headers["Location"]?.hasPrefix("/admin/login") ?? false)
      for browser in others {
        try browser.get("/admin/adgangskode")
        let csrf = try XCTUnwrap(browser.hiddenField("csrf"))
        let reply =
          route.method == .get
          ? try browser.get(target) : try browser.post(target, ["csrf=\(csrf)", "once=x"])
        XCTAssertEqual(reply.status, 403, "\(route.method) \(target)")
      }
      if route.method == .get {
        XCTAssertEqual(try ministryUser.get(target).status, 200, "GET \(target) as the ministry")
      }
    }
  }
}
