/// One step of the schema: `sql` (one or more statements) brings the database from `version - 1` to `version`.
public struct Migration: Sendable, Equatable {
  public let version: Int
  public let name: String
  public let sql: String
  /// Runs the step with foreign key enforcement off, as SQLite requires for rebuilding a table that others
  /// reference (create new, copy, drop old, rename). The foreign keys are still checked before the step commits.
  public let withoutForeignKeys: Bool

  public init(version: Int, name: String, sql: String, withoutForeignKeys: Bool = false) {
    self.version = version
    self.name = name
    self.sql = sql
    self.withoutForeignKeys = withoutForeignKeys
  }
}

/// Where a database stands relative to the migrations this program knows.
public struct SchemaStatus: Sendable, Equatable {
  /// The database's `PRAGMA user_version`: the last migration applied (0 for a new database).
  public let current: Int
  /// The highest migration version this program knows.
  public let latest: Int

  public init(current: Int, latest: Int) {
    self.current = current
    self.latest = latest
  }

  public var pending: Int { max(0, latest - current) }
  public var isUpToDate: Bool { current == latest }
  public var isNewerThanProgram: Bool { current > latest }
}

public enum MigrationError: Error, Equatable, CustomStringConvertible {
  /// The database was migrated by a newer program; this one must not touch it.
  case databaseNewerThanProgram(databaseVersion: Int, latestKnown: Int)
  /// The migration list itself is wrong (versions not 1, 2, 3, … in order).
  case invalidMigrations(String)
  /// A migration left rows that break a foreign key.
  case foreignKeyViolations(version: Int, name: String, count: Int)

  public var description: String {
    switch self {
    case .databaseNewerThanProgram(let databaseVersion, let latestKnown):
      return "the database is at schema version \(databaseVersion), this program knows up to \(latestKnown); "
        + "use a newer brugerinformation"
    case .invalidMigrations(let reason):
      return "invalid migrations: \(reason)"
    case .foreignKeyViolations(let version, let name, let count):
      return "migration \(version) (\(name)) left \(count) foreign key violation(s)"
    }
  }
}

/// Applies migrations in order, each in its own transaction together with the new `PRAGMA user_version`.
public struct Migrator: Sendable {
  public let migrations: [Migration]

  /// Versions must be exactly 1, 2, 3, … in order.
  public init(_ migrations: [Migration]) throws {
    for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
      throw MigrationError.invalidMigrations(
        "expected version \(offset + 1) at position \(offset + 1), found \(migration.version) (\(migration.name))"
      )
    }
    self.migrations = migrations
  }

  public var latestVersion: Int { migrations.last?.version ?? 0 }

  public func status(of connection: Connection) throws -> SchemaStatus {
    SchemaStatus(
      current: try connection.scalar("PRAGMA user_version", as: Int.self) ?? 0, latest: latestVersion)
  }

  /// Applies the pending migrations and returns their versions (empty when up to date). Throws
  /// `MigrationError.databaseNewerThanProgram` without changing anything when the database is ahead. A failing
  /// migration is rolled back entirely, leaving the database at the previous version, and its error is rethrown.
  /// Call it outside a transaction (e.g. in `Database.withWriter`).
  @discardableResult
  public func migrate(_ connection: Connection) throws -> [Int] {
    let status = try status(of: connection)
    guard !status.isNewerThanProgram else {
      throw MigrationError.databaseNewerThanProgram(
        databaseVersion: status.current, latestKnown: status.latest)
    }
    var applied: [Int] = []
    for migration in migrations where migration.version > status.current {
      if migration.withoutForeignKeys {
        // Only takes effect outside a transaction; verified, since a silent no-op would let the rebuild cascade.
        try connection.execute("PRAGMA foreign_keys = OFF")
        guard try connection.scalar("PRAGMA foreign_keys", as: Int.self) == 0 else {
          throw MigrationError.invalidMigrations(
            "migration \(migration.version) needs foreign keys off; run migrate outside a transaction")
        }
      }
      defer {
        if migration.withoutForeignKeys { try? connection.execute("PRAGMA foreign_keys = ON") }
      }
      try connection.transaction(.immediate) {
        // Re-read inside the write lock: another process may have migrated meanwhile.
        let current = try connection.scalar("PRAGMA user_version", as: Int.self) ?? 0
        guard current < migration.version else { return }
        try connection.execute(migration.sql)
        let violations = try connection.query("PRAGMA foreign_key_check").count
        guard violations == 0 else {
          throw MigrationError.foreignKeyViolations(
            version: migration.version, name: migration.name, count: violations)
        }
        try connection.execute("PRAGMA user_version = \(migration.version)")
        applied.append(migration.version)
      }
    }
    return applied
  }
}
