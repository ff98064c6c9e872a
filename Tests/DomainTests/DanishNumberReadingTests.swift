import Domain
import XCTest

/// Numbers and dates as people type them into the forms and spreadsheets write them: one reader for all.
final class DanishNumberReadingTests: XCTestCase {
  func testDanishAndPlainNumbers() {
    let readings: [(String, DanishNumber.Reading)] = [
      ("90", .value(90)), ("90,5", .value(90.5)), ("90.5", .value(90.5)), ("1.234,5", .value(1234.5)),
      ("1.234.567", .value(1_234_567)), ("1.234.567,25", .value(1_234_567.25)), (" -3,25 ", .value(-3.25)),
      ("\u{2212}4", .value(-4)), ("+7", .value(7)), ("0.125", .value(0.125)), (",5", .value(0.5)),
      ("1234.56", .value(1234.56)), ("12345", .value(12345)), ("1 234,5", .value(1234.5)),
      ("12.345.678", .value(12_345_678)), ("0,05", .value(0.05)),
      ("1.234", .ambiguous), ("12.500", .ambiguous), ("-1.234", .ambiguous),
      ("ca. 90", .invalid), ("90 %", .invalid), ("1,234,5", .invalid), ("1.23,5", .invalid),
      ("12.34.567", .invalid), ("1,234.5", .invalid), ("1.2.3", .invalid), ("1.2345", .value(1.2345)),
      ("90,", .invalid), ("-", .invalid), ("", .invalid), ("1e3", .invalid), ("٣", .invalid),
      ("1,2.5", .invalid), ("abc", .invalid), ("9O", .invalid), ("--5", .invalid), ("inf", .invalid),
      ("0x10", .invalid),
    ]
    for (text, expected) in readings {
      XCTAssertEqual(DanishNumber.read(text), expected, text)
    }
    XCTAssertEqual(DanishNumber.value("87,5"), 87.5)
    XCTAssertNil(DanishNumber.value("1.234"))
  }

  func testFormattedNumbersReadBack() {
    for value in [87.5, 1234.5, -3.25, 90, 0.125, 1_234_567.25] {
      let text = DanishNumber.format(value, maximumFractionDigits: 6)
      XCTAssertEqual(DanishNumber.read(text), .value(value), text)
    }
  }

  func testDatesAsADateFieldSendsThemAndAsPeopleWriteThem() {
    let june24 = CalendarDate(year: 2010, month: 6, day: 24)
    for text in ["2010-06-24", "24-06-2010", "24.6.2010", "24/06/2010", " 24-06-2010 "] {
      XCTAssertEqual(CalendarDate(typed: text), june24, text)
    }
    XCTAssertEqual(CalendarDate(typed: "29-02-2012"), CalendarDate(year: 2012, month: 2, day: 29))
    for text in [
      "", "31-02-2011", "2011-02-29", "24-06-10", "24-06-2010x", "i går", "2010/06/24", "124-06-2010",
      "2010-6-24", "12-31-2012",
    ] {
      XCTAssertNil(CalendarDate(typed: text), text)
    }
  }
}
