import Domain
import Foundation
import Store
import XCTest

final class SearchPageTests: CitizenTestCase {
  func testResultsAreGroupedByMunicipalityWithTheMatchHighlighted() throws {
    let query = try XCTUnwrap(SearchQuery.parse("ældre"))
    let groups = try store.search(query, asOf: try today())
    XCTAssertFalse(groups.isEmpty)
    for typed in ["ældre", "aeldre", "ÆLDRE"] {
      let encoded = typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
      let page = try get("/soeg?q=\(encoded)").text
      for group in groups {
        XCTAssertTrue(
          page.contains("<a href=\"/kommune/\(group.municipalityCode)\">"), group.municipalityName)
        for hit in group.hits {
          XCTAssertTrue(page.contains("/kommune/\(group.municipalityCode)/maal/\(hit.goalLineage)"))
        }
      }
      XCTAssertTrue(page.contains("<mark>Ældre</mark>") || page.contains("<mark>ældre</mark>"), typed)
      XCTAssertTrue(page.contains("value=\"\(escaped(typed))\""), "the query is kept in the field")
    }
  }

  func testTheQueryComesBackInertAndNonsenseGetsAMessage() throws {
    let hostile = "<script>alert(1)</script>"
    let page = try get("/soeg?q=" + hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
      .text
    XCTAssertFalse(page.contains("<script>"))
    XCTAssertTrue(page.contains(escaped(hostile)))
    let nonsense = try get("/soeg?q=%22%2A%3A").text
    XCTAssertTrue(nonsense.contains("mindst ét ord"))
    let empty = try get("/soeg").text
    XCTAssertFalse(empty.contains("id=\"resultater\""))
    XCTAssertTrue(try get("/soeg?q=zzqqxxyy").text.contains("Ingen resultater"))
  }

  func testDraftWordsAreNotFound() throws {
    let code = try XCTUnwrap(try store.municipalities().first?.code)
    let word = "Hemmeligsoegeord"
    try publishVersion(code, goals: [Self.goal(word)], publish: false)
    XCTAssertTrue(try get("/soeg?q=\(word)").text.contains("Ingen resultater"))
    let draft = try XCTUnwrap(try store.draft(municipalityCode: code))
    try store.adopt(
      versionId: draft.id, Adoption(adoptedOn: try today(), meetingReference: "Byrådet, punkt 9"))
    try store.publish(versionId: draft.id, on: try today())
    XCTAssertTrue(try get("/soeg?q=\(word.lowercased())").text.contains("<mark>\(word)</mark>"))
  }
}
