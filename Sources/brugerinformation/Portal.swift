import Admin
import Citizen
import HTTP
import Store
import Web

/// The portal's routes. The citizen and admin modules; the ministry and open-data modules add theirs here as they land.
struct Portal {
  let router: Router

  init(
    store: Store, publicDirectory: String, templatesDirectory: String, benchmarkRoutes: Bool,
    https: Bool = false
  ) throws {
    let staticFiles = try StaticFiles(root: publicDirectory, urlPrefix: "/static")
    let templates = try TemplateLibrary(directory: templatesDirectory)
    var router = Router()
    router.use(SecurityHeaders().middleware)
    let citizen = try CitizenSite(store: store, templates: templates, staticFiles: staticFiles)
    citizen.register(on: &router)
    let previews = AdminSite.Previews(
      contract: { try citizen.previewContract(versionId: $0) },
      followUp: { try citizen.previewFollowUp(followUpId: $0) })
    try AdminSite(
      store: store, templates: templates, staticFiles: staticFiles, previews: previews, secureCookies: https
    ).register(on: &router)
    router.get("/healthz") { _ in
      let municipalities = try store.municipalityCount()
      var response = Response.text("ok: \(municipalities) kommuner\n")
      response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
      return response
    }
    router.get("/static/*path", staticFiles.respond(to:))
    if benchmarkRoutes {
      router.get("/_bench/plaintext") { _ in
        Response(
          headers: ["Content-Type": "text/plain; charset=utf-8"], body: .bytes(BenchmarkPage.plaintext))
      }
      router.get("/_bench/page") { _ in
        Response(headers: ["Content-Type": "text/html; charset=utf-8"], body: .bytes(BenchmarkPage.render()))
      }
    }
    self.router = router
  }
}
