import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import XCTest

/// What the public API must not show (drafts, adopted but unpublished versions and follow-ups), its validators and
/// its problems.
final class PublicAPIVisibilityTests: OpenDataTestCase {
  /// A municipality with a version in force, and that version.
  func municipalityInForce() throws -> (code: String, version: ContractInForce) {
    let today = try store.today()
    for municipality in try store.municipalities() {
      if let contract = try store.contractInForce(municipalityCode: municipality.code, asOf: today) {
        return (municipality.code, contract)
      }
    }
    throw XCTSkip("the seed has no contract in force")
  }

  func versionNumbers(_ code: String) throws -> [Int] {
    let list = try XCTUnwrap(
      try json(try get("/api/v1/municipalities/\(code)/contract/versions")) as? [[String: Any]])
    return list.compactMap { $0["version"] as? Int }
  }

  func testDraftsAndUnpublishedVersionsAppearOnlyOncePublished() throws {
    let (code, inForce) = try municipalityInForce()
    let today = try store.today()
    let draftId = try store.createDraft(municipalityCode: code, changeNote: "Udkast til ændring")
    let number = try XCTUnwrap(try store.version(id: draftId)).number
    XCTAssertFalse(try versionNumbers(code).contains(number), "a draft is not listed")
    try get("/api/v1/municipalities/\(code)/contract/versions/\(number)", status: 404)

    try store.adopt(versionId: draftId, Adoption(adoptedOn: today, meetingReference: "Byrådet, punkt 7"))
    XCTAssertFalse(try versionNumbers(code).contains(number), "adopted but unpublished is not listed")
    try get("/api/v1/municipalities/\(code)/contract/versions/\(number)", status: 404)
    let contract = try json(try get("/api/v1/municipalities/\(code)/contract")) as? [String: Any]
    XCTAssertEqual(contract?["version"] as? Int, inForce.version.number)

    try store.publish(versionId: draftId, on: today)
    XCTAssertTrue(try versionNumbers(code).contains(number))
    let published = try json(try get("/api/v1/municipalities/\(code)/contract/versions/\(number)"))
    XCTAssertEqual((published as? [String: Any])?["version"] as? Int, number)
    XCTAssertEqual((published as? [String: Any])?["publishedOn"] as? String, today.description)
    let now = try json(try get("/api/v1/municipalities/\(code)/contract")) as? [String: Any]
    XCTAssertEqual(now?["version"] as? Int, number, "the new version is in force from today")
    XCTAssertEqual(now?["inForce"] as? Bool, true)
  }

  func testUnpublishedFollowUpsAppearOnlyOncePublished() throws {
    let (code, contract) = try municipalityInForce()
    let today = try store.today()
    let year = (try store.followUps(municipalityCode: code).map(\.budgetYear).max() ?? today.year) + 1
    let followUpId = try store.createFollowUp(municipalityCode: code, budgetYear: year)
    for goal in contract.version.areas.flatMap(\.goals) {
      try store.setStatus(
        followUpId: followUpId,
        GoalStatus(goalId: goal.id, statusText: "Målet er nået – også på Ærø", result: .reached))
    }
    func years() throws -> [Int] {
      let list = try json(try get("/api/v1/municipalities/\(code)/follow-ups")) as? [[String: Any]]
      return (list ?? []).compactMap { $0["budgetYear"] as? Int }
    }
    XCTAssertFalse(try years().contains(year), "a follow-up not adopted is not listed")
    try get("/api/v1/municipalities/\(code)/follow-ups/\(year)", status: 404)
    try store.adoptFollowUp(id: followUpId, Adoption(adoptedOn: today, meetingReference: "Byrådet"))
    XCTAssertFalse(try years().contains(year), "adopted but unpublished is not listed")
    try get("/api/v1/municipalities/\(code)/follow-ups/\(year)", status: 404)

    try store.publishFollowUp(id: followUpId, on: today)
    XCTAssertTrue(try years().contains(year))
    let reply = try get("/api/v1/municipalities/\(code)/follow-ups/\(year)")
    let body = try XCTUnwrap(try json(reply) as? [String: Any])
    XCTAssertEqual(body["publishedOn"] as? String, today.description)
    let statuses = (body["areas"] as? [[String: Any]] ?? []).flatMap { $0["goals"] as? [[String: Any]] ?? [] }
      .compactMap { $0["status"] as? [String: Any] }
    XCTAssertEqual(statuses.count, contract.version.areas.flatMap(\.goals).count)
    XCTAssertTrue(statuses.allSatisfy { $0["statusText"] as? String == "Målet er nået – også på Ærø" })
    XCTAssertTrue(reply.text.contains("også på Ærø"), "UTF-8 as is")
  }

