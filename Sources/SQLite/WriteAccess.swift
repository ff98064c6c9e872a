import CSQLite

extension Connection {
  /// False when the database cannot be written through this connection: opened read-only, or opened read-write
  /// on a write-protected file (SQLite then falls back to reading).
  public var isWritable: Bool { sqlite3_db_readonly(handle, "main") == 0 }
}
