import CSQLite

extension Connection {
  /// Replaces this connection's whole database by the one at `source` with SQLite's backup
  /// API, in one step: the pages are written through this connection's own journal, so there is no stale `-wal`
  /// to fear and a failure leaves the database as it was. Use it on a connection that holds the database alone
  /// (`PRAGMA locking_mode = EXCLUSIVE`), outside a transaction. `source` is opened read-write (read-only when
  /// it is write-protected), so that closing it removes its `-wal` and `-shm`; nothing is written to it.
  public func replaceContents(from source: String) throws {
    let origin = try Connection(path: source, readOnly: false, busyTimeout: busyTimeout)
    guard let backup = sqlite3_backup_init(handle, "main", origin.handle, "main") else {
      throw lastError(code: sqlite3_errcode(handle), sql: nil)
    }
    let code = sqlite3_backup_step(backup, -1)
    let finish = sqlite3_backup_finish(backup)
    guard code == SQLITE_DONE else {
      throw SQLiteError(
        code: code, message: "copying \(source) into \(path) failed: \(String(cString: sqlite3_errstr(code)))"
      )
    }
    guard finish == SQLITE_OK else { throw lastError(code: finish, sql: nil) }
  }
}
