import CSQLite
import Foundation

extension Connection {
  /// Copies this database into the file at `destination` (created, with its folder, when missing; replaced when it
  /// is a database) with SQLite's online backup, `pagesPerStep` pages at a time. The copy is one consistent
  /// snapshot: outside a transaction the source is read inside its own read transaction, so commits by other
  /// connections during the copy neither block it nor restart it. Refused inside a write transaction on this
  /// connection (SQLite cannot copy a database its own connection is writing). When the destination stays busy
  /// (locked by another connection) for longer than the busy timeout, throws a busy error. `afterStep` runs
  /// between steps (tests write meanwhile).
  public func backup(to destination: String, pagesPerStep: Int = 256, afterStep: () throws -> Void = {})
    throws
  {
    guard sqlite3_txn_state(handle, "main") != SQLITE_TXN_WRITE else {
      throw SQLiteError(
        code: SQLITE_MISUSE,
        message: "cannot back up \(path) inside a write transaction on the same connection")
    }
    let target = try Connection(path: destination, readOnly: false, busyTimeout: busyTimeout)
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
    let pause: Int32 = 5  // milliseconds between attempts while busy
    var busyAttemptsLeft = max(1, busyTimeout / .milliseconds(Int(pause)))
    var code: Int32
    repeat {
      code = sqlite3_backup_step(backup, Int32(clamping: max(1, pagesPerStep)))
      if code == SQLITE_BUSY || code == SQLITE_LOCKED {
        busyAttemptsLeft -= 1
        sqlite3_sleep(pause)
      } else if code == SQLITE_OK {
        do {
          try afterStep()
        } catch {
          sqlite3_backup_finish(backup)
          throw error
        }
      }
    } while code == SQLITE_OK || ((code == SQLITE_BUSY || code == SQLITE_LOCKED) && busyAttemptsLeft > 0)
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
