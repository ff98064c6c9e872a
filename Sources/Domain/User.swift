/// Who may do what in the admin module.
public enum Role: String, Hashable, Sendable, CaseIterable {
  /// Keeps one municipality's contract and follow-ups.
  case editor
  /// An editor who also adds and deactivates the municipality's editors.
  case municipalAdmin = "municipal_admin"
  /// Checks every municipality's compliance.
  case ministry
  /// Runs the portal.
  case sysadmin

  /// Municipal staff belong to exactly one municipality; the ministry and system administrators to none.
  public var belongsToMunicipality: Bool { self == .editor || self == .municipalAdmin }

  public var danishName: String {
    switch self {
    case .editor: "kommunal redaktør"
    case .municipalAdmin: "kommunal administrator"
    case .ministry: "ministeriet"
    case .sysadmin: "systemadministrator"
    }
  }
}

/// An account of the admin module. Deactivated, never deleted.
public struct User: Hashable, Sendable {
  public var id: Int64
  public var email: String
  public var name: String
  public var role: Role
  public var municipalityCode: String?
  public var isActive: Bool
  public var mustChangePassword: Bool

  public init(
    id: Int64 = 0, email: String, name: String = "", role: Role, municipalityCode: String? = nil,
    isActive: Bool = true, mustChangePassword: Bool = false
  ) {
    self.id = id
    self.email = email
    self.name = name
    self.role = role
    self.municipalityCode = municipalityCode
    self.isActive = isActive
    self.mustChangePassword = mustChangePassword
  }
}
