import Domain
import SQLite
import Synchronization

/// The portal's data: the SQLite database with the rules in it, read and written through Domain values.
///
/// Every write is one `BEGIN IMMEDIATE` transaction; reads use the read-only connections.
public final class Store: Sendable {
  public let database: Database
  let revisionMemo = Mutex<RevisionMemo?>(nil)

  /// Wraps an open database whose schema is already migrated.
  public init(database: Database) {
    self.database = database
  }

  /// Opens (creating when missing) the database at `path` and applies pending migrations. A full disk or a
  /// read-only file where a migration must write throws `WriteUnavailable`.
  public static func open(path: String, readers: Int = 2) throws -> Store {
    let database = try Database(path: path, readers: readers)
    do {
      try database.migrate(Migrator(migrations))
    } catch let error as SQLiteError {
      throw mapped(error)
    }
    return Store(database: database)
  }

  /// Runs `body` as one write transaction, turning rule violations raised by the database into `RuleViolation`
  /// and a full disk, a read-only file or an I/O error into `WriteUnavailable`.
  func write<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
    do {
      return try database.write(body)
    } catch let error as SQLiteError {
      throw Self.mapped(error)
    }
  }

  func read<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
    try database.read(body)
  }
}
