import Domain
import Foundation
import Store
import XCTest

final class WriteAPIContractTests: WriteAPITestCase {
  func testADraftIsWrittenRecommendedAdoptedAndPublishedLateWithAuditEntries() throws {
    let (token, userId) = try token(role: .editor, municipality: code)
    let hadDraft = try store.draft(municipalityCode: code) != nil
    let put = try send(
      "PUT", "/api/v1/municipalities/\(code)/contract/draft", headers: bearer(token),
      body: contractBody(areas: ["Folkeskole", "Integrationsområdet"]), status: hadDraft ? 200 : 201)
    let draft = try XCTUnwrap(try store.draft(municipalityCode: code))
    var answer = try object(put)
    XCTAssertEqual(answer["status"] as? String, "draft")
    XCTAssertEqual(answer["version"] as? Int, draft.number)
    XCTAssertEqual(draft.areas.map(\.name), ["Folkeskole", "Integrationsområdet"])
    XCTAssertEqual(
      (answer["areas"] as? [[String: Any]])?.map { $0["name"] as? String },
      ["Folkeskole", "Integrationsområdet"])
    let goal = try XCTUnwrap((answer["areas"] as? [[String: Any]])?.first?["goals"] as? [[String: Any]]).first
    XCTAssertEqual(goal?["id"] as? Int, Int(draft.areas[0].goals[0].id))
    XCTAssertEqual((goal?["target"] as? [String: Any])?["value"] as? Int, 90)
    XCTAssertEqual(answer["problems"] as? [String], [])
    XCTAssertTrue(answer["publicationDeadline"] is NSNull)

    // PUT again: the same draft, replaced (idempotent), the goals keep their lineage.
    let second = try send(
      "PUT", "/api/v1/municipalities/\(code)/contract/draft", headers: bearer(token),
      body: contractBody(areas: ["Folkeskole", "Integrationsområdet"]))
    let again = try XCTUnwrap(try store.draft(municipalityCode: code))
    XCTAssertEqual(again.id, draft.id)
    XCTAssertEqual(again.areas.flatMap(\.goals).map(\.lineage), draft.areas.flatMap(\.goals).map(\.lineage))
    XCTAssertEqual(
      try get("/api/v1/municipalities/\(code)/contract/draft", headers: bearer(token)).text,
      second.text)

    let versions = "/api/v1/municipalities/\(code)/contract/versions/\(draft.number)"
    let adopted = day(try today(), plusMonths: -3)
    answer = try object(
      try send(
        "POST", "\(versions)/recommendation", headers: bearer(token),
        body: "{\"committee\": \"Økonomiudvalget\", \"recommendedOn\": \"\(day(adopted, plusMonths: -1))\"}",
        status: 201))
    XCTAssertEqual(
      (answer["recommendations"] as? [[String: Any]])?.last?["committee"] as? String, "Økonomiudvalget")
    XCTAssertEqual(try store.recommendations(versionId: draft.id).last?.committee, "Økonomiudvalget")

    answer = try object(
      try send(
        "POST", "\(versions)/adoption", headers: bearer(token),
        body: "{\"adoptedOn\": \"\(adopted)\", \"meetingReference\": \"Byrådet, pkt. 4\"}"))
    XCTAssertEqual(answer["status"] as? String, "adopted")
    XCTAssertEqual(answer["adoptedOn"] as? String, adopted.description)
    XCTAssertEqual(
      answer["publicationDeadline"] as? String, PublicationDeadline.after(adoption: adopted).description)
    XCTAssertTrue(answer["publishedLate"] is NSNull)

    answer = try object(
      try send(
        "POST", "\(versions)/publication", headers: bearer(token),
        body: "{\"publishedOn\": \"\(try today())\"}"))
    let stored = try XCTUnwrap(try store.version(id: draft.id))
    XCTAssertEqual(stored.publishedOn, try today())
    XCTAssertEqual(answer["publishedLate"] as? Bool, stored.publishedLate)
    XCTAssertEqual(
      answer["publishedLate"] as? Bool, true, "three months after adoption is late, and recorded")
    XCTAssertEqual(answer["status"] as? String, "published")
    try send("POST", "\(versions)/publication", headers: bearer(token), body: "{}", status: 422)

    let actions = try store.auditLog(entity: "contract_version", entityId: String(draft.id)).map(\.action)
    XCTAssertEqual(
      Array(actions.prefix(5)),
      ["version.publish", "version.adopt", "version.recommendation", "contract.import", "contract.import"])
    let entry = try XCTUnwrap(
      try store.auditLog(entity: "contract_version", entityId: String(draft.id)).first)
    XCTAssertEqual(entry.userId, userId)
    XCTAssertTrue(entry.beforeJSON?.contains("\"adopted\"") ?? false, entry.beforeJSON ?? "")
    XCTAssertTrue(entry.afterJSON?.contains("\"published\"") ?? false, entry.afterJSON ?? "")
  }

