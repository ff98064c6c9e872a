import Foundation

/// The write API's request bodies with a hostile string in every free-text field, built with `JSONSerialization`
/// so that every payload (control characters included) is sent as a proper JSON string.
enum APIPayloads {
  /// The free-text fields these bodies fill; every string field of the OpenAPI document's request schemas must be
  /// one of them (`OpenAPITextFields`).
  static let textFields: Set<String> = [
    "changeNote", "name", "title", "theme", "goal", "indicator", "unit", "means", "committee", "note",
    "meetingReference", "statusText", "followUpText",
  ]

  static func json(_ object: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }

  /// A title-sized version of `payload` (at most 200 characters, markup kept).
  static func title(_ payload: String) -> String { String(payload.prefix(190)) }

  /// A draft in `area` with one goal per payload, every text field of the goal holding it.
  /// With `refused`, every title is too long for the rules (422).
  static func contract(area: String, changeNote: String, refused: Bool = false) throws -> String {
    let goals = HostileInput.all.enumerated().map { index, payload -> [String: Any] in
      [
        "title": refused ? payload + HostileInput.long : title(payload) + " \(index)", "theme": payload,
        "goal": payload, "indicator": payload,
        "unit": title(payload), "baseline": ["value": 80, "date": "2020-01-01"],
        "target": ["value": 90, "date": "2030-12-31"], "direction": "higher", "means": payload,
      ]
    }
    return try json(["changeNote": changeNote, "areas": [["name": area, "goals": goals]]])
  }

  static func recommendation(committee: String, note: String, on date: String) throws -> String {
    try json(["committee": committee, "recommendedOn": date, "note": note])
  }

  static func adoption(reference: String, on date: String) throws -> String {
    try json(["adoptedOn": date, "meetingReference": reference])
  }

  /// Statuses for `goalIds`, the payloads taking turns in the status and follow-up texts.
  static func statuses(goalIds: [Int64], on date: String) throws -> String {
    let statuses = goalIds.enumerated().map { index, id -> [String: Any] in
      let payload = HostileInput.all[index % HostileInput.all.count]
      return [
        "goalId": id, "statusText": payload, "measured": ["value": 85, "date": date], "result": "partly",
        "followUpText": payload,
      ]
    }
    return try json(["statuses": statuses])
  }
}
