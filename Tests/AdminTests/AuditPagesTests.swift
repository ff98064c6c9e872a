import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

@testable import Admin

final class AuditPagesTests: AdminTestCase {
  let home = "0169"
  var log: String { "/admin/kommune/\(home)/log" }

  func otherMunicipality() throws -> Municipality {
    try XCTUnwrap(try store.municipalities().first { $0.code != home })
  }

  /// The entry links of a log page, in order.
  func entryLinks(_ page: String, under base: String) -> [String] {
    page.components(separatedBy: "<a href=\"\(base)/").dropFirst().compactMap {
      $0.split(separator: "\"", maxSplits: 1).first.map { base + "/" + $0 }
    }.filter { $0.dropFirst(base.count + 1).allSatisfy(\.isNumber) }
  }

  func testTheMunicipalLogShowsWhoWhatAndBeforeAndAfter() throws {
    let admin = try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    let editor = try addUser("redaktor@example.dk", role: .editor, municipality: home)
    let cliEntry = try store.audit(
      userId: nil, action: "user.add", entity: "app_user", entityId: String(editor.id),
      municipalityCode: home,
      afterJSON: "{\"role\":\"editor\"}")
    let unknownEntry = try store.audit(
      userId: admin.id, action: "frobnicate.zap", entity: "widget", entityId: "7", municipalityCode: home)
    let browser = try signedIn(admin.email)
    try browser.get("/admin/kommune/\(home)/brugere")
    XCTAssertEqual(try browser.post("/admin/kommune/\(home)/brugere/\(editor.id)/deaktiver").status, 303)
    let deactivation = try XCTUnwrap(try store.auditLog(municipalityCode: home).first)
    XCTAssertEqual(deactivation.action, "user.deactivate")

    let page = try browser.get(log)
    XCTAssertEqual(page.status, 200)
    XCTAssertEqual(page.headers["Cache-Control"], "no-store")
    let links = entryLinks(page.text, under: log)
    let expected = try store.auditLog(municipalityCode: home).map { "\(log)/\($0.id)" }
    XCTAssertEqual(links, expected, "every entry of the municipality, newest first")
    XCTAssertTrue(page.text.contains("Bruger deaktiveret"))
    XCTAssertTrue(page.text.contains("admin (admin@example.dk)"))
    XCTAssertTrue(page.text.contains("system (kommandolinjen)"))
    XCTAssertTrue(page.text.contains("<code>frobnicate.zap</code>"), "an unknown action shows its code")
    XCTAssertTrue(page.text.contains("bruger \(editor.id)"))
    let when = DanishTime.text(utc: deactivation.at)
    XCTAssertTrue(when.contains(" kl. "))
    XCTAssertTrue(page.text.contains(when))

    let detail = try browser.get("\(log)/\(deactivation.id)")
    XCTAssertEqual(detail.status, 200)
    XCTAssertTrue(
      detail.text.contains(
        "<code>active</code></th>\n<td>ja</td>\n<td>nej</td>\n<td><strong>Ændret</strong>"), detail.text)
    XCTAssertTrue(
      detail.text.contains(
        "<code>email</code></th>\n<td>redaktor@example.dk</td>\n<td>redaktor@example.dk</td>\n<td>Uændret"))
    XCTAssertTrue(detail.text.contains("admin (admin@example.dk)"))
    let cli = try browser.get("\(log)/\(cliEntry)")
    XCTAssertTrue(cli.text.contains("system (kommandolinjen)"))
    XCTAssertTrue(cli.text.contains("(findes ikke)"), "no before: the fields are absent on that side")
    XCTAssertTrue(try browser.get("\(log)/\(unknownEntry)").text.contains("ikke gemt nogen detaljer"))
  }

  func testAnEntryOfAnotherMunicipalityIsNotFoundUnderOnesOwnCode() throws {
    let other = try otherMunicipality()
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    let foreign = try store.audit(
      userId: nil, action: "goal.update", entity: "goal", entityId: "1", municipalityCode: other.code,
      beforeJSON: "{\"title\":\"hemmelig\"}")
    let national = try store.audit(
      userId: nil, action: "calendar.update", entity: "rule_dates", entityId: nil)
    let browser = try signedIn("admin@example.dk")
    for id in [foreign, national, foreign + national + 1000] {
      let reply = try browser.get("\(log)/\(id)")
      XCTAssertEqual(reply.status, 404, String(id))
      XCTAssertFalse(reply.text.contains("hemmelig"))
    }
    XCTAssertFalse(try browser.get(log).text.contains("\(log)/\(foreign)\""))
    XCTAssertEqual(try browser.get("/admin/kommune/\(other.code)/log").status, 403)
    XCTAssertEqual(try browser.get("/admin/log").status, 403)
    XCTAssertEqual(try browser.get("/admin/log/\(foreign)").status, 403)
  }

