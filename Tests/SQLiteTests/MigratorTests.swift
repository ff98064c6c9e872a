import SQLite
import XCTest

final class MigratorTests: XCTestCase {
  private var folder: TemporaryFolder!
  private var connection: Connection!

  private let first = [
    Migration(
      version: 1, name: "municipalities", sql: "CREATE TABLE municipality (code INTEGER PRIMARY KEY)"),
    Migration(
      version: 2, name: "contracts",
      sql: """
        CREATE TABLE contract (id INTEGER PRIMARY KEY,
                               municipality INTEGER NOT NULL REFERENCES municipality(code));
        CREATE INDEX contract_municipality ON contract(municipality);
        """),
  ]

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    connection = try Connection(path: folder.path("m.sqlite"))
  }

  override func tearDown() {
    connection = nil
    folder.remove()
  }

  private func tables() throws -> [String] {
    try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map {
      try $0.get("name")
    }
  }

  func testAppliesPendingMigrationsInOrderAndSetsUserVersion() throws {
    let migrator = try Migrator(first)
    XCTAssertEqual(migrator.latestVersion, 2)
    XCTAssertEqual(try migrator.status(of: connection), SchemaStatus(current: 0, latest: 2))
    XCTAssertEqual(try migrator.migrate(connection), [1, 2])
    XCTAssertEqual(try connection.scalar("PRAGMA user_version", as: Int.self), 2)
    XCTAssertEqual(try tables(), ["contract", "municipality"])
    XCTAssertTrue(try migrator.status(of: connection).isUpToDate)
    XCTAssertEqual(try migrator.migrate(connection), [], "nothing left to apply")

    let later = try Migrator(
      first + [Migration(version: 3, name: "notes", sql: "CREATE TABLE note (text TEXT)")])
    XCTAssertEqual(try later.status(of: connection).pending, 1)
    XCTAssertEqual(try later.migrate(connection), [3])
    XCTAssertEqual(try tables(), ["contract", "municipality", "note"])
  }

  func testAFailingMigrationIsRolledBackWholeAndStopsThere() throws {
    let broken = Migration(
      version: 2, name: "broken",
      sql: "CREATE TABLE half (x INTEGER); CREATE TABLE oops (x INTEGER REFERENCES nowhere(,))")
    let migrator = try Migrator([
      first[0], broken, Migration(version: 3, name: "after", sql: "CREATE TABLE c (x)"),
    ])
    XCTAssertThrowsError(try migrator.migrate(connection)) { error in
      XCTAssertEqual((error as? SQLiteError)?.primaryCode, 1)
    }
    XCTAssertEqual(try migrator.status(of: connection).current, 1)
    XCTAssertEqual(try tables(), ["municipality"])
    XCTAssertFalse(connection.isInTransaction)
  }

  func testADatabaseNewerThanTheProgramIsRefusedUntouched() throws {
    try connection.execute("CREATE TABLE future (x); PRAGMA user_version = 7")
    let migrator = try Migrator(
      (1...5).map { Migration(version: $0, name: "m\($0)", sql: "CREATE TABLE m\($0) (x)") })
    XCTAssertTrue(try migrator.status(of: connection).isNewerThanProgram)
    XCTAssertThrowsError(try migrator.migrate(connection)) { error in
      XCTAssertEqual(error as? MigrationError, .databaseNewerThanProgram(databaseVersion: 7, latestKnown: 5))
      XCTAssertEqual(
        "\(error)",
        "the database is at schema version 7, this program knows up to 5; use a newer brugerinformation")
    }
    XCTAssertEqual(try tables(), ["future"])
    XCTAssertEqual(try connection.scalar("PRAGMA user_version", as: Int.self), 7)
  }

  func testMigrationListMustBeNumberedFromOneWithoutGaps() {
    XCTAssertThrowsError(try Migrator([first[1]]))
    XCTAssertThrowsError(try Migrator([first[0], first[0]]))
    XCTAssertThrowsError(try Migrator([first[1], first[0]]))
    XCTAssertNoThrow(try Migrator([]))
  }

  func testAMigrationLeavingForeignKeyViolationsIsRolledBack() throws {
    // Foreign keys are checked per statement, but a migration can still leave orphans, e.g. by creating a child
    // table over existing data with foreign key enforcement unable to see it; the check after each step catches it.
    try Migrator(first).migrate(connection)
    let orphaning = Migration(
      version: 3, name: "orphans",
      sql: """
        PRAGMA defer_foreign_keys = ON;
        INSERT INTO contract (id, municipality) VALUES (1, 999);
        """)
    XCTAssertThrowsError(try Migrator(first + [orphaning]).migrate(connection)) { error in
      XCTAssertEqual(error as? MigrationError, .foreignKeyViolations(version: 3, name: "orphans", count: 1))
    }
    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM contract", as: Int.self), 0)
    XCTAssertEqual(try Migrator(first).status(of: connection).current, 2)
  }

  private func rebuildMunicipality(version: Int, copying filter: String) -> Migration {
    Migration(
      version: version, name: "rebuild municipality",
      sql: """
        CREATE TABLE municipality_new (code INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
        INSERT INTO municipality_new (code) SELECT code FROM municipality WHERE \(filter);
        DROP TABLE municipality;
        ALTER TABLE municipality_new RENAME TO municipality;
        """,
      withoutForeignKeys: true)
  }

  func testATableRebuildRunsWithoutForeignKeysAndIsCheckedAfterwards() throws {
    try Migrator(first).migrate(connection)
    try connection.execute(
      "INSERT INTO municipality VALUES (101), (147); INSERT INTO contract (municipality) VALUES (101), (147)")

    let losing = try Migrator(first + [rebuildMunicipality(version: 3, copying: "code <> 147")])
    XCTAssertThrowsError(try losing.migrate(connection)) { error in
      XCTAssertEqual(
        error as? MigrationError, .foreignKeyViolations(version: 3, name: "rebuild municipality", count: 1))
    }
    XCTAssertEqual(try connection.scalar("PRAGMA foreign_keys", as: Int.self), 1, "enforcement is back on")
    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM municipality", as: Int.self), 2)

    let keeping = try Migrator(first + [rebuildMunicipality(version: 3, copying: "1")])
    XCTAssertEqual(try keeping.migrate(connection), [3])
    XCTAssertEqual(try connection.scalar("PRAGMA foreign_keys", as: Int.self), 1)
    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM contract", as: Int.self), 2, "no cascade")
    XCTAssertEqual(
      try connection.scalar("SELECT name FROM municipality WHERE code = ?", 101, as: String.self), "")
    XCTAssertThrowsError(try connection.run("INSERT INTO contract (municipality) VALUES (?)", 999))
  }

  func testTheSameRebuildWithForeignKeysOnIsRefused() throws {
    try Migrator(first).migrate(connection)
    try connection.execute(
      "INSERT INTO municipality VALUES (101); INSERT INTO contract (municipality) VALUES (101)")
    let plain = rebuildMunicipality(version: 3, copying: "1")
    let enforced = Migration(version: 3, name: plain.name, sql: plain.sql)
    XCTAssertThrowsError(try Migrator(first + [enforced]).migrate(connection)) { error in
      XCTAssertEqual((error as? SQLiteError)?.isForeignKeyViolation, true, "\(error)")
    }
    XCTAssertEqual(try Migrator(first).status(of: connection).current, 2)
  }

  func testForeignKeysOffCannotBeHonouredInsideATransaction() throws {
    try Migrator(first).migrate(connection)
    let migrator = try Migrator(first + [rebuildMunicipality(version: 3, copying: "1")])
    XCTAssertThrowsError(try connection.transaction { try migrator.migrate(connection) }) { error in
      XCTAssertTrue("\(error)".contains("outside a transaction"), "\(error)")
    }
    XCTAssertEqual(try migrator.status(of: connection).current, 2)
  }
}
