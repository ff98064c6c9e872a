import Domain

/// Who may use an admin route. Routes under `/admin/kommune/:code` name the municipality they act on; municipal
/// staff may act only on their own, and the ministry and system administrators only read.
public enum AdminAccess: String, Sendable, CaseIterable {
  /// Any signed-in user: the dashboard, the password, logging out.
  case signedIn
  /// An editor or administrator of the municipality in the path.
  case staff
  /// An administrator of the municipality in the path: the municipality's users.
  case municipalAdmin
  /// The municipality's administrators, the ministry and system administrators: the municipality's audit log.
  case auditReader
  /// The ministry and system administrators: the national audit log.
  case national
  /// The ministry only: the compliance dashboard and the rule calendar (`/ministeriet`).
  case ministry

  public func permits(_ user: User, municipalityCode code: String?) -> Bool {
    let ownMunicipality = code != nil && user.municipalityCode == code
    switch self {
    case .signedIn: return true
    case .staff: return user.role.belongsToMunicipality && ownMunicipality
    case .municipalAdmin: return user.role == .municipalAdmin && ownMunicipality
    case .auditReader:
      return (user.role == .municipalAdmin && ownMunicipality) || user.role == .ministry
        || user.role == .sysadmin
    case .national: return user.role == .ministry || user.role == .sysadmin
    case .ministry: return user.role == .ministry
    }
  }
}
