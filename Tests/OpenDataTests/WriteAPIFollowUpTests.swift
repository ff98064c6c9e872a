import Domain
import Foundation
import Store
import XCTest

final class WriteAPIFollowUpTests: WriteAPITestCase {
  func testAFollowUpIsCreatedGivenStatusesAdoptedAndPublished() throws {
    let (token, userId) = try token(role: .editor, municipality: code)
    let today = try today()
    let inForce = try XCTUnwrap(try store.contractInForce(municipalityCode: code, asOf: today))
    let goals = inForce.version.areas.flatMap(\.goals)
    XCTAssertFalse(goals.isEmpty)
    let year = (try store.followUps(municipalityCode: code).map(\.budgetYear).max() ?? today.year) + 1
    let base = "/api/v1/municipalities/\(code)/follow-ups/\(year)"

    var answer = try object(try send("PUT", base, headers: bearer(token), body: "{}", status: 201))
    XCTAssertEqual(answer["budgetYear"] as? Int, year)
    XCTAssertEqual(answer["status"] as? String, "draft")
    let summary = try XCTUnwrap(try store.followUps(municipalityCode: code).first { $0.budgetYear == year })
    XCTAssertEqual(answer["dueOn"] as? String, summary.dueOn.description)

    // Adoption before every goal has a status: §5, nothing changes.
    let before = try snapshot(code)
    let refused = try object(
      try send(
        "POST", "\(base)/adoption", headers: bearer(token),
        body: "{\"adoptedOn\": \"\(today)\", \"meetingReference\": \"Byrådet\"}", status: 422))
    XCTAssertEqual(refused["rule"] as? String, "§5")
    XCTAssertEqual(try snapshot(code), before)

    let statuses = goals.map { goal in
      "{\"goalId\": \(goal.id), \"statusText\": \"Godt på vej\", \"measured\": {\"value\": 85, \"date\": \"\(today)\"},"
        + " \"result\": \"not_reached\", \"followUpText\": \"Vi følger op\"}"
    }
    answer = try object(
      try send(
        "PUT", base, headers: bearer(token), body: "{\"statuses\": [\(statuses.joined(separator: ","))]}"))
    XCTAssertEqual((answer["statuses"] as? [[String: Any]])?.count, goals.count)
    XCTAssertEqual(try store.followUp(id: summary.id)?.statuses.count, goals.count)

    answer = try object(
      try send(
        "POST", "\(base)/adoption", headers: bearer(token),
        body: "{\"adoptedOn\": \"\(today)\", \"meetingReference\": \"Byrådet\"}"))
    XCTAssertEqual(answer["status"] as? String, "adopted")
    XCTAssertEqual(
      answer["publicationDeadline"] as? String, PublicationDeadline.after(adoption: today).description)
    answer = try object(try send("POST", "\(base)/publication", headers: bearer(token), body: "{}"))
    XCTAssertEqual(answer["publishedOn"] as? String, today.description)
    XCTAssertEqual(answer["publishedLate"] as? Bool, false)
    let stored = try XCTUnwrap(try store.followUps(municipalityCode: code).first { $0.budgetYear == year })
    XCTAssertEqual(stored.publishedOn, today)
    XCTAssertEqual(stored.publishedLate, false)

    let log = try store.auditLog(entity: "follow_up", entityId: String(summary.id))
    XCTAssertEqual(
      log.map(\.action), ["follow_up.publish", "follow_up.adopt", "follow_up.update", "follow_up.create"])
    XCTAssertEqual(Set(log.map(\.userId)), [userId])
    try send(
      "PUT", "/api/v1/municipalities/\(code)/follow-ups/\(year + 1)/adoption", headers: bearer(token),
      body: "{}", status: 405)
    try send(
      "POST", "/api/v1/municipalities/\(code)/follow-ups/\(year + 1)/adoption", headers: bearer(token),
      body: "{\"adoptedOn\": \"\(today)\", \"meetingReference\": \"x\"}", status: 404)
  }

  func testTheBudgetAdoptionDateIsSetAndRemoved() throws {
    let (token, _) = try token(role: .editor, municipality: code)
    let target = "/api/v1/municipalities/\(code)/budget-adoptions/2030"
    let answer = try object(
      try send("PUT", target, headers: bearer(token), body: "{\"adoptedOn\": \"2029-10-08\"}"))
    XCTAssertEqual(answer["adoptedOn"] as? String, "2029-10-08")
    XCTAssertEqual(
      try store.budgetAdoptions(municipalityCode: code)[2030], CalendarDate(year: 2029, month: 10, day: 8))
    try send("PUT", target, headers: bearer(token), body: "{\"adoptedOn\": null}")
    XCTAssertNil(try store.budgetAdoptions(municipalityCode: code)[2030])
    try send("PUT", target, headers: bearer(token), body: "{\"adoptedOn\": \"8. oktober\"}", status: 400)
    let entry = try XCTUnwrap(try store.auditLog(entity: "budget_adoption").first)
    XCTAssertTrue(entry.beforeJSON?.contains("2029-10-08") ?? false)
  }
}
