import Admin
import Domain
import Foundation
import HTTPTestSupport
import Store
import XCTest

/// One municipality's objects for the authorization matrix: one of each kind a path parameter can name, made through
/// the Store on top of the seeded data (which already has a version in force with goals).
struct MatrixObjects {
  var code: String
  /// The draft (copied from the version in force): its number, an area of it with two goals or more, and a goal of
  /// that area.
  var draftNumber: Int
  var draftArea: Int64
  var draftGoal: Int64
  /// A version adopted by the council and not yet published.
  var adoptedNumber: Int
  /// A goal of the version in force.
  var goalInForce: Int64
  /// A budget year with a follow-up not yet adopted.
  var year: Int
  /// A user of the municipality (not one of the users the matrix signs in as).
  var user: Int64
  /// An audit entry of the municipality.
  var entry: Int64

  /// The path parameters the matrix knows how to fill (admin-common.md). A route using any other name fails the
  /// test, asking for it to be added here and to `MatrixObjects.value(for:in:)`.
  static let parameterNames: Set<String> = ["code", "area", "goal", "number", "year", "user", "entry"]
  /// Parameters whose value is an id unique across municipalities (the rest are keyed per municipality).
  static let globalIdNames: Set<String> = ["area", "goal", "user", "entry"]

  /// The value of `:name` in `pattern`: the draft's goal and number under `/udkast`, else the goal in force and the
  /// adopted, unpublished version. nil for a name the matrix does not know.
  func value(for name: String, in pattern: String) -> String? {
    let draft = pattern.contains("/udkast")
    switch name {
    case "code": return code
    case "area": return String(draftArea)
    case "goal": return String(draft ? draftGoal : goalInForce)
    case "number": return String(draft ? draftNumber : adoptedNumber)
    case "year": return String(year)
    case "user": return String(user)
    case "entry": return String(entry)
    default: return nil
    }
  }

  /// Builds the objects for `code`, which must have a version in force with a goal and no draft.
  static func make(in store: Store, code: String) throws -> MatrixObjects {
    let today = try store.today()
    let inForce = try XCTUnwrap(
      try store.versionInForce(municipalityCode: code, asOf: today).flatMap { try store.version(id: $0.id) },
      "\(code) has no version in force")
    let goalInForce = try XCTUnwrap(
      inForce.areas.flatMap(\.goals).first, "\(code)'s version in force has no goal")
    let adoptedId = try store.createDraft(municipalityCode: code, changeNote: "Autorisationstest: vedtaget")
    try store.adopt(
      versionId: adoptedId, Adoption(adoptedOn: today, meetingReference: "Byrådet, autorisationstest"))
    let adopted = try XCTUnwrap(try store.version(id: adoptedId))
    let draft = try XCTUnwrap(
      try store.version(
        id: try store.createDraft(municipalityCode: code, changeNote: "Autorisationstest: udkast")))
    var area = try XCTUnwrap(draft.areas.first { !$0.goals.isEmpty }, "the draft copied no goal")
    if area.goals.count == 1 {  // two goals, so that the page has every form a goal can have (move up/down)
      var second = area.goals[0]
      second.title += " (andet mål)"
      area.goals.append(try store.addGoal(versionAreaId: area.id, second))
    }
    let taken = Set(try store.followUps(municipalityCode: code).map(\.budgetYear))
    let year = try XCTUnwrap((today.year...(today.year + 20)).first { !taken.contains($0) })
    try store.createFollowUp(municipalityCode: code, budgetYear: year)
    let user = try store.addUser(
      User(email: "maal-\(code)@example.dk", name: "Målperson", role: .editor, municipalityCode: code),
      passwordHash: "$y$ikke-en-adgangskode")
    let entry = try store.audit(
      userId: nil, action: "goal.update", entity: "goal", entityId: String(area.goals[0].id),
      municipalityCode: code, beforeJSON: "{}", afterJSON: "{}")
    return MatrixObjects(
      code: code, draftNumber: draft.number, draftArea: area.id, draftGoal: area.goals[0].id,
      adoptedNumber: adopted.number, goalInForce: goalInForce.id, year: year, user: user, entry: entry)
  }

  /// A seeded municipality other than `code` with a version in force with a goal and no draft.
  static func otherMunicipality(than code: String, in store: Store) throws -> String {
    let today = try store.today()
    for municipality in try store.municipalities() where municipality.code != code {
      guard try store.draft(municipalityCode: municipality.code) == nil,
        let version = try store.versionInForce(municipalityCode: municipality.code, asOf: today),
        try store.version(id: version.id)?.areas.contains(where: { !$0.goals.isEmpty }) == true
      else { continue }
      return municipality.code
    }
    throw StoreError.notFound("another municipality with a contract in force")
  }
}