  func testTheMinistrySeesEveryLogAndFiltersByMunicipalityAndAction() throws {
    let other = try otherMunicipality()
    try addUser("ministeriet@example.dk", role: .ministry)
    let ours = try store.audit(
      userId: nil, action: "version.adopt", entity: "contract_version", entityId: "3", municipalityCode: home)
    let theirs = try store.audit(
      userId: nil, action: "goal.update", entity: "goal", entityId: "9", municipalityCode: other.code,
      beforeJSON: "{\"target\":80}", afterJSON: "{\"target\":90}")
    let browser = try signedIn("ministeriet@example.dk")
    let all = try browser.get("/admin/log")
    XCTAssertEqual(all.status, 200)
    let allLinks = entryLinks(all.text, under: "/admin/log")
    XCTAssertEqual(allLinks, try store.auditLog().prefix(50).map { "/admin/log/\($0.id)" })
    XCTAssertTrue(allLinks.contains("/admin/log/\(ours)") && allLinks.contains("/admin/log/\(theirs)"))
    XCTAssertTrue(all.text.contains("Kontraktversion vedtaget"))
    XCTAssertTrue(all.text.contains("Mål rettet"))
    XCTAssertTrue(all.text.contains(other.name))

    let filtered = try browser.get("/admin/log?kommune=\(other.code)")
    XCTAssertEqual(
      entryLinks(filtered.text, under: "/admin/log"),
      try store.auditLog(municipalityCode: other.code).map { "/admin/log/\($0.id)" })
    XCTAssertFalse(entryLinks(filtered.text, under: "/admin/log").contains("/admin/log/\(ours)"))
    let byAction = try browser.get("/admin/log?handling=version.adopt")
    XCTAssertEqual(entryLinks(byAction.text, under: "/admin/log"), ["/admin/log/\(ours)"])
    XCTAssertTrue(byAction.text.contains("<option value=\"version.adopt\" selected>"))
    XCTAssertEqual(try browser.get("/admin/log?kommune=9999").status, 404)

    let detail = try browser.get("/admin/log/\(theirs)")
    XCTAssertEqual(detail.status, 200)
    XCTAssertTrue(detail.text.contains("<code>target</code></th>\n<td>80</td>\n<td>90</td>"))
    XCTAssertEqual(try browser.get("/admin/kommune/\(other.code)/log/\(theirs)").status, 200)
    XCTAssertEqual(try browser.get("/admin/kommune/\(home)/log/\(theirs)").status, 404)
    XCTAssertEqual(try browser.get(log).status, 200)

    try addUser("drift@example.dk", role: .sysadmin)
    let sysadmin = try signedIn("drift@example.dk")
    XCTAssertEqual(try sysadmin.get("/admin/log/\(theirs)").status, 200)
    XCTAssertEqual(
      entryLinks(try sysadmin.get("/admin/log?kommune=\(home)").text, under: "/admin/log"),
      try store.auditLog(municipalityCode: home).map { "/admin/log/\($0.id)" })
  }

  func testTheStoreFiltersByExactActionOrByItsThing() throws {
    let other = try otherMunicipality()
    var ids: [String: Int64] = [:]
    for action in ["goal.update", "goal.remove", "goalkeeper.update", "version.adopt"] {
      ids[action] = try store.audit(
        userId: nil, action: action, entity: "goal", entityId: nil, municipalityCode: other.code)
    }
    func found(_ action: String) throws -> Set<Int64> {
      Set(try store.auditRecords(AuditFilter(municipalityCode: other.code, action: action)).map(\.entry.id))
    }
    XCTAssertEqual(try found("goal.update"), [ids["goal.update"]!])
    XCTAssertEqual(try found("goal."), [ids["goal.update"]!, ids["goal.remove"]!])
    XCTAssertEqual(try found("goal"), [])
    let record = try XCTUnwrap(try store.auditRecord(id: ids["version.adopt"]!))
    XCTAssertEqual(record.municipalityName, other.name)
    XCTAssertNil(record.userEmail)
  }

  func testAnEditorIsRefusedEveryLog() throws {
    let editor = try addUser("redaktor@example.dk", role: .editor, municipality: home)
    let entry = try store.audit(
      userId: nil, action: "goal.update", entity: "goal", entityId: "1", municipalityCode: home)
    let browser = try signedIn(editor.email)
    for path in [log, "\(log)/\(entry)", "/admin/log", "/admin/log/\(entry)"] {
      XCTAssertEqual(try browser.get(path).status, 403, path)
    }
  }

  func testTheLogIsPagedNewestFirst() throws {
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: home)
    for number in 0..<(AdminSite.auditPageSize + 7) {
      try store.audit(
        userId: nil, action: "goal.update", entity: "goal", entityId: String(number), municipalityCode: home)
    }
    let browser = try signedIn("admin@example.dk")
    let expected = try store.auditLog(municipalityCode: home, limit: 10_000).map { "\(log)/\($0.id)" }
    var seen: [String] = []
    var next: String? = log
    while let target = next {
      let page = try browser.get(target)
      XCTAssertEqual(page.status, 200)
      let links = entryLinks(page.text, under: log)
      XCTAssertLessThanOrEqual(links.count, AdminSite.auditPageSize)
      seen += links
      next = page.text.components(separatedBy: "<p><a href=\"").dropFirst().first {
        $0.contains("\">Ældre ændringer</a>")
      }.map { Browser.unescape(String($0.prefix { $0 != "\"" })) }
      XCTAssertLessThan(seen.count, expected.count + 1, "paging does not end")
      if seen.count > expected.count { break }
    }
    XCTAssertEqual(seen, expected)
    XCTAssertGreaterThan(expected.count, AdminSite.auditPageSize, "more than one page")
  }
}
