import Foundation
import XCTest

@testable import brugerinformation

/// The benchmark route must serve exactly the page the peers serve, or the comparison means nothing.
final class BenchmarkPageTests: XCTestCase {
  func testThePageIsTheOneThePeersServe() throws {
    let page = BenchmarkPage.render()
    XCTAssertEqual(page.count, 20_721)
    let text = String(decoding: page, as: UTF8.self)
    XCTAssertTrue(text.contains("Widget #1 &lt;Alpha &amp; Beta&gt;"))
    XCTAssertTrue(text.contains("O&#39;Brien &amp; &quot;Sons&quot;"))
    XCTAssertFalse(text.contains("<script>"))
    XCTAssertEqual(BenchmarkPage.render(), page, "the same bytes every time")
    // The peers' static copy, when the shared folder is beside the repository.
    let shared = repositoryRoot.appendingPathComponent("../shared/peers/nginx/page.html")
    if let reference = try? Data(contentsOf: shared) {
      XCTAssertEqual(page, Array(reference))
    }
  }
}
