import XCTest

@testable import HTTP

final class HTTPDateTests: XCTestCase {
  func testFormatKnownInstants() {
    XCTAssertEqual(HTTPDate.format(0), "Thu, 01 Jan 1970 00:00:00 GMT")
    XCTAssertEqual(HTTPDate.format(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT")
    XCTAssertEqual(HTTPDate.format(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT")
    XCTAssertEqual(HTTPDate.format(-1), "Wed, 31 Dec 1969 23:59:59 GMT")
  }

  func testParseAllThreeForms() {
    XCTAssertEqual(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"), 784_111_777)
    XCTAssertEqual(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"), 784_111_777)
    XCTAssertEqual(HTTPDate.parse("Sun Nov  6 08:49:37 1994"), 784_111_777)
  }

  func testParseRejectsMalformed() {
    for text in [
      "", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT",
      "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT ",
      "Sun Nov 6 08:49:37 1994",
    ] {
      XCTAssertNil(HTTPDate.parse(text), text)
    }
  }

  func testRoundTripOverManyDays() {
    var seconds = -86_400 * 365
    while seconds < 4_102_444_800 {
      XCTAssertEqual(HTTPDate.parse(HTTPDate.format(seconds)), seconds)
      seconds += 86_400 * 7 + 3_671
    }
  }
}
