import CSQLite

/// An error reported by SQLite, or by this wrapper in SQLite's terms (for example `SQLITE_MISMATCH` when a column
/// cannot be read as the requested type).
public struct SQLiteError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The extended result code, e.g. 1811 (`SQLITE_CONSTRAINT_TRIGGER`) or 2067 (`SQLITE_CONSTRAINT_UNIQUE`).
  public let code: Int32
  /// SQLite's message, unchanged: the text of a trigger's `RAISE(ABORT, '…')` arrives here intact.
  public let message: String
  /// The statement that failed, when there was one.
  public let sql: String?

  public init(code: Int32, message: String, sql: String? = nil) {
    self.code = code
    self.message = message
    self.sql = sql
  }

  /// The primary result code (the low byte of `code`), e.g. 19 (`SQLITE_CONSTRAINT`).
  public var primaryCode: Int32 { code & 0xff }

  public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

  /// True for `SQLITE_BUSY` and `SQLITE_LOCKED`: another connection holds the lock.
  public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

  /// True for a trigger's `RAISE(ABORT|FAIL|ROLLBACK, '…')`; `message` holds the raised text.
  public var isRaisedByTrigger: Bool { code == Self.constraintTrigger }
  public var isUniqueViolation: Bool { code == Self.constraintUnique || code == Self.constraintPrimaryKey }
  public var isForeignKeyViolation: Bool { code == Self.constraintForeignKey }
  public var isCheckViolation: Bool { code == Self.constraintCheck }
  public var isNotNullViolation: Bool { code == Self.constraintNotNull }

  // Extended codes (C macros that Swift does not import).
  public static let constraintCheck: Int32 = 275  // SQLITE_CONSTRAINT_CHECK
  public static let constraintForeignKey: Int32 = 787  // SQLITE_CONSTRAINT_FOREIGNKEY
  public static let constraintNotNull: Int32 = 1299  // SQLITE_CONSTRAINT_NOTNULL
  public static let constraintPrimaryKey: Int32 = 1555  // SQLITE_CONSTRAINT_PRIMARYKEY
  public static let constraintTrigger: Int32 = 1811  // SQLITE_CONSTRAINT_TRIGGER
  public static let constraintUnique: Int32 = 2067  // SQLITE_CONSTRAINT_UNIQUE

  public var description: String {
    var text = "SQLite error \(code) (\(String(cString: sqlite3_errstr(code)))): \(message)"
    if let sql {
      text += " [in: \(sql)]"
    }
    return text
  }

  /// The error currently recorded on `handle`, reported under `code` (the code a call returned).
  init(code: Int32, handle: OpaquePointer?, sql: String?) {
    let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
    self.init(code: code, message: message ?? String(cString: sqlite3_errstr(code)), sql: sql)
  }
}
