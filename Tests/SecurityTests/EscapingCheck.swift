import Foundation
import HTTPTestSupport
import XCTest

/// Collects what the crawls saw: every answer checked by `OutputChecks`, and how often each payload showed
/// (escaped for HTML, as itself in JSON), so a test can show that the payloads were really there.
final class EscapingCheck {
  private(set) var checked = 0
  private(set) var failures: [String] = []
  private(set) var pagesShowingMarkup: Set<String> = []

  /// `<script>alert(1)</script>` as the template engine escapes it.
  static let escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;"

  func check(_ target: String, _ reply: TestClient.Reply) {
    checked += 1
    if reply.status >= 500 { failures.append("\(target): \(reply.status)") }
    if reply.headers["X-Injected"] != nil
      || reply.headers.values(for: "Set-Cookie").contains(where: { $0.contains("injected") })
    {
      failures.append("\(target): a payload became a response header")
    }
    let type = reply.headers["Content-Type"] ?? ""
    for problem in OutputChecks.problems(contentType: type, body: reply.body) {
      failures.append("\(target) (\(type)): \(problem)")
    }
    if reply.text.containsBytes(Self.escapedScript)
      || reply.text.containsBytes(HostileInput.script) && type.contains("json")
    {
      pagesShowingMarkup.insert(target)
    }
  }

  /// A refused form shows the payload it was sent escaped, if it shows it at all: the escaped text or nothing.
  func expect(escapedIn reply: TestClient.Reply, payload: String, label: String) {
    if payload.contains("<"), reply.text.containsBytes(payload) {
      failures.append("\(label): the 422 page shows the payload unescaped")
    }
    if reply.text.containsBytes(Self.escape(payload)) {
      refusalsShowingPayload += 1
    } else if payload.contains("<"), payload.count <= 200 {
      refusalsNotShowingPayload.append(label)
    }
  }

  private(set) var refusalsShowingPayload = 0
  /// Refused submissions of a short markup payload whose page does not show it (the field is not shown again).
  private(set) var refusalsNotShowingPayload: [String] = []

  /// The template engine's escaping.
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "'", with: "&#39;")
  }

  func assertClean(file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(failures.count, 0, failures.prefix(30).joined(separator: "\n"), file: file, line: line)
  }
}

extension SecurityTestCase {
  /// Every citizen page of the municipality and the national ones, the feeds, the sitemap, the CSV downloads, the
  /// public API's answers for it, and a search for each payload.
  func crawlPublicSite(code: String, into check: EscapingCheck) throws {
    let browser = Browser(port: server.boundPort)
    var start = [
      "/", "/kommune/\(code)", "/kommune/\(code)/historik", "/feed.atom", "/kommune/\(code)/feed.atom",
      "/sitemap.xml", "/robots.txt", "/data/maal.csv", "/kommune/\(code)/maal.csv", "/api/v1/municipalities",
      "/api/v1/municipalities/\(code)", "/api/v1/municipalities/\(code)/contract",
      "/api/v1/municipalities/\(code)/contract/versions", "/api/v1/municipalities/\(code)/follow-ups",
      "/api/v1/service-areas", "/api/v1/openapi.json",
    ]
    start += HostileInput.all.map { "/soeg?q=" + Browser.encode(String($0.prefix(200))) }
    let crawler = PageCrawler(limit: 1_500) { link in
      !link.hasPrefix("/admin") && !link.hasPrefix("/ministeriet")
        && (!link.hasPrefix("/kommune/") || link.hasPrefix("/kommune/\(code)"))
        && (!link.hasPrefix("/api/v1/municipalities/") || link.hasPrefix("/api/v1/municipalities/\(code)"))
    }
    _ = try crawler.crawl(from: start, as: browser) { check.check($0, $1) }
    // The versions and follow-ups the API lists, each fetched.
    for list in ["contract/versions", "follow-ups"] {
      let reply = try browser.get("/api/v1/municipalities/\(code)/\(list)")
      let items = (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [[String: Any]] ?? []
      for item in items {
        guard let number = item["version"] ?? item["budgetYear"] else { continue }
        let target = "/api/v1/municipalities/\(code)/\(list)/\(number)"
        check.check(target, try browser.get(target))
      }
    }
  }

  /// The admin pages of the municipality (as its administrator) and the ministry's pages (as the ministry).
  func crawlAdminAndMinistry(code: String, into check: EscapingCheck) throws {
    let admin = "admin-\(UUID().uuidString.prefix(6))@example.dk"
    try addUser(admin, role: .municipalAdmin, municipality: code)
    let adminBrowser = try signedIn(admin)
    let adminCrawler = PageCrawler(limit: 600) { link in
      link.hasPrefix("/admin") && link != "/admin/logout"
        && (!link.hasPrefix("/admin/kommune/") || link.hasPrefix("/admin/kommune/\(code)"))
        || link.hasPrefix("/kommune/\(code)")
    }
    _ = try adminCrawler.crawl(from: ["/admin", "/admin/kommune/\(code)"], as: adminBrowser) {
      check.check($0, $1)
    }
    let ministry = "ministeriet-\(UUID().uuidString.prefix(6))@example.dk"
    try addUser(ministry, role: .ministry)
    let ministryBrowser = try signedIn(ministry)
    let ministryCrawler = PageCrawler(limit: 250) { link in
      (link.hasPrefix("/ministeriet") && (!link.contains("/kommune/") || link.contains("/kommune/\(code)")))
        || link.hasPrefix("/admin/log")
    }
    _ = try ministryCrawler.crawl(
      from: ["/ministeriet", "/ministeriet/kommune/\(code)", "/ministeriet/tabel.csv", "/admin/log"],
      as: ministryBrowser
    ) { check.check($0, $1) }
  }
}
