import Admin
import Domain
import Foundation
import Store
import XCTest

/// One municipality's objects for the authorization matrix: one of each kind a path parameter can name, made through
/// the Store on top of the seeded data (which already has a version in force with goals).
struct MatrixObjects {
  var code: String
  /// The draft (copied from the version in force): its number, an area of it and a goal in that area.
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
    let area = try XCTUnwrap(draft.areas.first { !$0.goals.isEmpty }, "the draft copied no goal")
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
