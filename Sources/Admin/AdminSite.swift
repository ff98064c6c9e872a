import Domain
import Foundation
import HTTP
import Store
import Web

/// The municipal admin module under `/admin`: login, sessions, the contract and follow-up editors, import, users and
/// the audit log. Every route but the login form needs a session; each declares who may use it (`AdminAccess`).
public struct AdminSite: Sendable {
  let store: Store
  let templates: TemplateLibrary
  let stylesheet: String
  let icon: String
  /// When the portal is served over https: the session cookie is then `Secure` (and `__Host-` prefixed).
  let secureCookies: Bool
  /// The clock sessions, throttling and deadlines are measured with; tests move it.
  let now: @Sendable () -> Date
  /// Draws a draft or an unpublished follow-up exactly as citizens will see it (the citizen module's pages).
  let previews: Previews

  /// The citizen module's renderers, handed in by the executable (the admin module does not import the citizen one).
  public struct Previews: Sendable {
    /// The municipality page of a contract version (draft or adopted), marked as a preview.
    public var contract: @Sendable (_ versionId: Int64) throws -> Response
    /// The follow-up page of a follow-up statement (adopted or not), marked as a preview.
    public var followUp: @Sendable (_ followUpId: Int64) throws -> Response

    public init(
      contract: @escaping @Sendable (Int64) throws -> Response,
      followUp: @escaping @Sendable (Int64) throws -> Response
    ) {
      self.contract = contract
      self.followUp = followUp
    }

    /// No previews (tests of other parts): 404.
    public static let none = Previews(
      contract: { _ in throw AdminError(.notFound, "Forhåndsvisning er ikke mulig her.") },
      followUp: { _ in throw AdminError(.notFound, "Forhåndsvisning er ikke mulig her.") })
  }

  static let pageNames = [
    "admin/login", "admin/password", "admin/dashboard", "admin/error", "admin/national",
  ]

  public init(
    store: Store, templates: TemplateLibrary, staticFiles: StaticFiles, previews: Previews = .none,
    secureCookies: Bool = false, now: @escaping @Sendable () -> Date = Date.init
  ) throws {
    try templates.require(
      Self.pageNames + Self.draftPageNames + Self.decisionPageNames + Self.followUpPageNames
        + Self.importPageNames + Self.userPageNames + Self.auditPageNames + Self.tokenPageNames)
    self.store = store
    self.templates = templates
    self.stylesheet = staticFiles.url(for: "css/site.css")
    self.icon = staticFiles.url(for: "favicon.svg")
    self.secureCookies = secureCookies
    self.now = now
    self.previews = previews
  }

  /// Every admin route, in the order registered, with who may use it.
  public var routes: [AdminRoute] { routeTable().routes.map(\.0) }

  /// Adds the admin routes to `router`.
  public func register(on router: inout Router) {
    registerLogin(on: &router)
    for (route, handler) in routeTable().routes {
      router.add(route.method, route.pattern, guarded(route, handler))
    }
  }

  /// The routes behind a session. Each part of the module adds its own in its own file.
  func routeTable() -> AdminRoutes {
    var routes = AdminRoutes(site: self)
    registerAccountRoutes(on: &routes)
    registerDashboard(on: &routes)
    registerDraftRoutes(on: &routes)
    registerDecisionRoutes(on: &routes)
    registerFollowUpRoutes(on: &routes)
    registerImportRoutes(on: &routes)
    registerUserRoutes(on: &routes)
    registerTokenRoutes(on: &routes)
    registerAuditRoutes(on: &routes)
    return routes
  }

  /// Renders `name` in the admin layout, with the user, the navigation and the logout form's tokens.
  func page(
    _ name: String, title: String, for request: AdminRequest?, status: HTTPStatus = .ok,
    _ fields: TemplateObject = [:]
  ) throws -> Response {
    var context = fields
    context["title"] = .string(title)
    if let request { addLayoutFields(for: request, to: &context) }
    context["site"] = ["stylesheet": .string(stylesheet), "icon": .string(icon)]
    var response = try templates.response(name, .object(context), status: status)
    response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
    return response
  }

  /// The signed-in user and the logout form's tokens, as the admin layout shows them.
  func addLayoutFields(for request: AdminRequest, to context: inout TemplateObject) {
    let user = request.user
    var userFields: TemplateObject = [
      "email": .string(user.email), "name": .string(user.name.isEmpty ? user.email : user.name),
      "role": .string(user.role.danishName),
    ]
    if let code = user.municipalityCode {
      userFields["municipality"] = .string((try? store.municipality(code: code))?.name ?? code)
      userFields["code"] = .string(code)
      userFields["admin"] = .bool(user.role == .municipalAdmin)
    }
    userFields["national"] = .bool(!user.role.belongsToMunicipality)
    userFields["ministry"] = .bool(user.role == .ministry)
    context["user"] = .object(userFields)
    context["logout"] = request.formTokens()
  }

  /// 303 See Other to `location` (after every successful POST, so reloading the page does not send it again).
  static func redirect(_ location: String) -> Response {
    var response = Response(status: .seeOther)
    response.headers.replaceOrAdd(name: "Location", value: location)
    response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
    return response
  }

  func errorPage(_ error: AdminError, for request: AdminRequest?) throws -> Response {
    let heading =
      switch error.status.code {
      case 403: "Ingen adgang"
      case 404: "Siden findes ikke"
      case 503: "Ændringen kunne ikke gemmes"
      case 500...: "Der skete en fejl"
      default: "Forespørgslen kunne ikke behandles"
      }
    // A 503's message is the Store's own text for a person (disk full, read-only); other 5xx reveal nothing.
    let shown = error.status.code < 500 || error.status.code == 503
    return try page(
      "admin/error", title: heading, for: request, status: error.status,
      ["heading": .string(heading), "message": .string(shown ? error.message : "")])
  }

  /// Danish today, from the database.
  func today() throws -> CalendarDate { try store.today() }
}
