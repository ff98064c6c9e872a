import Foundation

/// A Swift type that binds to a statement parameter and reads back from a column.
///
/// Conversions are strict: `Int` reads only INTEGER, `String` only TEXT, `Bool` only the integers 0 and 1,
/// `Double` reads REAL or INTEGER. A value that does not fit makes `init(sqliteValue:)` return nil, and `Row` turns
/// that into an `SQLiteError` naming the column. `Optional` of a convertible type is convertible: nil ↔ NULL.
public protocol SQLiteValueConvertible: Sendable {
  var sqliteValue: SQLiteValue { get }
  init?(sqliteValue: SQLiteValue)
}

extension SQLiteValue: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { self }
  public init?(sqliteValue: SQLiteValue) { self = sqliteValue }
}

extension Optional: SQLiteValueConvertible where Wrapped: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }

  public init?(sqliteValue: SQLiteValue) {
    if sqliteValue == .null {
      self = .none
    } else if let wrapped = Wrapped(sqliteValue: sqliteValue) {
      self = .some(wrapped)
    } else {
      return nil
    }
  }
}

extension Int64: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { .integer(self) }

  public init?(sqliteValue: SQLiteValue) {
    guard case .integer(let value) = sqliteValue else { return nil }
    self = value
  }
}

extension Int: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { .integer(Int64(self)) }

  public init?(sqliteValue: SQLiteValue) {
    guard case .integer(let value) = sqliteValue, let exact = Int(exactly: value) else { return nil }
    self = exact
  }
}

extension Double: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { .real(self) }

  public init?(sqliteValue: SQLiteValue) {
    switch sqliteValue {
    case .real(let value): self = value
    case .integer(let value): self = Double(value)
    default: return nil
    }
  }
}

extension Bool: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }

  public init?(sqliteValue: SQLiteValue) {
    switch sqliteValue {
    case .integer(0): self = false
    case .integer(1): self = true
    default: return nil
    }
  }
}

extension String: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { .text(self) }

  public init?(sqliteValue: SQLiteValue) {
    guard case .text(let value) = sqliteValue else { return nil }
    self = value
  }
}

extension [UInt8]: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { .blob(self) }

  public init?(sqliteValue: SQLiteValue) {
    guard case .blob(let bytes) = sqliteValue else { return nil }
    self = bytes
  }
}

extension Data: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { .blob([UInt8](self)) }

  public init?(sqliteValue: SQLiteValue) {
    guard case .blob(let bytes) = sqliteValue else { return nil }
    self = Data(bytes)
  }
}

/// Stored as UTC text "YYYY-MM-DDTHH:MM:SSZ" (whole seconds, rounded down), which sorts and compares correctly.
/// Reading also accepts SQLite's own `datetime()` form "YYYY-MM-DD HH:MM:SS" and fractional seconds.
extension Date: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { .text(ISO8601Text.format(self)) }

  public init?(sqliteValue: SQLiteValue) {
    guard case .text(let text) = sqliteValue, let date = ISO8601Text.parse(text) else { return nil }
    self = date
  }
}

/// Enums and other raw-value types convert through their raw value: declare `extension Kind: SQLiteValueConvertible {}`.
extension SQLiteValueConvertible where Self: RawRepresentable, RawValue: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { rawValue.sqliteValue }

  public init?(sqliteValue: SQLiteValue) {
    guard let raw = RawValue(sqliteValue: sqliteValue), let value = Self(rawValue: raw) else { return nil }
    self = value
  }
}
