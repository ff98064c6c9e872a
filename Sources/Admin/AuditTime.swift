import Domain
import Foundation

/// Danish wall-clock time for the audit log (`Domain.DanishClock`'s offset).
enum DanishTime {
  private static let utc: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    return calendar
  }()

  /// Seconds east of UTC in Denmark at `date`: 3600 in winter, 7200 in summer.
  static func offset(at date: Date) -> Int {
    DanishClock.utcOffset(at: Int(date.timeIntervalSince1970.rounded(.down)))
  }

  /// "22. november 2026 kl. 21.49", Danish time.
  static func text(_ date: Date) -> String {
    let local = date.addingTimeInterval(Double(offset(at: date)))
    let parts = utc.dateComponents([.year, .month, .day, .hour, .minute], from: local)
    guard let year = parts.year, let month = parts.month, let day = parts.day,
      let calendarDate = CalendarDate(year: year, month: month, day: day)
    else { return "" }
    let hour = parts.hour ?? 0
    let minute = parts.minute ?? 0
    return calendarDate.danishText + " kl. " + (hour < 10 ? "0" : "") + String(hour) + "."
      + (minute < 10 ? "0" : "") + String(minute)
  }

  /// The Danish time of a stored UTC timestamp ("YYYY-MM-DDTHH:MM:SS[.fff]Z", or with a space for "T"); the text as
  /// it is when it cannot be read.
  static func text(utc stamp: String) -> String {
    date(utc: stamp).map(text) ?? stamp
  }

  static func date(utc stamp: String) -> Date? {
    let bytes = Array(stamp.utf8)
    guard bytes.count >= 19 else { return nil }
    func number(_ range: Range<Int>) -> Int? { Int(String(decoding: bytes[range], as: UTF8.self)) }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
    else { return nil }
    return utc.date(
      from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
  }
}
