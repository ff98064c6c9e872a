import SQLite

extension Store {
  public struct MigrationResult: Sendable {
    /// The versions applied now, in order (empty when the schema was up to date).
    public var applied: [Int]
    /// The schema version afterwards.
    public var version: Int
  }

  /// Creates the database when missing and applies the pending migrations (`brugerinformation migrate`).
  public static func migrate(path: String) throws -> MigrationResult {
    let migrator = try Migrator(migrations)
    let database = try Database(path: path, readers: 0)
    do {
      // Migrating either brings the schema to the latest version or throws.
      let applied = try database.migrate(migrator)
      return MigrationResult(applied: applied, version: migrator.latestVersion)
    } catch let error as SQLiteError {
      throw mapped(error)
    }
  }

  public func municipalityCount() throws -> Int {
    try read { try $0.scalar("SELECT count(*) FROM municipality", as: Int.self) ?? 0 }
  }

  /// True while no municipality has been loaded: `serve` seeds such a database.
  public func isEmpty() throws -> Bool {
    try municipalityCount() == 0
  }
}
