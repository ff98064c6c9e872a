/// One value as SQLite stores it.
public enum SQLiteValue: Hashable, Sendable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  public var isNull: Bool { self == .null }

  /// The storage class name, for messages: "NULL", "INTEGER", "REAL", "TEXT" or "BLOB".
  public var typeName: String {
    switch self {
    case .null: return "NULL"
    case .integer: return "INTEGER"
    case .real: return "REAL"
    case .text: return "TEXT"
    case .blob: return "BLOB"
    }
  }
}

extension SQLiteValue: CustomStringConvertible {
  public var description: String {
    switch self {
    case .null: return "NULL"
    case .integer(let value): return String(value)
    case .real(let value): return String(value)
    case .text(let value): return "'\(value)'"
    case .blob(let bytes): return "BLOB(\(bytes.count) bytes)"
    }
  }
}
