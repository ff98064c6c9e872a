import Domain
import Foundation
import HTTPTestSupport
import Store
import Web
import XCTest

/// Issue 8, security bullet 2: every payload sent through every free-text field of the write API is adopted and
/// published, then every page, feed, export and API answer shows it escaped (or as a proper JSON string).
final class WriteAPIEscapingTests: SecurityTestCase {
  func testPayloadsThroughTheWriteAPIComeOutEscapedOnEveryPageFeedAndExport() throws {
    let code = Self.code
    let token = try apiToken(role: .editor, municipality: code)
    let today = try store.today().description
    let contract = "/api/v1/municipalities/\(code)/contract"

    // Titles the rules refuse (too long): 422, problem+json, the payload a proper JSON string.
    for payload in HostileInput.short {
      let refused = try send(
        "PUT", "\(contract)/draft", headers: bearer(token),
        body: try APIPayloads.contract(area: payload, changeNote: payload, refused: true))
      XCTAssertEqual(refused.status, 422, refused.text)
      XCTAssertEqual(OutputChecks.jsonProblems(refused.body), [], refused.text)
      XCTAssertEqual(refused.headers["Content-Type"], "application/problem+json; charset=utf-8")
    }

    let put = try send(
      "PUT", "\(contract)/draft", headers: bearer(token),
      body: try APIPayloads.contract(area: HostileInput.markup, changeNote: HostileInput.markup))
    XCTAssertTrue([200, 201].contains(put.status), put.text)
    let draft = try XCTUnwrap(try store.draft(municipalityCode: code))
    let version = "\(contract)/versions/\(draft.number)"
    for (path, body, status) in [
      (
        "recommendation",
        try APIPayloads.recommendation(
          committee: HostileInput.markup, note: HostileInput.template, on: today), 201
      ),
      ("adoption", try APIPayloads.adoption(reference: HostileInput.formula, on: today), 200),
      ("publication", "{}", 200),
    ] {
      let reply = try send("POST", "\(version)/\(path)", headers: bearer(token), body: body)
      XCTAssertEqual(reply.status, status, "\(path): \(reply.text)")
    }
    let inForce = try XCTUnwrap(
      try store.contractInForce(municipalityCode: code, asOf: try store.today()))
    XCTAssertEqual(inForce.version.id, draft.id, "the version with the payloads is in force")

    let year = (try store.followUps(municipalityCode: code).map(\.budgetYear).max() ?? 2026) + 1
    let followUp = "/api/v1/municipalities/\(code)/follow-ups/\(year)"
    XCTAssertEqual(try send("PUT", followUp, headers: bearer(token), body: "{}").status, 201)
    let goalIds = inForce.version.areas.flatMap(\.goals).map(\.id)
    let statuses = try send(
      "PUT", followUp, headers: bearer(token), body: try APIPayloads.statuses(goalIds: goalIds, on: today))
    XCTAssertEqual(statuses.status, 200, statuses.text)
    for (path, body, status) in [
      (
        "recommendation",
        try APIPayloads.recommendation(committee: HostileInput.svgTag, note: HostileInput.script, on: today),
        201
      ),
      ("adoption", try APIPayloads.adoption(reference: HostileInput.imageTag, on: today), 200),
      ("publication", "{}", 200),
    ] {
      let reply = try send("POST", "\(followUp)/\(path)", headers: bearer(token), body: body)
      XCTAssertEqual(reply.status, status, "\(path): \(reply.text)")
    }

    // The API gives every payload back exactly, as a JSON string.
    let published = try send("GET", "\(contract)/versions/\(draft.number)")
    let strings = Self.strings(in: try JSONSerialization.jsonObject(with: Data(published.body)))
    for payload in HostileInput.all {
      XCTAssertTrue(
        strings.contains(payload), "the API lost or changed \(payload.prefix(40).debugDescription)")
    }

    let check = EscapingCheck()
    try crawlPublicSite(code: code, into: check)
    try crawlAdminAndMinistry(code: code, into: check)
    check.assertClean()
    for page in [
      "/kommune/\(code)", "/kommune/\(code)/version/\(draft.number)", "/kommune/\(code)/opfoelgning/\(year)",
      "/api/v1/municipalities/\(code)/contract",
    ] {
      XCTAssertTrue(check.pagesShowingMarkup.contains(page), "\(page) does not show the payload at all")
    }
    XCTAssertGreaterThan(check.pagesShowingMarkup.count, 10, "\(check.pagesShowingMarkup.sorted())")
    XCTAssertTrue(
      check.pagesShowingMarkup.contains { $0.hasPrefix("/soeg?") }, "no search found the payload")
    XCTAssertTrue(
      check.pagesShowingMarkup.contains { $0.hasPrefix("/admin/kommune/\(code)/log/") },
      "no audit entry shows the payload")
    print(
      "checked \(check.checked) answers; \(check.pagesShowingMarkup.count) show the markup payload escaped")

    // The CSV downloads: the formula payloads as text cells with a leading apostrophe.
    let csv = try send("GET", "/kommune/\(code)/maal.csv")
    let table = try CSVTable(
      parsing: csv.body, limits: CSVTable.Limits(maximumRecords: 10_000, maximumFieldBytes: 1_000_000))
    let cells = Set(table.records.flatMap(\.fields))
    for payload in [
      HostileInput.formula, HostileInput.plusCommand, HostileInput.atSum, HostileInput.minusFormula,
    ] {
      XCTAssertTrue(cells.contains("'" + payload), "\(payload) is not neutralised in the CSV")
    }
  }

  /// Every string in a JSON value, keys left out.
  static func strings(in value: Any) -> Set<String> {
    switch value {
    case let text as String: [text]
    case let array as [Any]: array.reduce(into: Set<String>()) { $0.formUnion(strings(in: $1)) }
    case let object as [String: Any]:
      object.values.reduce(into: Set<String>()) { $0.formUnion(strings(in: $1)) }
    default: []
    }
  }
}
