import Domain
import XCTest

@testable import Admin

final class DraftGoalFormTests: XCTestCase {
  func testTheGoalFormSavesWithATitleAndReportsEachProblemByField() throws {
    var form = DraftGoalForm()
    form.title = "Kort ventetid"
    let goal = try form.validated().get()
    XCTAssertEqual(goal.title, "Kort ventetid")
    XCTAssertNil(goal.indicator)
    XCTAssertNil(goal.targetValue)

    form.title = ""
    form.baselineValue = "mange"
    form.baselineDate = "2012-06-01"
    form.targetDate = "01-06-2012"
    form.direction = "sideways"
    guard case .failure(let problems) = form.validated() else { return XCTFail("accepted") }
    XCTAssertEqual(
      problems.messages.map(\.field), ["betegnelse", "udgangsvaerdi", "maaldato", "retning"])
  }
}
