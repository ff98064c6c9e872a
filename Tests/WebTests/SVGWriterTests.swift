import Domain
import XCTest

@testable import Web

final class SVGWriterTests: XCTestCase {
  private func written(_ write: (inout SVGWriter) -> Void) -> String {
    var writer = SVGWriter(capacity: 1)
    write(&writer)
    return String(decoding: writer.finish(), as: UTF8.self)
  }

  func testCoordinatesHaveAtMostOneDecimalRoundedHalfAwayFromZero() {
    let cases: [(Double, String)] = [
      (0, "0"), (0.04, "0"), (0.05, "0.1"), (-0.05, "-0.1"), (-0.04, "0"), (7, "7"), (12.34, "12.3"),
      (99.96, "100"), (100, "100"), (105.5, "105.5"), (319.96, "320"), (1234.5, "1234.5"), (-27.25, "-27.3"),
      (20_000.04, "20000"), (1e9, "1000000"), (-1e9, "-1000000"), (.nan, "0"), (.infinity, "1000000"),
    ]
    for (value, text) in cases {
      XCTAssertEqual(written { $0.number(value) }, text, "\(value)")
    }
  }

  func testAttributesPointsAndEscapedTextGrowTheBufferAsNeeded() {
    let long = String(repeating: "<&>", count: 500)
    let text = written {
      $0.markup("<text")
      $0.attribute("x", 3.25)
      $0.markup(">")
      $0.escaped(long)
      $0.markup("</text>")
      $0.point(1, -2)
    }
    XCTAssertEqual(
      text, #"<text x="3.3">"# + String(repeating: "&lt;&amp;&gt;", count: 500) + "</text>1,-2")
  }

  func testDanishNumbersQuantitiesDatesAndIntegersAreWrittenAsTheirTextsSayThem() throws {
    let values: [Double] = [
      0, -0.004, 0.005, 82.5, 1250, -1234.5, 999.999, 1_234_567.891, 1e20, -3e25, .nan, .infinity,
    ]
    for value in values {
      XCTAssertEqual(written { $0.danishNumber(value) }, DanishNumber.format(value), "\(value)")
      XCTAssertEqual(
        written { $0.danishNumber(value, maximumFractionDigits: 4) },
        DanishNumber.format(value, maximumFractionDigits: 4), "\(value)")
      for unit in [nil, "", "%", "kr."] {
        XCTAssertEqual(written { $0.quantity(value, unit: unit) }, DanishNumber.format(value, unit: unit))
      }
    }
    XCTAssertEqual(written { $0.quantity(5, unit: "<b>") }, "5 &lt;b&gt;")
    for text in ["2012-12-31", "0009-01-05", "9999-02-28"] {
      let date = try XCTUnwrap(CalendarDate(text))
      XCTAssertEqual(written { $0.date(date) }, date.danishNumeric)
    }
    for value in [0, 7, 10, 2013, -45, Int.max, Int.min] {
      XCTAssertEqual(written { $0.integer(value) }, String(value))
    }
  }

  func testIdentifiersKeepOnlyLettersDigitsAndDashUnderscoreAndDot() {
    XCTAssertEqual(written { $0.identifier("goal-7") }, "goal-7")
    XCTAssertEqual(written { $0.identifier("a\"b<c>&é") }, "a-b-c----", "é is two bytes")
    XCTAssertEqual(written { $0.identifier("7_x.y") }, "c-7_x.y")
    XCTAssertEqual(written { $0.identifier("") }, "c-")
  }

  func testPairedAttributesShareOneValueAndFragmentsRepeatWhatWasWritten() {
    XCTAssertEqual(written { $0.attributes("x1", "x2", -12.34) }, #" x1="-12.3" x2="-12.3""#)
    XCTAssertEqual(written { $0.attributes("cy", "y", 5) }, #" cy="5" y="5""#)
    let end = SVGFragment {
      $0.attribute("y", 142)
      $0.markup(">")
    }
    XCTAssertEqual(
      written {
        $0.markup("<text")
        $0.fragment(end)
        $0.markup("a</text><text")
        $0.fragment(end)
      }, #"<text y="142">a</text><text y="142">"#)
  }
}
