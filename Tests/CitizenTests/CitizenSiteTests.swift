import XCTest

@testable import Citizen

final class CitizenSiteTests: XCTestCase {
  func testModuleLinks() {
    XCTAssertNotNil(CitizenSite.self)
  }
}
