import HTTP
import Store
import Web

/// The public pages every citizen can read: the front page, each municipality's contract and follow-ups, goals,
/// history, service areas across municipalities, search, and the information pages.
public struct CitizenSite: Sendable {
  let store: Store
  let templates: TemplateLibrary
  let staticFiles: StaticFiles

  public init(store: Store, templates: TemplateLibrary, staticFiles: StaticFiles) {
    self.store = store
    self.templates = templates
    self.staticFiles = staticFiles
  }

  /// Adds the citizen routes to `router`.
  public func register(on router: inout Router) {
    registerInformationPages(on: &router)
  }
}
