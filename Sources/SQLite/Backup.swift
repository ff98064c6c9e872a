import CSQLite
import Foundation

extension Connection {
  /// Copies this database into the file at `destination` (created, with its folder, when missing; replaced when it
  /// is a database) with SQLite's online backup, `pagesPerStep` pages at a time. The copy is one consistent
  /// snapshot: outside a transaction the source is read inside its own read transaction, so commits by other
  /// connections during the copy neither block it nor restart it.
  public func backup(to destination: String, pagesPerStep: Int = 256) throws {
    let target = try Connection(path: destination, readOnly: false)
    let snapshot = !isInTransaction
    if snapshot {
      try execute("BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema")
    }
    defer {
      if snapshot { try? execute("COMMIT") }
    }
    guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
      throw target.lastError(code: sqlite3_errcode(target.handle), sql: nil)
    }
    var code: Int32
    repeat {
      code = sqlite3_backup_step(backup, Int32(clamping: max(1, pagesPerStep)))
      if code == SQLITE_BUSY || code == SQLITE_LOCKED {
        sqlite3_sleep(5)
      }
    } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
    let finish = sqlite3_backup_finish(backup)
    guard code == SQLITE_DONE else {
      throw SQLiteError(
        code: code, message: "backup to \(destination) failed: \(String(cString: sqlite3_errstr(code)))")
    }
    guard finish == SQLITE_OK else {
      throw target.lastError(code: finish, sql: nil)
    }
  }
}