/// Who may use which access level, written out as issue 5 states it, independently of `AdminAccess.permits`:
/// editors keep their own municipality's contract and follow-ups; municipal administrators do that and also manage
/// the municipality's users; the audit log is read by the municipality's administrators and the ministry (and the
/// system administrators, who run the portal); national pages are the ministry's and the system administrators'.
enum MatrixPolicy {
  /// A role, and whether it is granted only in its own municipality (the `:code` of the path).
  struct Grant: Hashable {
    var role: Role
    var ownMunicipalityOnly: Bool
  }

  static let table: [AdminAccess: Set<Grant>] = [
    .signedIn: [
      Grant(role: .editor, ownMunicipalityOnly: false),
      Grant(role: .municipalAdmin, ownMunicipalityOnly: false),
      Grant(role: .ministry, ownMunicipalityOnly: false), Grant(role: .sysadmin, ownMunicipalityOnly: false),
    ],
    .staff: [
      Grant(role: .editor, ownMunicipalityOnly: true),
      Grant(role: .municipalAdmin, ownMunicipalityOnly: true),
    ],
    .municipalAdmin: [Grant(role: .municipalAdmin, ownMunicipalityOnly: true)],
    .auditReader: [
      Grant(role: .municipalAdmin, ownMunicipalityOnly: true),
      Grant(role: .ministry, ownMunicipalityOnly: false),
      Grant(role: .sysadmin, ownMunicipalityOnly: false),
    ],
    .national: [
      Grant(role: .ministry, ownMunicipalityOnly: false), Grant(role: .sysadmin, ownMunicipalityOnly: false),
    ],
    // Issue 6: "ministry role only".
    .ministry: [Grant(role: .ministry, ownMunicipalityOnly: false)],
  ]

  /// Whether the table lets `user` use a route of `access` acting on municipality `code` (nil: none in the path).
  static func allows(_ access: AdminAccess, _ user: User, municipalityCode code: String?) -> Bool? {
    guard let grants = table[access] else { return nil }
    return grants.contains { grant in
      grant.role == user.role
        && (!grant.ownMunicipalityOnly || (code != nil && user.municipalityCode == code))
    }
  }
}

/// The POST forms of a page as a person's browser would send them unchanged: every named input with its value
/// (check boxes and radio buttons only when checked), each select's selected or first option, each textarea, and
/// the first named submit button, as if it was pressed. By action.
enum PageForms {
  static func posts(in html: String) -> [String: [(String, String)]] {
    var forms: [String: [(String, String)]] = [:]
    for match in matches(#"<form\b([^>]*)>(.*?)</form>"#, in: html) {
      let attributes = attributes(match[1])
      guard attributes["method"]?.lowercased() == "post", let action = attributes["action"],
        forms[action] == nil
      else { continue }
      forms[action] = fields(in: match[2])
    }
    return forms
  }

  static func fields(in form: String) -> [(String, String)] {
    var fields: [(String, String)] = []
    var pressed = false
    let controls =
      #"<(input|button)\b([^>]*)>|<select\b([^>]*)>(.*?)</select>|<textarea\b([^>]*)>(.*?)</textarea>"#
    for match in matches(controls, in: form) {
      if !match[1].isEmpty {
        let tag = attributes(match[2])
        guard let name = tag["name"] else { continue }
        let type = tag["type"]?.lowercased() ?? (match[1] == "button" ? "submit" : "text")
        switch type {
        case "submit":
          if !pressed { fields.append((name, tag["value"] ?? "")) }
          pressed = true
        case "checkbox", "radio":
          if tag["checked"] != nil { fields.append((name, tag["value"] ?? "on")) }
        case "file", "image", "reset", "button": continue
        default: fields.append((name, tag["value"] ?? ""))
        }
      } else if let name = attributes(match[3])["name"] {
        let options = matches(#"<option\b([^>]*)>"#, in: match[4]).map { attributes($0[1]) }
        let chosen = options.first { $0["selected"] != nil } ?? options.first
        fields.append((name, chosen?["value"] ?? ""))
      } else if let name = attributes(match[5])["name"] {
        fields.append((name, Browser.unescape(match[6])))
      }
    }
    return fields
  }

  /// `name="value"` and bare `name` attributes of a tag, values unescaped.
  static func attributes(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    for match in matches(#"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*"([^"]*)")?"#, in: text) {
      result[match[1].lowercased()] = Browser.unescape(match[2])
    }
    return result
  }

  /// Every match of `pattern` (across lines) with its groups; a group that did not take part is "".
  static func matches(_ pattern: String, in text: String) -> [[String]] {
    guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
      return []
    }
    let whole = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: whole).map { match in
      (0..<match.numberOfRanges).map { index in
        Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
      }
    }
  }
}
