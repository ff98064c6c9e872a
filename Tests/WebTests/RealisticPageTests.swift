import Foundation
import XCTest

@testable import Web

/// The citizen portal's front page as it will look: 98 municipalities grouped by the 5 regions, in a layout
/// with a shared navigation partial.
final class RealisticPageTests: XCTestCase {
  private let files = [
    "layouts/base.html": """
    <!DOCTYPE html>
    <html lang="da">
    <head>
    <meta charset="utf-8">
    <title>{{ title }} – Brugerinformation</title>
    </head>
    <body>
    {{> navigation }}
    <main>
    {{ @content }}</main>
    </body>
    </html>

    """,
    "partials/navigation.html": """
    <nav aria-label="Hovedmenu"><a href="/">Forside</a></nav>

    """,
    "partials/municipality.html": """
        <li><a href="/kommuner/{{ slug }}">{{ name }}</a>{{# unless published }} <em>(ingen kontrakt)</em>{{/ unless }}</li>

    """,
    "index.html": """
    {{! layout: base }}
    <h1>{{ title }}</h1>
    {{# each regions }}
    <section id="region-{{ @number }}">
      <h2>{{ name }} ({{ count }} kommuner)</h2>
      <ul>
      {{# each municipalities }}
    {{> municipality }}
      {{/ each }}
      </ul>
    </section>
    {{/ each }}

    """,
  ]

  private func context() -> (TemplateValue, [(region: String, names: [String])]) {
    let regions = [
      "Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland",
      "Region Nordjylland",
    ]
    let sizes = [29, 17, 22, 19, 11]
    var grouped: [(region: String, names: [String])] = []
    var number = 0
    for (region, size) in zip(regions, sizes) {
      let names = (0..<size).map { _ -> String in
        number += 1
        return number == 1 ? "Høje-Taastrup" : number == 2 ? "Ærø & Læsø <test>" : "Kommune \(number)"
      }
      grouped.append((region, names))
    }
    let value: TemplateValue = [
      "title": "Kvalitetskontrakter",
      "regions": .array(
        grouped.map { group in
          [
            "name": .string(group.region), "count": .int(group.names.count),
            "municipalities": .array(
              group.names.enumerated().map { index, name in
                ["name": .string(name), "slug": .string("k\(index)"), "published": .bool(index % 3 != 0)]
              }),
          ]
        }),
    ]
    return (value, grouped)
  }

  func testRendersNinetyEightMunicipalitiesInFiveRegions() throws {
    let (value, grouped) = context()
    XCTAssertEqual(grouped.reduce(0) { $0 + $1.names.count }, 98)
    let library = try TemplateFolder.library(files)
    let html = String(decoding: try library.render("index", value), as: UTF8.self)

    XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"da\">\n"))
    XCTAssertTrue(html.contains("<title>Kvalitetskontrakter – Brugerinformation</title>"))
    XCTAssertEqual(html.components(separatedBy: "<li><a href=").count - 1, 98)
    XCTAssertEqual(html.components(separatedBy: "<section id=\"region-").count - 1, 5)
    for (index, group) in grouped.enumerated() {
      XCTAssertTrue(
        html.contains(
          "<section id=\"region-\(index + 1)\">\n  <h2>\(group.region) (\(group.names.count) kommuner)</h2>"))
    }
    XCTAssertTrue(
      html.contains("    <li><a href=\"/kommuner/k0\">Høje-Taastrup</a> <em>(ingen kontrakt)</em></li>\n"))
    XCTAssertTrue(html.contains(">Ærø &amp; Læsø &lt;test&gt;</a></li>\n"))
    XCTAssertFalse(html.contains("<test>"))
    XCTAssertFalse(html.contains("{{"), "no tag survives")
    XCTAssertFalse(html.contains("\n\n"), "standalone tag lines leave no blank lines")
    XCTAssertTrue(html.hasSuffix("</ul>\n</section>\n</main>\n</body>\n</html>\n"))
  }

  /// Renders are deterministic and independent: the same bytes every time, from many threads at once. Prints
  /// the cost (not asserted) so the figure can be quoted.
  func testRendersAreIdenticalFromManyThreadsAndPrintTheirCost() throws {
    let (value, _) = context()
    let library = try TemplateFolder.library(files)
    let first = try library.render("index", value)
    let rounds = 400
    let differing = Locked(0)
    let start = ContinuousClock.now
    DispatchQueue.concurrentPerform(iterations: rounds) { _ in
      if (try? library.render("index", value)) != first { differing.add() }
    }
    let elapsed = ContinuousClock.now - start
    XCTAssertEqual(differing.value, 0)
    print("98-municipality page: \(first.count) bytes, \(elapsed / rounds) a render (debug build)")
  }
}

/// A counter threads can bump: `@unchecked Sendable` is sound because every access holds the lock.
private final class Locked: @unchecked Sendable {
  private let lock = NSLock()
  private var count: Int

  init(_ count: Int) { self.count = count }

  func add() { lock.withLock { count += 1 } }

  var value: Int { lock.withLock { count } }
}
