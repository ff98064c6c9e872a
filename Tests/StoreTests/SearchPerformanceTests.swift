import Domain
import Foundation
import Store
import XCTest

/// Times `Store.search` on the seeded database and, when `SEARCH_BENCH_DB` names one (e.g. made by
/// `brugerinformation generate --municipalities 9800`), on that. The figures are printed, not asserted.
final class SearchPerformanceTests: XCTestCase {
  private let inputs = [
    "ældre", "skole", "tilfredshed", "hjemmehjælp borgere", "sagsbehandlingstid byggesager", "sk", "xyzzy",
  ]

  private func report(_ store: Store, label: String) throws {
    let asOf = try store.today()
    let clock = ContinuousClock()
    for input in inputs {
      let query = try XCTUnwrap(SearchQuery.parse(input))
      var hits = 0
      var times: [Duration] = []
      for _ in 0..<15 {
        times.append(
          try clock.measure {
            hits = try store.search(query, asOf: asOf).reduce(0) { $0 + $1.hits.count }
          })
      }
      let median = times.sorted()[times.count / 2]
      let (seconds, attoseconds) = median.components
      let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
      print(
        "search \(label) \"\(input)\": \(hits) hits (limit 200), median \(String(format: "%.2f", milliseconds)) ms"
      )
    }
  }

  func testSearchTimes() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "search-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store.open(path: folder.appendingPathComponent("seeded.sqlite").path, readers: 1)
    try Seeder.seed(store)
    try report(store, label: "98 municipalities")
    if let path = ProcessInfo.processInfo.environment["SEARCH_BENCH_DB"] {
      let generated = try Store.open(path: path, readers: 1)
      try report(generated, label: "\(try generated.municipalityCount()) municipalities")
    }
  }
}
