import HTTP

extension CitizenSite {
  /// About, the accessibility statement, and the site's 404 and 500 pages.
  func registerInformationPages(on router: inout Router) {
  }
}
