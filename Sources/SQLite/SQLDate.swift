import Foundation

/// A calendar date without time or time zone, stored as TEXT "YYYY-MM-DD" (which sorts chronologically, so SQL can
/// compare it with `<` and `BETWEEN`, and use `date()` on it).
public struct SQLDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Nil unless the date exists (year 1...9999, e.g. no 2023-02-29).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...ISO8601Text.daysInMonth(year: year, month: month)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses exactly "YYYY-MM-DD".
  public init?(_ text: String) {
    guard let (year, month, day) = ISO8601Text.parseCalendarDate(Substring(text)) else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// The calendar date at `date` in `timeZone` (e.g. Europe/Copenhagen for "today" in Denmark). Traps for an
  /// instant outside the years 1...9999.
  public init(_ date: Date, in timeZone: TimeZone) {
    let offset = timeZone.secondsFromGMT(for: date)
    let seconds = Int((date.timeIntervalSince1970 + Double(offset)).rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let (year, month, day) = ISO8601Text.civil(days: days)
    precondition((1...9999).contains(year), "SQLDate out of range: year \(year)")
    self.year = year
    self.month = month
    self.day = day
  }

  /// Days since 1970-01-01 (negative before).
  public var daysSinceEpoch: Int { ISO8601Text.days(year: year, month: month, day: day) }

  /// The date `days` later (earlier when negative). Traps outside years 1...9999.
  public func adding(days: Int) -> SQLDate {
    let (year, month, day) = ISO8601Text.civil(days: daysSinceEpoch + days)
    guard let date = SQLDate(year: year, month: month, day: day) else {
      preconditionFailure("SQLDate out of range: \(year)-\(month)-\(day)")
    }
    return date
  }

  public var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public static func < (lhs: SQLDate, rhs: SQLDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}

extension SQLDate: SQLiteValueConvertible {
  public var sqliteValue: SQLiteValue { .text(description) }

  public init?(sqliteValue: SQLiteValue) {
    guard case .text(let text) = sqliteValue else { return nil }
    self.init(text)
  }
}

extension SQLDate: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let date = SQLDate(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a date YYYY-MM-DD, got \(text)")
    }
    self = date
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
