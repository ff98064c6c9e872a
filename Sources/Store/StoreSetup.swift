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
    let database = try Database(path: path, readers: 0)
    let migrator = try Migrator(migrations)
    return try database.withWriter { connection in
      let applied = try migrator.migrate(connection)
      return MigrationResult(applied: applied, version: try migrator.status(of: connection).current)
    }
  }

  /// True while no municipality has been loaded: `serve` seeds such a database.
  public func isEmpty() throws -> Bool {
    try read { try $0.scalar("SELECT count(*) FROM municipality", as: Int.self) == 0 }
  }
}
