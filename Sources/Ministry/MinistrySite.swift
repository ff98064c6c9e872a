import Domain
import Foundation
import HTTP
import Store
import Web

/// The ministry's compliance dashboard under `/ministeriet`: the national table as of any date, each municipality's
/// violations, deadlines across the country, compliance month by month, the CSV export and the rule calendar. It
/// reads the Store's compliance answer and never computes the rules a second time.
public struct MinistrySite: Sendable {
  let store: Store
  let templates: TemplateLibrary
  let stylesheet: String
  let icon: String

  /// A ministry route: its handler runs only for a signed-in ministry user (see `MinistryRequest`).
  public struct Route: Sendable {
    public var method: HTTPMethod
    public var pattern: String
    public var handler: @Sendable (MinistryRequest) throws -> Response
  }

  public init(store: Store, templates: TemplateLibrary, staticFiles: StaticFiles) throws {
    try templates.require(
      ["ministry/error"] + Self.tablePageNames + Self.municipalityPageNames + Self.trendPageNames
        + Self.calendarPageNames)
    self.store = store
    self.templates = templates
    self.stylesheet = staticFiles.url(for: "css/site.css")
    self.icon = staticFiles.url(for: "favicon.svg")
  }

  /// Every ministry route; each part adds its own in its own file.
  public var routes: [Route] {
    var routes: [Route] = []
    addTableRoutes(to: &routes)
    addMunicipalityRoutes(to: &routes)
    addTrendRoutes(to: &routes)
    addCalendarRoutes(to: &routes)
    return routes.map { route in
      Route(method: route.method, pattern: route.pattern) { request in
        do {
          return try route.handler(request)
        } catch let error as MinistryError {
          return try errorPage(error, for: request)
        }
      }
    }
  }

  /// Renders `Templates/ministry/NAME.html` (layout `admin`) with the signed-in user's layout fields.
  func page(
    _ name: String, title: String, for request: MinistryRequest, status: HTTPStatus = .ok,
    _ fields: TemplateObject = [:]
  ) throws -> Response {
    var context = request.layout
    for (key, value) in zip(fields.keys, fields.values) { context[key] = value }
    context["title"] = .string(title)
    context["site"] = ["stylesheet": .string(stylesheet), "icon": .string(icon)]
    var response = try templates.response(name, .object(context), status: status)
    response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
    return response
  }

  func errorPage(_ error: MinistryError, for request: MinistryRequest) throws -> Response {
    try page(
      "ministry/error", title: "Siden kan ikke vises", for: request, status: error.status,
      ["heading": "Siden kan ikke vises", "message": .string(error.message)])
  }

  /// The "as of" date from the query (`dato=YYYY-MM-DD` or typed the Danish way), Danish today by default; 400 with
  /// a message for a date that does not exist.
  func asOfDate(_ request: MinistryRequest) throws -> CalendarDate {
    guard let text = try request.request.queryParameters()["dato"], !text.isEmpty else {
      return try store.today()
    }
    guard let date = CalendarDate(typed: text) else {
      throw MinistryError(.badRequest, "«\(text)» er ikke en dato. Skriv den som åååå-mm-dd, fx 2010-07-01.")
    }
    return date
  }
}
