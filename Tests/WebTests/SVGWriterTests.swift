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
}
