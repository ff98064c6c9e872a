import Domain
import HTTP
import Store
import Web

/// The public pages every citizen can read: the front page, each municipality's contract and follow-ups, goals,
/// history, service areas across municipalities, search, and the information pages.
public struct CitizenSite: Sendable {
  let store: Store
  let templates: TemplateLibrary
  let stylesheet: String
  let icon: String

  /// The page templates the site renders; checked at start-up.
  static let pageNames = [
    "citizen/front", "citizen/municipality", "citizen/goal", "citizen/history", "citizen/version",
    "citizen/compare", "citizen/follow-up", "citizen/areas", "citizen/area", "citizen/search",
    "citizen/about",
    "citizen/accessibility", "citizen/error",
  ]

  public init(store: Store, templates: TemplateLibrary, staticFiles: StaticFiles) throws {
    try templates.require(Self.pageNames)
    self.store = store
    self.templates = templates
    stylesheet = staticFiles.url(for: "css/site.css")
    icon = staticFiles.url(for: "favicon.svg")
  }

  /// Adds the citizen routes to `router`, and the site's 404 and 500 pages around every route.
  public func register(on router: inout Router) {
    router.use(errorPages)
    router.get("/", cached { _ in try frontPage() })
    registerMunicipalityPages(on: &router)
    registerAreaPages(on: &router)
    registerSearch(on: &router)
    registerInformationPages(on: &router)
  }

  /// One link in the breadcrumb trail; the current page has no `href`.
  struct Crumb {
    var label: String
    var href: String?
  }

  /// Renders `name` in the base layout with the site's shared fields added to `fields`.
  func page(
    _ name: String, title: String, example: Bool = false, nav: String? = nil, crumbs: [Crumb] = [],
    status: HTTPStatus = .ok, _ fields: TemplateObject = [:]
  ) throws -> Response {
    var context = fields
    context["title"] = .string(title)
    context["example"] = .bool(example)
    context["site"] = ["stylesheet": .string(stylesheet), "icon": .string(icon)]
    if let nav { context["nav"] = .object([nav: true]) }
    if !crumbs.isEmpty {
      context["breadcrumbs"] = .array(
        ([Crumb(label: "Forside", href: "/")] + crumbs).map {
          ["label": .string($0.label), "href": $0.href.map(TemplateValue.string) ?? .null]
        })
    }
    return try templates.response(name, .object(context), status: status)
  }

  /// Danish today: what is in force, published and due is decided as of this date.
  func today() throws -> CalendarDate {
    try store.today()
  }
}
