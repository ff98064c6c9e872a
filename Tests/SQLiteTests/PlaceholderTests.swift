import XCTest

final class SQLitePlaceholderTests: XCTestCase {
  func testNothingYet() {}
}
