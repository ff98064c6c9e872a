import Domain
import Foundation
import HTTPTestSupport
import Store
import Web
import XCTest

/// Issue 8, security bullet 2: payloads through every field of every form the admin and ministry pages serve
/// (found on the pages, not listed by hand), then every page shows them escaped; a refused form (422) shows the
/// payload escaped where it shows it.
final class FormEscapingTests: SecurityTestCase {
  static let destructive = [
    "/admin/logout", "/admin/adgangskode", "/kasser", "/fjern", "/deaktiver", "/tilbagekald",
  ]

  func fuzzer() throws -> FormFuzzer {
    let today = try store.today().description
    return FormFuzzer(
      skip: { action in Self.destructive.contains { action.contains($0) } },
      validValue: { field in
        if field.kind == "email" || field.name.contains("mail") {
          return "fuzz-\(UUID().uuidString.prefix(8).lowercased())@example.dk"
        }
        if field.kind == "date" || field.name.contains("dato") || field.name.hasSuffix("On") { return today }
        return "42"
      })
  }

  /// Crawls from `start` as `browser`, submits each new form found (rounds: forms appear as content does), and
  /// checks every answer. Returns the names of the fields sent, by form.
  func fuzzForms(
    from start: [String], as browser: Browser, allow: @escaping (String) -> Bool, rounds: Int,
    check: EscapingCheck
  ) throws -> [String: Set<String>] {
    let fuzzer = try fuzzer()
    var seen = Set<String>()
    var fields: [String: Set<String>] = [:]
    for _ in 0..<rounds {
      var found: [(String, HTMLForm)] = []
      _ = try PageCrawler(limit: 400, allow: allow).crawl(from: start, as: browser) { target, reply in
        check.check(target, reply)
        guard reply.status == 200, (reply.headers["Content-Type"] ?? "").hasPrefix("text/html") else {
          return
        }
        let forms = HTMLForm.all(in: reply.text).filter { !$0.multipart && !fuzzer.skip($0.action) }
        found += FormFuzzer.distinct(forms, seen: &seen).map { (target, $0) }
      }
      for (page, form) in found {
        fields[form.method + " " + form.action, default: []].formUnion(
          form.fields.filter { $0.kind != "hidden" }.map(\.name))
        for submission in try fuzzer.submit(form, from: page, as: browser) {
          let label = "\(form.method.uppercased()) \(submission.action) [\(submission.payload.prefix(30))]"
          check.check(label, submission.reply)
          if let (location, reply) = submission.followed { check.check("\(label) → \(location)", reply) }
          if submission.reply.status == 422 {
            check.expect(escapedIn: submission.reply, payload: submission.payload, label: label)
          }
        }
      }
    }
    return fields
  }

  func testPayloadsThroughEveryAdminFormComeOutEscaped() throws {
    let code = Self.code
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: code)
    let browser = try signedIn("admin@example.dk")
    let check = EscapingCheck()
    let fields = try fuzzForms(
      from: ["/admin", "/admin/kommune/\(code)"], as: browser,
      allow: { $0.hasPrefix("/admin/kommune/\(code)") && !$0.contains("/log") }, rounds: 3, check: check)
    print(fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.sorted())" }.joined(separator: "\n"))
    let names = fields.values.reduce(Set<String>()) { $0.union($1) }
    XCTAssertGreaterThanOrEqual(fields.count, 8, "too few forms found: \(fields.keys.sorted())")
    XCTAssertFalse(names.isEmpty)
    try crawlAdminAndMinistry(code: code, into: check)
    try crawlPublicSite(code: code, into: check)
    check.assertClean()
    XCTAssertFalse(check.pagesShowingMarkup.isEmpty, "no page shows what the forms stored")
    XCTAssertGreaterThan(check.refusalsShowingPayload, 0, "no refused form shows the payload it was sent")
    XCTAssertEqual(check.refusalsNotShowingPayload, [], "refused forms that do not show the payload again")
    print(
      "checked \(check.checked) answers; \(check.pagesShowingMarkup.count) show the markup payload escaped")
  }

  func testPayloadsThroughTheMinistryFormsComeOutEscaped() throws {
    try addUser("ministeriet@example.dk", role: .ministry)
    let browser = try signedIn("ministeriet@example.dk")
    let check = EscapingCheck()
    let fields = try fuzzForms(
      from: ["/ministeriet", "/ministeriet/regelkalender", "/ministeriet/frister", "/ministeriet/udvikling"],
      as: browser, allow: { $0.hasPrefix("/ministeriet") && !$0.contains("?") }, rounds: 1, check: check)
    print(fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.sorted())" }.joined(separator: "\n"))
    XCTAssertTrue(fields.keys.contains("post /ministeriet/regelkalender"), "\(fields.keys.sorted())")
    XCTAssertGreaterThan(check.refusalsShowingPayload, 0, "the calendar's 422 page shows no payload")
    XCTAssertEqual(check.refusalsNotShowingPayload, [], "refused forms that do not show the payload again")
    check.assertClean()
  }

  func testTheLoginFormShowsATypedAddressEscaped() throws {
    let check = EscapingCheck()
    for payload in HostileInput.all {
      let browser = Browser(port: server.boundPort)
      let reply = try browser.logIn(email: payload, password: payload)
      check.check("login [\(payload.prefix(30))]", reply)
      XCTAssertNil(browser.cookies["bi_session"])
      if payload.contains("<"), payload.count < 200 {
        XCTAssertTrue(
          reply.text.contains(EscapingCheck.escape(payload)), "the typed address is not shown escaped")
      }
    }
    check.assertClean()
  }
}