  func testStoreRulesAnswer422NamingTheRuleAndChangeNothing() throws {
    let (token, _) = try token(role: .editor, municipality: code)
    // A goal without its means is refused by the import's rules (the API stores only complete goals).
    let incomplete = try object(
      try send(
        "PUT", "/api/v1/municipalities/\(code)/contract/draft", headers: bearer(token),
        body: contractBody(areas: ["Folkeskole"], complete: false), status: 422))
    XCTAssertTrue(
      (incomplete["detail"] as? String ?? "").hasPrefix("areas[1].goals[1].means:"), "\(incomplete)")
    // A draft (made in the admin module) with an area without goals: adoption is refused by the Store (§2).
    let draftId = try store.draft(municipalityCode: code)?.id ?? store.createDraft(municipalityCode: code)
    let used = Set(try XCTUnwrap(try store.version(id: draftId)).areas.map(\.serviceAreaId))
    let area = try XCTUnwrap(try store.serviceAreas(municipalityCode: code).first { !used.contains($0.id) })
    try store.addArea(versionId: draftId, serviceAreaId: area.id)
    let draft = try XCTUnwrap(try store.draft(municipalityCode: code))
    let before = try snapshot(code)
    let reply = try send(
      "POST", "/api/v1/municipalities/\(code)/contract/versions/\(draft.number)/adoption",
      headers: bearer(token),
      body: "{\"adoptedOn\": \"\(try today())\", \"meetingReference\": \"Byrådet\"}", status: 422)
    XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json; charset=utf-8")
    let problem = try object(reply)
    XCTAssertEqual(problem["rule"] as? String, "§2")
    let expected = try store.problems(versionId: draft.id).map(\.message)
    XCTAssertFalse(expected.isEmpty)
    XCTAssertEqual(problem["detail"] as? String, expected.first)
    XCTAssertEqual(problem["problems"] as? [String], expected)
    XCTAssertEqual(try snapshot(code), before)

    // An area without goals: the import's own check, naming the place in the body's keys.
    let empty = try send(
      "PUT", "/api/v1/municipalities/\(code)/contract/draft", headers: bearer(token),
      body: "{\"areas\": [{\"name\": \"Integration\", \"goals\": []}]}", status: 422)
    let detail = try object(empty)["detail"] as? String ?? ""
    XCTAssertTrue(detail.hasPrefix("areas[1].goals:") && detail.contains("§2"), detail)
    // A body of the wrong shape is 400; a version that does not exist 404.
    try send(
      "PUT", "/api/v1/municipalities/\(code)/contract/draft", headers: bearer(token), body: "[1]", status: 400
    )
    try send(
      "PUT", "/api/v1/municipalities/\(code)/contract/draft", headers: bearer(token),
      body: "{\"areas\": [], \"color\": 1}", status: 400)
    try send(
      "POST", "/api/v1/municipalities/\(code)/contract/versions/999/adoption", headers: bearer(token),
      body: "{\"adoptedOn\": \"2011-01-01\", \"meetingReference\": \"x\"}", status: 404)
    XCTAssertEqual(try snapshot(code), before)
  }
}
