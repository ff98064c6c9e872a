import Citizen
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

/// The admin module's preview of a follow-up: the citizen page, drawn from a follow-up that need not be published.
final class FollowUpPreviewTests: CitizenTestCase {
  var site: CitizenSite!

  override func setUpWithError() throws {
    try super.setUpWithError()
    let templates = try TemplateLibrary(directory: Self.projectRoot.appendingPathComponent("Templates").path)
    let staticFiles = try StaticFiles(root: Self.projectRoot.appendingPathComponent("Public").path)
    site = try CitizenSite(store: store, templates: templates, staticFiles: staticFiles)
  }

  override func tearDownWithError() throws {
    site = nil
    try super.tearDownWithError()
  }

  static let banner = "<div class=\"preview-banner\">"

  func text(_ response: Response) -> String {
    guard case .bytes(let bytes) = response.body else { return "" }
    return String(decoding: bytes, as: UTF8.self)
  }

  func testAnUnpublishedFollowUpIsShownWithTheBannerAndNeverStored() throws {
    let (municipality, contract) = try municipalityWithContract()
    let goals = contract.version.areas.sorted { ($0.position, $0.id) < ($1.position, $1.id) }.flatMap {
      $0.goals.sorted { ($0.position, $0.id) < ($1.position, $1.id) }
    }
    let taken = Set(try store.followUps(municipalityCode: municipality.code).map(\.budgetYear))
    let year = try XCTUnwrap((2014...2100).first { !taken.contains($0) })
    let id = try store.createFollowUp(municipalityCode: municipality.code, budgetYear: year)
    // Statuses in reverse order: the page still lists them in the contract's order.
    for goal in goals.reversed() {
      try store.setStatus(
        followUpId: id,
        GoalStatus(
          goalId: goal.id, statusText: "Forhåndsstatus \(goal.id)", measuredValue: 42.5,
          measuredOn: CalendarDate(year: 2025, month: 6, day: 1), result: .notReached,
          followUpText: "Opfølgning \(goal.id)"))
    }
    let response = try site.previewFollowUp(followUpId: id)
    XCTAssertEqual(response.status.code, 200)
    XCTAssertEqual(response.headers["Cache-Control"], "no-store")
    XCTAssertEqual(response.headers["X-Robots-Tag"], "noindex, nofollow")
    let page = text(response)
    XCTAssertTrue(page.contains(Self.banner))
    XCTAssertTrue(page.contains("Forhåndsvisning – ikke offentliggjort"))
    XCTAssertTrue(page.contains("Opfølgningsredegørelse for budgetåret \(year)"))
    let positions = try goals.map { goal in
      try XCTUnwrap(page.range(of: "Forhåndsstatus \(goal.id)"), goal.title).lowerBound
    }
    XCTAssertEqual(positions, positions.sorted(), "statuses in the contract's order")
    for goal in goals { XCTAssertTrue(page.contains("Opfølgning \(goal.id)")) }
    XCTAssertTrue(page.contains(DanishNumber.format(42.5, unit: goals[0].unit)))
    try get("/kommune/\(municipality.code)/opfoelgning/\(year)", status: 404)
  }

  func testAPublishedFollowUpPreviewsAsItsPublicPageWithTheBanner() throws {
    let published = try XCTUnwrap(
      try store.municipalities().lazy.compactMap { municipality in
        try self.store.followUps(municipalityCode: municipality.code).first { $0.publishedOn != nil }
      }.first)
    let publicPage = try get("/kommune/\(published.municipalityCode)/opfoelgning/\(published.budgetYear)")
      .text
    XCTAssertFalse(publicPage.contains(Self.banner))
    let preview = text(try site.previewFollowUp(followUpId: published.id))
    let start = try XCTUnwrap(preview.range(of: Self.banner))
    let end = try XCTUnwrap(preview.range(of: "</div>\n</div>", range: start.upperBound..<preview.endIndex))
    var withoutBanner = preview
    withoutBanner.removeSubrange(start.lowerBound..<end.upperBound)
    withoutBanner = withoutBanner.replacingOccurrences(
      of: "<meta name=\"robots\" content=\"noindex, nofollow\">\n", with: "")
    XCTAssertEqual(
      withoutBanner.replacingOccurrences(of: "\n\n", with: "\n"),
      publicPage.replacingOccurrences(of: "\n\n", with: "\n"))
  }

  func testAFollowUpThatDoesNotExistCannotBePreviewed() throws {
    let largest =
      try store.municipalities().flatMap { try store.followUps(municipalityCode: $0.code) }
      .map(\.id).max() ?? 0
    XCTAssertThrowsError(try site.previewFollowUp(followUpId: largest + 1))
  }
}
