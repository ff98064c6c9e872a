import Citizen
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

final class ContractPreviewTests: CitizenTestCase {
  func site() throws -> CitizenSite {
    try CitizenSite(
      store: store,
      templates: try TemplateLibrary(directory: Self.projectRoot.appendingPathComponent("Templates").path),
      staticFiles: try StaticFiles(root: Self.projectRoot.appendingPathComponent("Public").path))
  }

  func testPreviewShowsTheDraftAsCitizensWillSeeItMarkedAndNeverCachedOrIndexed() throws {
    let (municipality, contract) = try municipalityWithContract()
    let secret = "Forhåndsvistmål\(UInt32.random(in: 0...UInt32.max))"
    let draftId = try publishVersion(municipality.code, goals: [Self.goal(secret)], publish: false)
    let preview = try site().previewContract(versionId: draftId)
    XCTAssertEqual(preview.status, .ok)
    XCTAssertEqual(preview.headers["Cache-Control"], "no-store")
    XCTAssertEqual(preview.headers["X-Robots-Tag"], "noindex, nofollow")
    let text = try preview.bodyText()
    XCTAssertTrue(text.contains("Forhåndsvisning – ikke offentliggjort"), text)
    XCTAssertTrue(text.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"))
    XCTAssertTrue(text.contains(secret))
    XCTAssertTrue(text.contains("Tema for \(secret)"))
    XCTAssertTrue(text.contains("<h1>\(escaped(municipality.name))</h1>"))
    XCTAssertTrue(text.contains("Ikke vedtaget endnu"))
    // The goals of the version in force are not in the draft (it replaced its areas), so not in the preview.
    let oldTitle = try XCTUnwrap(contract.version.areas.flatMap(\.goals).first?.title)
    XCTAssertFalse(text.contains(escaped(oldTitle)), oldTitle)

    // The public page is the same as before: the version in force, no banner, indexable.
    let page = try get("/kommune/\(municipality.code)")
    XCTAssertFalse(page.text.contains(secret))
    XCTAssertFalse(page.text.contains("Forhåndsvisning"))
    XCTAssertFalse(page.text.contains("noindex"))
    XCTAssertTrue(page.text.contains("version \(contract.version.number)"))
  }

  func testPreviewOfAnAdoptedUnpublishedVersionAndOfAnUnknownOne() throws {
    let (municipality, _) = try municipalityWithContract()
    let secret = "Vedtagetmål\(UInt32.random(in: 0...UInt32.max))"
    let versionId = try publishVersion(municipality.code, goals: [Self.goal(secret)], publish: false)
    try store.adopt(
      versionId: versionId, Adoption(adoptedOn: try today(), meetingReference: "Byrådet, punkt 3"))
    let text = try site().previewContract(versionId: versionId).bodyText()
    XCTAssertTrue(text.contains(secret))
    XCTAssertTrue(text.contains("Byrådet, punkt 3"))
    XCTAssertTrue(text.contains("Ikke offentliggjort endnu"))
    XCTAssertFalse(text.contains("Ikke vedtaget endnu"))
    let unknown =
      (try store.versionHistory(municipalityCode: municipality.code).map(\.id).max() ?? 0) + 1_000_000
    XCTAssertThrowsError(try site().previewContract(versionId: unknown))
  }
}

extension Response {
  /// The body of a rendered page as text.
  fileprivate func bodyText() throws -> String {
    guard case .bytes(let bytes) = body else {
      XCTFail("the page is not rendered in one piece")
      return ""
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
