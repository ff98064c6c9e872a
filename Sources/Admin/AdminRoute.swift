import HTTP

/// An admin route as registered: the authorization matrix tests try every one as every kind of user.
public struct AdminRoute: Sendable, Hashable {
  public var method: HTTPMethod
  public var pattern: String
  public var access: AdminAccess

  public init(method: HTTPMethod, pattern: String, access: AdminAccess) {
    self.method = method
    self.pattern = pattern
    self.access = access
  }
}

public typealias AdminHandler = @Sendable (AdminRequest) throws -> Response

/// Collects admin routes, each wrapped by `AdminSite.guarded` (session, password change, access, CSRF), and keeps
/// the list of them.
struct AdminRoutes {
  let site: AdminSite
  private(set) var routes: [(AdminRoute, AdminHandler)] = []

  init(site: AdminSite) { self.site = site }

  mutating func get(_ pattern: String, _ access: AdminAccess, _ handler: @escaping AdminHandler) {
    routes.append((AdminRoute(method: .get, pattern: pattern, access: access), handler))
  }

  mutating func post(_ pattern: String, _ access: AdminAccess, _ handler: @escaping AdminHandler) {
    routes.append((AdminRoute(method: .post, pattern: pattern, access: access), handler))
  }
}