  func testRevalidationAnswers304UntilSomethingIsPublished() throws {
    let (code, _) = try municipalityInForce()
    for target in [
      "/api/v1/municipalities", "/api/v1/municipalities/\(code)", "/api/v1/municipalities/\(code)/contract",
      "/api/v1/municipalities/\(code)/contract/versions", "/api/v1/municipalities/\(code)/follow-ups",
      "/api/v1/service-areas", "/api/v1/search?q=borger",
    ] {
      let first = try get(target)
      let etag = try XCTUnwrap(first.headers["ETag"], target)
      XCTAssertNotNil(first.headers["Last-Modified"], target)
      let again = try get(target, headers: ["If-None-Match: \(etag)"], status: 304)
      XCTAssertTrue(again.body.isEmpty, target)
    }
    let target = "/api/v1/municipalities/\(code)/contract/versions"
    let etag = try XCTUnwrap(try get(target).headers["ETag"])
    let draftId = try store.createDraft(municipalityCode: code)
    let today = try store.today()
    try store.adopt(versionId: draftId, Adoption(adoptedOn: today, meetingReference: "Byrådet"))
    try store.publish(versionId: draftId, on: today)
    let changed = try get(target, headers: ["If-None-Match: \(etag)"], status: 200)
    XCTAssertNotEqual(changed.headers["ETag"], etag)
  }

  @discardableResult
  func problem(_ target: String, status: Int) throws -> [String: Any] {
    let reply = try get(target, status: status)
    XCTAssertEqual(reply.headers["Content-Type"], "application/problem+json; charset=utf-8", target)
    let body = try XCTUnwrap(try json(reply) as? [String: Any], target)
    XCTAssertEqual(body["status"] as? Int, status, target)
    return body
  }

  func testErrorsAreProblemsWithDanishDetails() throws {
    let (code, _) = try municipalityInForce()
    XCTAssertEqual(
      try problem("/api/v1/municipalities/169", status: 400)["detail"] as? String,
      "Kommunekoden skal være fire cifre, f.eks. 0169.")
    try problem("/api/v1/municipalities/01x9/contract", status: 400)
    let unknown = try (1...9999).lazy.map { String(format: "%04d", $0) }.first {
      try store.municipality(code: $0) == nil
    }
    let missing = try XCTUnwrap(unknown)
    XCTAssertEqual(
      try problem("/api/v1/municipalities/\(missing)", status: 404)["detail"] as? String,
      "Kommunen \(missing) findes ikke.")
    try problem("/api/v1/municipalities/\(missing)/contract", status: 404)
    let numbers = try store.versionHistory(municipalityCode: code).map(\.number)
    let absent = (numbers.max() ?? 0) + 1
    let detail = try problem("/api/v1/municipalities/\(code)/contract/versions/\(absent)", status: 404)[
      "detail"]
    XCTAssertTrue((detail as? String ?? "").contains("offentliggjort"))
    let years = try store.followUps(municipalityCode: code).map(\.budgetYear)
    try problem("/api/v1/municipalities/\(code)/follow-ups/\((years.min() ?? 2012) - 5)", status: 404)
    try problem("/api/v1/municipalities/\(code)/follow-ups/senest", status: 404)
    let noQuery = try problem("/api/v1/search", status: 400)
    XCTAssertEqual(noQuery["detail"] as? String, "Parameteren q (søgeteksten) mangler.")
    try problem("/api/v1/search?q=%20a%20", status: 400)
  }

  func testAMunicipalityWithoutAContractHasNoneInForce() throws {
    let today = try store.today()
    let without = try store.municipalities().first {
      try store.versionInForce(municipalityCode: $0.code, asOf: today) == nil
    }
    guard let municipality = without else {
      // Make one: a new municipality with nothing published.
      let region = try XCTUnwrap(try store.regions().first)
      try store.addMunicipality(Municipality(code: "9998", name: "Prøvekommune", regionCode: region.code))
      return try checkNoContract(code: "9998")
    }
    try checkNoContract(code: municipality.code)
  }

  private func checkNoContract(code: String) throws {
    let body = try XCTUnwrap(try json(try get("/api/v1/municipalities/\(code)")) as? [String: Any])
    XCTAssertTrue(body["contract"] is NSNull)
    XCTAssertEqual(body["publishedVersions"] as? Int, 0)
    try problem("/api/v1/municipalities/\(code)/contract", status: 404)
    XCTAssertEqual(try versionNumbers(code), [])
  }
}
