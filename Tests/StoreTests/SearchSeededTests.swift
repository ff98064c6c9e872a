import Domain
import Foundation
import SQLite
import Store
import XCTest

/// Search on the seeded database (98 municipalities with example histories), checked against the Store's other
/// reads: the contract in force, goal histories and follow-ups.
final class SearchSeededTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "search-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  private func path(_ name: String) -> String { folder.appendingPathComponent("\(name).sqlite").path }

  private func seededStore(_ name: String = "seeded") throws -> Store {
    let store = try Store.open(path: path(name), readers: 1)
    try Seeder.seed(store)
    return store
  }

  private func query(_ input: String) throws -> SearchQuery { try XCTUnwrap(SearchQuery.parse(input)) }

  private func count(_ store: Store, _ sql: String) throws -> Int {
    try store.database.withWriter { try $0.scalar(sql, as: Int.self) } ?? -1
  }

  private struct Found: Hashable {
    var municipality: String
    var kind: SearchHit.Kind
    var goalId: Int64
    var followUpId: Int64?
  }

  /// What the search should find, worked out from the Store's other public reads.
  private func expected(_ store: Store, terms: [String], asOf: CalendarDate) throws -> [Found] {
    var found: [Found] = []
    for municipality in try store.municipalities() {
      guard let inForce = try store.contractInForce(municipalityCode: municipality.code, asOf: asOf) else {
        continue
      }
      let published = Set(
        try store.followUps(municipalityCode: municipality.code).filter { summary in
          summary.publishedOn.map { $0 <= asOf } ?? false
        }.map(\.id))
      for goal in inForce.version.areas.flatMap(\.goals) {
        if [goal.title, goal.theme, goal.goalText, goal.means].contains(where: {
          SearchHighlight.containsMatch(in: $0, terms: terms)
        }) {
          found.append(Found(municipality: municipality.code, kind: .goal, goalId: goal.id))
        }
        for entry in try store.goalHistory(lineage: goal.lineage) {
          for status in entry.statuses where published.contains(status.followUpId) {
            if [status.status.statusText, status.status.followUpText].contains(where: {
              SearchHighlight.containsMatch(in: $0, terms: terms)
            }) {
              found.append(
                Found(
                  municipality: municipality.code, kind: .status, goalId: goal.id,
                  followUpId: status.followUpId))
            }
          }
        }
      }
    }
    return found
  }

  func testFindsExactlyWhatIsPublicOnTheDate() throws {
    let store = try seededStore()
    var total = 0
    for asOf in [CalendarDate("2010-08-01")!, CalendarDate("2011-12-31")!, try store.today()] {
      for input in ["ældre", "aeldre", "skole", "tilfredshed", "hjemmehjælp", "sagsbehandlingstid"] {
        let query = try query(input)
        let groups = try store.search(query, asOf: asOf, limit: 1000)
        let hits = groups.flatMap { group in
          group.hits.map {
            Found(
              municipality: group.municipalityCode, kind: $0.kind, goalId: $0.goalId,
              followUpId: $0.followUpId)
          }
        }
        XCTAssertLessThan(hits.count, 1000, "the limit did not cut the answer")
        XCTAssertEqual(
          hits.sorted { "\($0)" < "\($1)" },
          try expected(store, terms: query.terms, asOf: asOf).sorted { "\($0)" < "\($1)" },
          "\(input) on \(asOf)")
        XCTAssertEqual(Set(groups.map(\.municipalityCode)).count, groups.count, "one group per municipality")
        let best = groups.compactMap { $0.hits.map(\.score).min() }
        XCTAssertEqual(best, best.sorted(), "the group with the best hit first")
        total += hits.count
      }
    }
    XCTAssertGreaterThan(total, 100, "the example data has words to find")
  }

  func testRemovingTheExamplesEmptiesTheIndex() throws {
    let store = try seededStore()
    let today = try store.today()
    XCTAssertFalse(try store.search(query("ældre"), asOf: today).isEmpty)
    XCTAssertGreaterThan(try count(store, "SELECT count(*) FROM search_text"), 500)
    try store.removeExamples()
    XCTAssertEqual(try store.search(query("ældre"), asOf: today), [])
    XCTAssertEqual(try count(store, "SELECT count(*) FROM search_text"), 0)
    XCTAssertEqual(
      try count(store, "SELECT count(*) FROM goal") + count(store, "SELECT count(*) FROM goal_status"), 0)
  }

  func testMigrationFillsTheIndexOfAnExistingDatabase() throws {
    do {
      let database = try Database(path: path("old"), readers: 1)
      XCTAssertEqual(try database.migrate(Migrator(Array(Store.migrations.prefix(3)))), [1, 2, 3])
      try Seeder.seed(Store(database: database))
      XCTAssertEqual(
        try database.withWriter {
          try $0.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'search_text'", as: Int.self)
        }, 0)
    }
    XCTAssertEqual(try Store.migrate(path: path("old")).applied.first, 4)
    let migrated = try Store.open(path: path("old"), readers: 1)
    let fresh = try seededStore("fresh")
    let rows = "SELECT (SELECT count(*) FROM goal) + (SELECT count(*) FROM goal_status)"
    XCTAssertEqual(try count(migrated, "SELECT count(*) FROM search_text"), try count(migrated, rows))
    XCTAssertEqual(
      try count(migrated, "SELECT count(*) FROM search_text"),
      try count(fresh, "SELECT count(*) FROM search_text"))
    let today = try fresh.today()
    for input in ["ældre", "skole borgere", "tilfredshed", "hoeje"] {
      let filled = try migrated.search(query(input), asOf: today)
      XCTAssertEqual(filled, try fresh.search(query(input), asOf: today), input)
    }
    XCTAssertFalse(try migrated.search(query("ældre"), asOf: today).isEmpty)

    // The triggers work on the migrated database too.
    let code = try XCTUnwrap(
      migrated.municipalities().map(\.code).first {
        try migrated.draft(municipalityCode: $0) == nil
          && migrated.contractInForce(municipalityCode: $0, asOf: today) != nil
      })
    let draft = try migrated.createDraft(municipalityCode: code)
    let area = try XCTUnwrap(migrated.version(id: draft)?.areas.first)
    var goal = try XCTUnwrap(area.goals.first)
    goal.title = "Kvalitetsløft i migreret database"
    try migrated.updateGoal(id: goal.id, goal)
    XCTAssertEqual(
      try migrated.database.withWriter {
        try $0.scalar(
          "SELECT count(*) FROM search_text WHERE search_text MATCH ?", "\"migreret\"*", as: Int.self)
      }, 1)
  }
}
