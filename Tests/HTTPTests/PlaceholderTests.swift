import XCTest

final class HTTPPlaceholderTests: XCTestCase {
  func testNothingYet() {}
}
