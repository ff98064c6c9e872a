/// Danish time without the system's time-zone database: UTC+1, and UTC+2 (summer time) from 01:00 UTC on the last
/// Sunday of March to 01:00 UTC on the last Sunday of October, the EU rule Denmark follows.
public enum DanishClock {
  /// Seconds east of UTC in Denmark at `instant` (seconds since 1970): 7,200 in summer time, else 3,600.
  public static func utcOffset(at instant: Int) -> Int {
    let year = CalendarDate(dayNumber: floorDivide(instant, 86_400)).year
    let start = switchInstant(year: year, month: 3)
    let end = switchInstant(year: year, month: 10)
    return (start..<end).contains(instant) ? 7_200 : 3_600
  }

  /// 01:00 UTC on the last Sunday of `month` (March or October: both have 31 days).
  private static func switchInstant(year: Int, month: Int) -> Int {
    let last = CalendarDate(year: year, month: month, day: 31)!.dayNumber
    let weekday = ((last + 4) % 7 + 7) % 7  // 1970-01-01 was a Thursday; 0 is Sunday
    return (last - weekday) * 86_400 + 3_600
  }

  private static func floorDivide(_ a: Int, _ b: Int) -> Int {
    a >= 0 ? a / b : -((-a + b - 1) / b)
  }
}
