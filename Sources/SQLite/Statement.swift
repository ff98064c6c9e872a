import CSQLite
import Glibc

/// SQLite's `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the bind call returns.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// One prepared statement. Owned by its `Connection` (in its cache) and used on that connection's thread only.
final class Statement {
  let handle: OpaquePointer
  let sql: String
  private let database: OpaquePointer
  private var resultColumns: ResultColumns?
  /// Set by the connection while the statement is bound or stepping.
  var isInUse = false

  /// Prepares exactly one statement; text holding a second statement is refused (use `Connection.execute`).
  init(sql: String, database: OpaquePointer, persistent: Bool) throws {
    self.sql = sql
    self.database = database
    var statement: OpaquePointer?
    var code: Int32 = SQLITE_OK
    var hasMore = false
    let flags = UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0)
    sql.withCString { text in
      var tail: UnsafePointer<CChar>?
      code = sqlite3_prepare_v3(database, text, -1, flags, &statement, &tail)
      if code == SQLITE_OK, let tail, tail.pointee != 0 {
        var next: OpaquePointer?
        if sqlite3_prepare_v3(database, tail, -1, 0, &next, nil) != SQLITE_OK || next != nil {
          hasMore = true
        }
        sqlite3_finalize(next)
      }
    }
    guard code == SQLITE_OK else {
      throw SQLiteError(code: code, handle: database, sql: sql)
    }
    guard let statement else {
      throw SQLiteError(code: SQLITE_MISUSE, message: "the SQL text holds no statement", sql: sql)
    }
    guard !hasMore else {
      sqlite3_finalize(statement)
      throw SQLiteError(
        code: SQLITE_MISUSE,
        message: "the SQL text holds more than one statement; use execute(_:) for scripts",
        sql: sql)
    }
    self.handle = statement
  }

  deinit {
    sqlite3_finalize(handle)
  }

  var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

  func bind(_ arguments: [SQLiteValue]) throws {
    guard arguments.count == parameterCount else {
      throw SQLiteError(
        code: SQLITE_RANGE,
        message: "the statement takes \(parameterCount) arguments, \(arguments.count) were given", sql: sql)
    }
    for (offset, value) in arguments.enumerated() {
      let index = Int32(offset + 1)
      let code: Int32
      switch value {
      case .null:
        code = sqlite3_bind_null(handle, index)
      case .integer(let number):
        code = sqlite3_bind_int64(handle, index, number)
      case .real(let number):
        code = sqlite3_bind_double(handle, index, number)
      case .text(let text):
        var text = text
        code = text.withUTF8 { utf8 in
          // An empty buffer may have no address; SQLite would bind NULL for a null pointer.
          guard let base = utf8.baseAddress, !utf8.isEmpty else {
            return sqlite3_bind_text(handle, index, "", 0, transient)
          }
          return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
            sqlite3_bind_text64(handle, index, $0, UInt64(utf8.count), transient, UInt8(SQLITE_UTF8))
          }
        }
      case .blob(let bytes):
        code = bytes.withUnsafeBytes { raw in
          guard let base = raw.baseAddress, !raw.isEmpty else {
            return sqlite3_bind_zeroblob(handle, index, 0)
          }
          return sqlite3_bind_blob64(handle, index, base, UInt64(raw.count), transient)
        }
      }
      guard code == SQLITE_OK else {
        throw SQLiteError(code: code, handle: database, sql: sql)
      }
    }
  }

  /// Advances; true when a row is available. On error the caller must still `reset()` (it does, via defer).
  func step() throws -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw SQLiteError(code: code, handle: database, sql: sql)
    }
  }

  /// Makes the statement ready for its next use: resets it (ending its read of the database) and clears bindings.
  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  var columns: ResultColumns {
    // Column names can change when SQLite re-prepares after a schema change; compare (without making Strings) and
    // refresh when needed.
    let count = Int(sqlite3_column_count(handle))
    if let resultColumns, resultColumns.names.count == count,
      resultColumns.names.indices.allSatisfy({ index in
        guard let name = sqlite3_column_name(handle, Int32(index)) else { return false }
        var known = resultColumns.names[index]
        return known.withUTF8 {
          $0.count == strlen(name) && ($0.isEmpty || memcmp($0.baseAddress!, name, $0.count) == 0)
        }
      })
    {
      return resultColumns
    }
    let names = (0..<count).map { String(cString: sqlite3_column_name(handle, Int32($0))) }
    let fresh = ResultColumns(names: names, sql: sql)
    resultColumns = fresh
    return fresh
  }

  func row(_ columns: ResultColumns) -> Row {
    Row(columns: columns, values: (0..<Int32(columns.names.count)).map(value(at:)))
  }

  private func value(at index: Int32) -> SQLiteValue {
    switch sqlite3_column_type(handle, index) {
    case SQLITE_INTEGER:
      return .integer(sqlite3_column_int64(handle, index))
    case SQLITE_FLOAT:
      return .real(sqlite3_column_double(handle, index))
    case SQLITE_TEXT:
      guard let text = sqlite3_column_text(handle, index) else { return .text("") }
      let count = Int(sqlite3_column_bytes(handle, index))
      return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
    case SQLITE_BLOB:
      guard let blob = sqlite3_column_blob(handle, index) else { return .blob([]) }
      let count = Int(sqlite3_column_bytes(handle, index))
      return .blob([UInt8](UnsafeRawBufferPointer(start: blob, count: count)))
    default:
      return .null
    }
  }
}
