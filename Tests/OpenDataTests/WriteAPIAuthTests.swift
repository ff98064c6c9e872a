import Domain
import Foundation
import Store
import Web
import XCTest

final class WriteAPIAuthTests: WriteAPITestCase {
  func testMissingUnknownOrRevokedTokensAre401AndChangeNothing() throws {
    let (live, _) = try token(role: .editor, municipality: code)
    let revoked = try token(role: .editor, municipality: code)
    let revokedId = try XCTUnwrap(
      try store.apiTokens(municipalityCode: code).first { $0.userId == revoked.userId }?.id)
    try store.batch { writer in _ = try writer.revokeAPIToken(id: revokedId, now: Date()) }
    let before = try snapshot(code)
    let attempts: [[String]] = [
      ["Content-Type: application/json"], ["Authorization: Bearer \(SessionToken.generate())"],
      ["Authorization: Bearer \(revoked.token)"], ["Authorization: Basic \(live)"], ["Authorization: Bearer"],
    ]
    for headers in attempts {
      let reply = try send(
        "PUT", "/api/v1/municipalities/\(code)/contract/draft", headers: headers,
        body: contractBody(areas: ["Folkeskole"]), status: 401)
      XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json; charset=utf-8")
      XCTAssertTrue(reply.headers["WWW-Authenticate"]?.hasPrefix("Bearer") ?? false, "\(headers)")
      XCTAssertEqual(try object(reply)["status"] as? Int, 401)
      try send(
        "PUT", "/api/v1/municipalities/\(code)/budget-adoptions/2030", headers: headers,
        body: "{\"adoptedOn\": \"2029-10-01\"}", status: 401)
      try get("/api/v1/compliance", headers: headers, status: 401)
    }
    XCTAssertEqual(try snapshot(code), before)
    // The live token works on the same request.
    try send(
      "PUT", "/api/v1/municipalities/\(code)/budget-adoptions/2030", headers: bearer(live),
      body: "{\"adoptedOn\": \"2029-10-01\"}")
    XCTAssertNotEqual(try snapshot(code), before)
  }

  func testAnotherMunicipalityIs403AndChangesNothing() throws {
    let (editor, _) = try token(role: .editor, municipality: otherCode)
    let (ministry, _) = try token(role: .ministry, municipality: nil)
    let before = try snapshot(code)
    for token in [editor, ministry] {
      let reply = try send(
        "PUT", "/api/v1/municipalities/\(code)/contract/draft", headers: bearer(token),
        body: contractBody(areas: ["Folkeskole"]), status: 403)
      XCTAssertEqual(try object(reply)["status"] as? Int, 403)
      try send(
        "PUT", "/api/v1/municipalities/\(code)/follow-ups/2030", headers: bearer(token), body: "{}",
        status: 403)
      try send(
        "POST", "/api/v1/municipalities/\(code)/contract/versions/1/publication", headers: bearer(token),
        body: "{}", status: 403)
    }
    XCTAssertEqual(try snapshot(code), before)
  }

  func testADeactivatedOwnersTokenStopsWorkingAndAMunicipalitysTokenActsAsItsStaff() throws {
    let (token, userId) = try token(role: .municipalAdmin, municipality: code)
    let target = "/api/v1/municipalities/\(code)/budget-adoptions/2031"
    try send("PUT", target, headers: bearer(token), body: "{\"adoptedOn\": \"2030-10-01\"}")
    try store.batch { try $0.setUserActive(userId: userId, false) }
    try send("PUT", target, headers: bearer(token), body: "{\"adoptedOn\": \"2030-10-02\"}", status: 401)
    XCTAssertEqual(
      try store.budgetAdoptions(municipalityCode: code)[2031], CalendarDate(year: 2030, month: 10, day: 1))

    let municipal = SessionToken.generate()
    _ = try store.batch { writer in
      try writer.createAPIToken(
        name: "ESDH", userId: nil, municipalityCode: code, tokenDigest: SessionToken.digest(municipal),
        now: Date())
    }
    try send("PUT", target, headers: bearer(municipal), body: "{\"adoptedOn\": \"2030-10-03\"}")
    try send(
      "PUT", "/api/v1/municipalities/\(otherCode)/budget-adoptions/2031", headers: bearer(municipal),
      body: "{\"adoptedOn\": \"2030-10-03\"}", status: 403)
    let entry = try XCTUnwrap(try store.auditLog(entity: "budget_adoption").first)
    XCTAssertNil(entry.userId, "a municipality's token has no user")
    XCTAssertTrue(entry.afterJSON?.contains("\"ESDH\"") ?? false, entry.afterJSON ?? "")
    XCTAssertNotNil(try store.apiTokens(municipalityCode: code).first { $0.name == "ESDH" }?.lastUsedAt)
  }

  func testComplianceIsTheMinistrysAnswerPerMunicipalityAndRule() throws {
    let (ministry, _) = try token(role: .ministry, municipality: nil)
    let (editor, _) = try token(role: .editor, municipality: code)
    try get("/api/v1/compliance?asOf=2011-07-01", headers: bearer(editor), status: 403)
    try get("/api/v1/compliance?asOf=2011-13-01", headers: bearer(ministry), status: 400)
    let reply = try get("/api/v1/compliance?asOf=2011-07-01", headers: bearer(ministry))
    XCTAssertEqual(reply.headers["Cache-Control"], "no-store")
    let answer = try object(reply)
    XCTAssertEqual(answer["asOf"] as? String, "2011-07-01")
    let municipalities = try XCTUnwrap(answer["municipalities"] as? [[String: Any]])
    XCTAssertEqual(municipalities.count, try store.municipalities().count)
    let expected = try store.compliance(asOf: CalendarDate(year: 2011, month: 7, day: 1)!)
      .filter { $0.municipalityCode == code }
    let ours = try XCTUnwrap(municipalities.first { $0["code"] as? String == code })
    let findings = try XCTUnwrap(ours["findings"] as? [[String: Any]])
    XCTAssertEqual(findings.count, expected.count)
    XCTAssertFalse(expected.isEmpty)
    for (finding, stored) in zip(findings, expected) {
      XCTAssertEqual(finding["rule"] as? String, stored.rule.rawValue)
      XCTAssertEqual(finding["section"] as? String, stored.rule.rule.rawValue)
      let outcome: String =
        switch stored.outcome {
        case .met: "met"
        case .failed: "failed"
        case .notYetDue: "not_yet_due"
        case .notApplicable: "not_applicable"
        }
      XCTAssertEqual(finding["outcome"] as? String, outcome)
    }
  }
}
