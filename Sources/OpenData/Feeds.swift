import HTTP

extension OpenDataSite {
  /// CSV downloads, Atom feeds and sitemap.xml.
  func registerFeeds(on router: inout Router) {}
}
