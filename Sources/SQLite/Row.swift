import CSQLite

/// The column names of one result, shared by all its rows.
@usableFromInline
final class ResultColumns: Sendable {
  @usableFromInline let names: [String]
  @usableFromInline let sql: String
  /// Each name's UTF-8 length: a lookup compares only names of the right length (faster than hashing for the
  /// dozen or two columns a result has).
  @usableFromInline let lengths: [Int]
  @usableFromInline let folded: [String: Int]

  init(names: [String], sql: String) {
    self.names = names
    self.sql = sql
    var folded: [String: Int] = [:]
    for (index, name) in names.enumerated() where folded[name.lowercased()] == nil {
      folded[name.lowercased()] = index
    }
    self.lengths = names.map(\.utf8.count)
    self.folded = folded
  }

  /// The first column with this name; SQLite compares column names without regard to ASCII case, so do we.
  @inlinable
  func index(of name: String) -> Int? {
    let length = name.utf8.count
    for index in lengths.indices where lengths[index] == length && names[index] == name { return index }
    return folded[name.lowercased()]
  }
}

/// One result row: its values, copied out of SQLite, and the column names.
public struct Row: Sendable {
  @usableFromInline let columns: ResultColumns
  public let values: [SQLiteValue]

  init(columns: ResultColumns, values: [SQLiteValue]) {
    self.columns = columns
    self.values = values
  }

  public var columnNames: [String] { columns.names }
  public var count: Int { values.count }

  /// The value of the named column, or nil when the result has no such column.
  public subscript(_ column: String) -> SQLiteValue? {
    columns.index(of: column).map { values[$0] }
  }

  /// The value at `index`; traps when out of range, like an array.
  public subscript(_ index: Int) -> SQLiteValue { values[index] }

  public func contains(column: String) -> Bool { columns.index(of: column) != nil }

  /// The named column read as `T`. Throws (`SQLITE_RANGE`) when there is no such column and (`SQLITE_MISMATCH`)
  /// when the value does not convert, e.g. NULL read as a non-optional type; the message names the column.
  @inlinable
  public func get<T: SQLiteValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
    guard let index = columns.index(of: column) else {
      throw SQLiteError(
        code: SQLITE_RANGE,
        message:
          "no column named '\(column)' in the result (columns: \(columns.names.joined(separator: ", ")))",
        sql: columns.sql)
    }
    return try convert(index, as: type, name: column)
  }

  /// The column at `index` read as `T`; throws like `get(_:as:)` for a column name.
  public func get<T: SQLiteValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
    guard values.indices.contains(index) else {
      throw SQLiteError(
        code: SQLITE_RANGE,
        message: "no column at index \(index) in a result of \(values.count) columns", sql: columns.sql)
    }
    return try convert(index, as: type, name: columns.names[index])
  }

  @inlinable
  func convert<T: SQLiteValueConvertible>(_ index: Int, as type: T.Type, name: String) throws -> T {
    let value = values[index]
    guard let converted = T(sqliteValue: value) else {
      throw SQLiteError(
        code: SQLITE_MISMATCH,
        message: "column '\(name)': cannot read \(value.typeName) value \(value) as \(T.self)",
        sql: columns.sql)
    }
    return converted
  }
}

extension Row: CustomStringConvertible {
  public var description: String {
    "[" + zip(columns.names, values).map { "\($0): \($1)" }.joined(separator: ", ") + "]"
  }
}
