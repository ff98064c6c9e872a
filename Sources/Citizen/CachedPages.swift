import HTTP
import Store
import Web

extension CitizenSite {
  /// `handler` answered from a page cache of its own while the site revision stays the same (see `PageCache`):
  /// validators on every page, 304s for revalidation, a new render after anything is published. Each wrapped route
  /// has its own cache, so one route's pages never push out another's.
  func cached(
    query: PageCache.QueryPolicy = .uncached,
    cache: PageCache = PageCache(maximumEntries: 1_024, maximumBytes: 16 << 20),
    _ handler: @escaping RouteHandler
  ) -> RouteHandler {
    let store = self.store
    return { request in
      let site = try store.recentSiteRevision()
      return try cache.respond(
        to: request, revision: site.revision, lastModified: site.lastModified, query: query
      ) { try handler(request) }
    }
  }
}
