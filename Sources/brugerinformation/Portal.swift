import Admin
import Citizen
import Foundation
import HTTP
import Ministry
import OpenData
import Store
import Web

/// The portal's routes: the citizen, admin, ministry and open-data modules.
struct Portal {
  let router: Router
  /// Give it to the server (`ServerConfiguration.metrics`) so that `/metrics` shows its requests.
  let metrics = ServerMetrics()
  /// The security headers (HSTS too when served over https). Give them to the server
  /// (`ServerConfiguration.responseHeaders`): it adds them to every answer, the routes' and those it builds itself
  /// before routing (400, 408, 413, 431, 503 …), once each, unless the answer has a field of that name.
  let responseHeaders: HTTPHeaders

  init(
    store: Store, publicDirectory: String, templatesDirectory: String, benchmarkRoutes: Bool,
    https: Bool = false, publicURL: String? = nil, now: @escaping @Sendable () -> Date = Date.init
  ) throws {
    let staticFiles = try StaticFiles(root: publicDirectory, urlPrefix: "/static")
    let templates = try TemplateLibrary(directory: templatesDirectory)
    var router = Router()
    var responseHeaders = SecurityHeaders.strict
    if https {
      for field in SecurityHeaders.strictTransportSecurity {
        responseHeaders.add(name: field.name, value: field.value)
      }
    }
    self.responseHeaders = responseHeaders
    let citizen = try CitizenSite(store: store, templates: templates, staticFiles: staticFiles)
    citizen.register(on: &router)
    let previews = AdminSite.Previews(
      contract: { try citizen.previewContract(versionId: $0) },
      followUp: { try citizen.previewFollowUp(followUpId: $0) })
    let admin = try AdminSite(
      store: store, templates: templates, staticFiles: staticFiles, previews: previews, secureCookies: https,
      now: now)
    admin.register(on: &router)
    let ministry = try MinistrySite(store: store, templates: templates, staticFiles: staticFiles)
    Self.register(ministry, behind: admin, on: &router)
    OpenDataSite(store: store, publicURL: publicURL).register(on: &router)
    router.get("/healthz") { _ in
      let municipalities = try store.municipalityCount()
      var response = Response.text("ok: \(municipalities) kommuner\n")
      response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
      return response
    }
    router.get("/metrics", MetricsRoute.handler(server: metrics, store: store))
    router.get("/static/*path", staticFiles.respond(to:))
    if benchmarkRoutes {
      router.get("/_bench/plaintext") { _ in
        Response(
          headers: ["Content-Type": "text/plain; charset=utf-8"], body: .bytes(BenchmarkPage.plaintext))
      }
      // The same page rendered once: what the server costs without the rendering (Benchmarks/http.sh).
      let renderedOnce = BenchmarkPage.render()
      router.get("/_bench/static") { _ in
        Response(headers: ["Content-Type": "text/html; charset=utf-8"], body: .bytes(renderedOnce))
      }
      router.get("/_bench/page") { _ in
        Response(headers: ["Content-Type": "text/html; charset=utf-8"], body: .bytes(BenchmarkPage.render()))
      }
    }
    self.router = router
  }

  /// The ministry's pages behind the admin module's sessions, CSRF check and role check (ministry only); the two
  /// modules do not know each other.
  static func register(_ ministry: MinistrySite, behind admin: AdminSite, on router: inout Router) {
    for route in ministry.routes {
      let guardRoute = AdminRoute(method: route.method, pattern: route.pattern, access: .ministry)
      router.add(
        route.method, route.pattern,
        admin.guarded(guardRoute) { request in
          try route.handler(
            MinistryRequest(
              request: request.request, user: request.user, form: request.form,
              layout: admin.layoutFields(for: request), formTokens: { request.formTokens() },
              change: { body in
                try admin.record(request) { writer in
                  let change = try body(writer)
                  return (change.action, change.entity, change.entityId, change.before, change.after)
                }
              }))
        })
    }
  }
}
