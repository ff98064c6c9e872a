import CSQLite
import Foundation

/// A bound statement argument: any convertible value, or nil for NULL.
public typealias SQLArgument = (any SQLiteValueConvertible)?

/// One SQLite connection. Not Sendable: use it from one thread at a time (a `Database` guards its connections with
/// locks). Opened in WAL mode with `foreign_keys=ON`, `synchronous=FULL` and a busy timeout.
public final class Connection {
  let handle: OpaquePointer
  public let path: String
  public let isReadOnly: Bool
  public let busyTimeout: Duration
  private var statements: [String: Statement] = [:]
  private var savepointDepth = 0

  /// How many statements this connection has compiled for `run`/`query`/`iterate`; a cached SQL text does not count
  /// again. Meant for tests of the statement cache.
  public private(set) var preparedStatementCount = 0

  /// Opens (and for read-write, creates, with any missing parent folders) the database at `path`.
  /// `":memory:"` opens a private in-memory database, whose journal mode cannot be WAL.
  public init(path: String, readOnly: Bool = false, busyTimeout: Duration = .seconds(5)) throws {
    guard sqlite3_threadsafe() != 0 else {
      throw SQLiteError(code: SQLITE_MISUSE, message: "this SQLite library was built without thread safety")
    }
    self.path = path
    self.isReadOnly = readOnly
    self.busyTimeout = busyTimeout
    let inMemory = path == ":memory:"
    if !inMemory {
      try Connection.checkHeader(path: path)
      if !readOnly {
        try Connection.createParentFolder(of: path)
      }
    }
    var database: OpaquePointer?
    let flags =
      (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
    let code = sqlite3_open_v2(path, &database, flags, nil)
    guard code == SQLITE_OK, let database else {
      let error = SQLiteError(code: code, handle: database, sql: nil)
      sqlite3_close_v2(database)
      throw SQLiteError(code: error.code, message: "cannot open \(path): \(error.message)")
    }
    self.handle = database
    sqlite3_extended_result_codes(database, 1)
    let (seconds, attoseconds) = busyTimeout.components
    let milliseconds = max(0, min(Int64(Int32.max), seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    sqlite3_busy_timeout(database, Int32(milliseconds))
    try configure(inMemory: inMemory)
  }

  deinit {
    statements.removeAll()
    sqlite3_close_v2(handle)
  }

  private func configure(inMemory: Bool) throws {
    if !inMemory {
      let mode = try scalar(isReadOnly ? "PRAGMA journal_mode" : "PRAGMA journal_mode = WAL", as: String.self)
      guard mode?.lowercased() == "wal" else {
        throw SQLiteError(
          code: SQLITE_ERROR, message: "\(path): journal mode is \(mode ?? "unknown"), not wal as required")
      }
    }
    try execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL")
    guard try scalar("PRAGMA foreign_keys", as: Int.self) == 1 else {
      throw SQLiteError(
        code: SQLITE_ERROR, message: "\(path): foreign key enforcement could not be turned on")
    }
  }

  /// Refuses an existing, non-empty file that is not an SQLite database, before a connection that may write opens
  /// it. A read-only SQLite connection reads the header, never a descriptor of this code's own: closing one would
  /// drop every POSIX lock this process holds on the file (they belong to the process, not to the descriptor), and
  /// another process closing its connection could then delete the WAL from under this one's. SQLite keeps such a
  /// descriptor open until the process's last lock on the file is released.
  private static func checkHeader(path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else { return }
    var probe: OpaquePointer?
    defer { sqlite3_close_v2(probe) }
    guard sqlite3_open_v2(path, &probe, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
      return
    }
    guard sqlite3_exec(probe, "PRAGMA schema_version", nil, nil, nil) & 0xff != SQLITE_NOTADB else {
      throw SQLiteError(code: SQLITE_NOTADB, message: "\(path) is not an SQLite database")
    }
  }

  private static func createParentFolder(of path: String) throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw SQLiteError(
        code: SQLITE_CANTOPEN, message: "cannot create the folder \(folder.path) for \(path): \(error)")
    }
  }

  // MARK: Running SQL

  /// Runs one or more statements separated by semicolons, without arguments and without the statement cache
  /// (schema scripts, pragmas).
  public func execute(_ sql: String) throws {
    var message: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(handle, sql, nil, nil, &message)
    defer { sqlite3_free(message) }
    guard code == SQLITE_OK else {
      throw self.error(
        code: code, message: message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code)),
        sql: sql)
    }
  }

  /// Runs one statement with positional (`?`) arguments, stepping it to the end.
  public func run(_ sql: String, _ arguments: SQLArgument...) throws {
    try run(sql, arguments: arguments)
  }

  public func run(_ sql: String, arguments: [SQLArgument]) throws {
    try withStatement(sql, arguments) { statement in
      while try statement.step() {}
    }
  }

  public func query(_ sql: String, _ arguments: SQLArgument...) throws -> [Row] {
    try query(sql, arguments: arguments)
  }

  public func query(_ sql: String, arguments: [SQLArgument]) throws -> [Row] {
    try withStatement(sql, arguments) { statement in
      let columns = statement.columns
      var rows: [Row] = []
      while try statement.step() {
        rows.append(statement.row(columns))
      }
      return rows
    }
  }

  /// The first row, or nil when there is none; the statement is not stepped further.
  public func queryOne(_ sql: String, _ arguments: SQLArgument...) throws -> Row? {
    try queryOne(sql, arguments: arguments)
  }

  public func queryOne(_ sql: String, arguments: [SQLArgument]) throws -> Row? {
    try withStatement(sql, arguments) { statement in
      try statement.step() ? statement.row(statement.columns) : nil
    }
  }

  /// The first column of the first row as `T`; nil when there is no row or the value is NULL.
  public func scalar<T: SQLiteValueConvertible>(
    _ sql: String, _ arguments: SQLArgument..., as type: T.Type = T.self
  ) throws -> T? {
    try scalar(sql, arguments: arguments, as: type)
  }

  public func scalar<T: SQLiteValueConvertible>(
    _ sql: String, arguments: [SQLArgument], as type: T.Type = T.self
  ) throws -> T? {
    guard let row = try queryOne(sql, arguments: arguments) else { return nil }
    return try row.get(0, as: T?.self)
  }

  /// Streams the rows one at a time to `body` (for results too big to hold). `body` may run other SQL on this
  /// connection, even the same SQL text.
  public func iterate(_ sql: String, _ arguments: SQLArgument..., body: (Row) throws -> Void) throws {
    try iterate(sql, arguments: arguments, body: body)
  }

  public func iterate(_ sql: String, arguments: [SQLArgument], body: (Row) throws -> Void) throws {
    try withStatement(sql, arguments) { statement in
      let columns = statement.columns
      while try statement.step() {
        try body(statement.row(columns))
      }
    }
  }

  /// Rows changed by the most recent INSERT, UPDATE or DELETE.
  public var changes: Int { Int(sqlite3_changes(handle)) }

  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// True between BEGIN and COMMIT/ROLLBACK.
  public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

  /// How many statements the cache holds now.
  public var cachedStatementCount: Int { statements.count }

  /// Drops all cached statements (they are compiled again on next use).
  public func clearStatementCache() {
    statements.removeAll()
  }

  /// The SQL of every cached statement (benchmarks print their query plans).
  public var cachedStatementSQL: [String] { Array(statements.keys) }

  private func withStatement<R>(
    _ sql: String, _ arguments: [SQLArgument], _ body: (Statement) throws -> R
  ) throws -> R {
    let statement = try statementForUse(sql)
    statement.isInUse = true
    // A statement must be reset whatever happens, or it keeps its read of the database open.
    defer {
      statement.reset()
      statement.isInUse = false
    }
    do {
      try statement.bind(arguments.map { $0?.sqliteValue ?? .null })
      return try body(statement)
    } catch let error as SQLiteError {
      throw self.error(code: error.code, message: error.message, sql: error.sql)
    }
  }

  /// The cached statement for `sql`, prepared on first use. While it is in use (the same SQL run again from an
  /// `iterate` body), a separate, uncached statement is prepared instead. The cache is emptied of idle
  /// statements when it reaches `statementCacheLimit` (only SQL built at run time gets there).
  private func statementForUse(_ sql: String) throws -> Statement {
    let cached = statements[sql]
    if let cached, !cached.isInUse {
      return cached
    }
    let statement: Statement
    do {
      statement = try Statement(sql: sql, database: handle, persistent: cached == nil)
    } catch let error as SQLiteError {
      throw self.error(code: error.code, message: error.message, sql: error.sql)
    }
    preparedStatementCount += 1
    if cached == nil {
      if statements.count >= Connection.statementCacheLimit {
        statements = statements.filter { $0.value.isInUse }
      }
      statements[sql] = statement
    }
    return statement
  }

  public static let statementCacheLimit = 500

  /// Builds the error to throw, turning SQLite's "file is not a database" into a message that names the file.
  func error(code: Int32, message: String, sql: String?) -> SQLiteError {
    if code & 0xff == SQLITE_NOTADB {
      return SQLiteError(code: code, message: "\(path) is not an SQLite database", sql: sql)
    }
    return SQLiteError(code: code, message: message, sql: sql)
  }

  func lastError(code: Int32, sql: String?) -> SQLiteError {
    let error = SQLiteError(code: code, handle: handle, sql: sql)
    return self.error(code: error.code, message: error.message, sql: sql)
  }

  // MARK: Transactions

  public enum TransactionKind: String, Sendable {
    case deferred = "DEFERRED"
    case immediate = "IMMEDIATE"
    case exclusive = "EXCLUSIVE"
  }

  /// Runs `body` in a transaction: BEGIN (IMMEDIATE by default) … COMMIT, or ROLLBACK when `body` throws (the error
  /// is rethrown). Inside an open transaction it nests as a SAVEPOINT, rolled back to on throw.
  public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
    if isInTransaction {
      savepointDepth += 1
      defer { savepointDepth -= 1 }
      let name = "nested_\(savepointDepth)"
      try execute("SAVEPOINT \(name)")
      do {
        let result = try body()
        try execute("RELEASE \(name)")
        return result
      } catch {
        if isInTransaction {
          try? execute("ROLLBACK TO \(name)")
          try? execute("RELEASE \(name)")
        }
        throw error
      }
    }
    try execute("BEGIN \(kind.rawValue)")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      // SQLite may already have rolled back by itself (e.g. RAISE(ROLLBACK, …)); then there is nothing to undo.
      if isInTransaction {
        try? execute("ROLLBACK")
      }
      throw error
    }
  }
}

@available(*, unavailable, message: "a Connection is used by one thread at a time; share a Database instead")
extension Connection: Sendable {}
