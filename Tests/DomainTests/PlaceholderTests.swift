import XCTest

final class DomainPlaceholderTests: XCTestCase {
  func testNothingYet() {}
}
