import Domain
import Foundation
import HTTPTestSupport
import Store
import Web
import XCTest

/// The write API's tests: tokens made straight in the Store, and a snapshot of what a refused request must leave
/// alone.
class WriteAPITestCase: OpenDataTestCase {
  let code = "0169"
  let otherCode = "0101"

  /// A user of `role` (in `municipality` for staff) and a live token for them.
  func token(role: Role, municipality: String?, email: String? = nil) throws -> (token: String, userId: Int64)
  {
    let userId = try store.addUser(
      User(
        email: email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(8))@example.dk", role: role,
        municipalityCode: municipality), passwordHash: "x")
    let token = SessionToken.generate()
    _ = try store.batch { writer in
      try writer.createAPIToken(
        name: "Test", userId: userId, municipalityCode: nil, tokenDigest: SessionToken.digest(token),
        now: Date())
    }
    return (token, userId)
  }

  func bearer(_ token: String) -> [String] {
    ["Authorization: Bearer \(token)", "Content-Type: application/json"]
  }

  /// Everything a write could change, for one municipality, plus the audit log's length.
  func snapshot(_ code: String) throws -> String {
    var text = "\(try store.versionHistory(municipalityCode: code))\n"
    text += "\(String(describing: try store.draft(municipalityCode: code)))\n"
    for followUp in try store.followUps(municipalityCode: code) {
      text += "\(followUp) \(String(describing: try store.followUp(id: followUp.id)))\n"
    }
    text += "\(try store.budgetAdoptions(municipalityCode: code).sorted { $0.key < $1.key })\n"
    text += "audit \(try store.auditLog(limit: 100_000).count)\n"
    return text
  }

  func object(_ reply: TestClient.Reply) throws -> [String: Any] {
    try XCTUnwrap(try json(reply) as? [String: Any], reply.text)
  }

  /// A contract body in the public contract's shape: one goal per area, complete unless `complete` is false.
  func contractBody(areas: [String], complete: Bool = true) -> String {
    let goals = areas.map { area in
      """
      {"name": "\(area)", "goals": [{"title": "Svartid i \(area)", "theme": "Service",
        "goal": "90 % svar inden for en uge", "indicator": "Andel svar inden for en uge", "unit": "%",
        "baseline": {"value": 80, "date": "2020-01-01"}, "target": {"value": 90, "date": "2027-12-31"},
        "direction": "higher", "means": "\(complete ? "Bedre planlægning" : "")"}]}
      """
    }
    return "{\"changeNote\": \"Fra API'et\", \"areas\": [\(goals.joined(separator: ","))]}"
  }

  func today() throws -> CalendarDate { try store.today() }

  func day(_ date: CalendarDate, plusMonths months: Int) -> CalendarDate {
    let total = date.year * 12 + (date.month - 1) + months
    return CalendarDate(year: total / 12, month: total % 12 + 1, day: min(date.day, 28))!
  }
}
