import Domain
import HTTP
import Store
import Web

extension CitizenSite {
  func registerSearch(on router: inout Router) {
    router.get("/soeg") { request in try searchPage(query: try request.queryParameters()) }
  }

  func searchPage(query: QueryParameters) throws -> Response {
    let text = query["q"] ?? ""
    return try page(
      "citizen/search", title: text.isEmpty ? "Søg" : "Søg: \(text)", nav: "search",
      crumbs: [Crumb(label: "Søg")], ["query": .string(text), "searched": false])
  }
}
