import Domain
import XCTest

final class DanishClockTests: XCTestCase {
  /// Seconds since 1970 of a UTC time, from the calendar's own arithmetic.
  private func instant(_ date: String, hour: Int, minute: Int = 0) -> Int {
    let day = CalendarDate(year: 1970, month: 1, day: 1)!.days(to: CalendarDate(date)!)
    return day * 86_400 + hour * 3_600 + minute * 60
  }

  func testSummerTimeBeginsAndEndsAt0100UTCOnTheLastSundays() {
    // 2026: the last Sunday of March is the 29th, of October the 25th.
    XCTAssertEqual(DanishClock.utcOffset(at: instant("2026-03-29", hour: 0, minute: 59)), 3_600)
    XCTAssertEqual(DanishClock.utcOffset(at: instant("2026-03-29", hour: 1)), 7_200)
    XCTAssertEqual(DanishClock.utcOffset(at: instant("2026-10-25", hour: 0, minute: 59)), 7_200)
    XCTAssertEqual(DanishClock.utcOffset(at: instant("2026-10-25", hour: 1)), 3_600)
    // 2010: March 28 and October 31 (the 31st itself a Sunday).
    XCTAssertEqual(DanishClock.utcOffset(at: instant("2010-03-28", hour: 1)), 7_200)
    XCTAssertEqual(DanishClock.utcOffset(at: instant("2010-10-31", hour: 0)), 7_200)
    XCTAssertEqual(DanishClock.utcOffset(at: instant("2010-10-31", hour: 1)), 3_600)
    XCTAssertEqual(DanishClock.utcOffset(at: instant("2026-01-15", hour: 12)), 3_600)
    XCTAssertEqual(DanishClock.utcOffset(at: instant("1969-07-01", hour: 12)), 7_200, "before 1970 too")
  }
}
