import Foundation
import HTTPTestSupport

/// Follows every same-site link (`href`, `action` of GET forms left out) from the start pages as `browser`, up to
/// `limit` pages, and hands each answer to `visit`. Links leaving the site, to static files and the logout are
/// skipped; `allow` decides which paths are followed.
struct PageCrawler {
  var limit = 2_000
  var allow: (String) -> Bool = { _ in true }

  /// The answer of every page visited, by target.
  func crawl(
    from start: [String], as browser: Browser, visit: (String, TestClient.Reply) throws -> Void
  ) throws -> [String: Int] {
    var queue = start
    var seen = Set(start)
    var statuses: [String: Int] = [:]
    while !queue.isEmpty, statuses.count < limit {
      let target = queue.removeFirst()
      let reply = try browser.get(target)
      statuses[target] = reply.status
      try visit(target, reply)
      guard (reply.headers["Content-Type"] ?? "").hasPrefix("text/html") else { continue }
      for link in Self.links(in: reply.text) where !seen.contains(link) && allow(link) {
        seen.insert(link)
        queue.append(link)
      }
    }
    return statuses
  }

  /// The same-site targets of `href="…"` in `html`, unescaped, fragments removed.
  static func links(in html: String) -> [String] {
    html.matches(of: /href="([^"]*)"/).compactMap { match in
      var link = Browser.unescape(String(match.output.1))
      if let hash = link.firstIndex(of: "#") { link = String(link[..<hash]) }
      if link.hasPrefix("https://brugerinformation.example") {
        link = String(link.dropFirst("https://brugerinformation.example".count))
      }
      guard link.hasPrefix("/"), !link.hasPrefix("//"), !link.hasPrefix("/static/") else { return nil }
      return link.isEmpty ? nil : link
    }
  }
}
