import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import XCTest

/// The public read API over HTTP against the seeded Store: each endpoint's answer is compared with what the Store
/// says citizens may see.
final class PublicAPITests: OpenDataTestCase {
  /// A municipality with a version in force and at least one published follow-up: Høje-Taastrup (the seed's
  /// example after seed 004, with a lowered target) when it qualifies.
  func municipalityWithHistory() throws -> (Municipality, ContractInForce) {
    let today = try store.today()
    let all = try store.municipalities()
    for municipality in all.filter({ $0.name == "Høje-Taastrup" }) + all {
      guard let contract = try store.contractInForce(municipalityCode: municipality.code, asOf: today),
        try store.followUps(municipalityCode: municipality.code).contains(where: { $0.publishedOn != nil })
      else { continue }
      return (municipality, contract)
    }
    throw XCTSkip("the seed has no municipality with a contract and a published follow-up")
  }

  func object(_ reply: TestClient.Reply) throws -> [String: Any] {
    try XCTUnwrap(try json(reply) as? [String: Any], reply.text)
  }

  func array(_ reply: TestClient.Reply) throws -> [[String: Any]] {
    try XCTUnwrap(try json(reply) as? [[String: Any]], reply.text)
  }

  func testMunicipalitiesListEveryMunicipalityWithRegionNameAndSlug() throws {
    let reply = try get("/api/v1/municipalities")
    XCTAssertEqual(reply.headers["Content-Type"], "application/json; charset=utf-8")
    let list = try array(reply)
    let municipalities = try store.municipalities()
    XCTAssertEqual(list.map { $0["code"] as? String }, municipalities.map(\.code))
    XCTAssertEqual(list.map { $0["name"] as? String }, municipalities.map(\.name))
    let regions = Dictionary(uniqueKeysWithValues: try store.regions().map { ($0.code, $0.name) })
    XCTAssertEqual(list.map { $0["region"] as? String }, municipalities.map { regions[$0.regionCode] })
    XCTAssertEqual(Set(list.first.map { Array($0.keys) } ?? []), ["code", "name", "region", "slug"])
    let slugs = list.compactMap { $0["slug"] as? String }
    XCTAssertEqual(Set(slugs).count, municipalities.count, "slugs are unique")
    let pattern = try NSRegularExpression(pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")
    for slug in slugs {
      XCTAssertNotNil(
        pattern.firstMatch(in: slug, range: NSRange(slug.startIndex..., in: slug)), "slug \(slug)")
    }
    // Danish letters: the name as given (UTF-8), the slug folded.
    let hoeje = try XCTUnwrap(list.first { $0["name"] as? String == "Høje-Taastrup" })
    XCTAssertEqual(hoeje["slug"] as? String, "hoeje-taastrup")
    XCTAssertTrue(reply.text.contains("\"name\":\"Høje-Taastrup\""), "UTF-8 as is, not escaped")
    if let aeroe = list.first(where: { $0["name"] as? String == "Ærø" }) {
      XCTAssertEqual(aeroe["slug"] as? String, "aeroe")
    }
  }

  func testMunicipalityShowsItsVersionInForceAndPublishedFollowUps() throws {
    let (municipality, contract) = try municipalityWithHistory()
    let body = try object(try get("/api/v1/municipalities/\(municipality.code)"))
    XCTAssertEqual(body["code"] as? String, municipality.code)
    XCTAssertEqual(body["name"] as? String, municipality.name)
    let summary = try XCTUnwrap(body["contract"] as? [String: Any])
    XCTAssertEqual(summary["version"] as? Int, contract.version.number)
    XCTAssertEqual(summary["inForce"] as? Bool, true)
    XCTAssertEqual(summary["publishedOn"] as? String, contract.version.publishedOn?.description)
    XCTAssertEqual(
      summary["publicationDeadline"] as? String, contract.version.adoption?.publicationDeadline.description)
    XCTAssertEqual(summary["publishedLate"] as? Bool, contract.version.publishedLate)
    let published = try store.versionHistory(municipalityCode: municipality.code).filter {
      $0.publishedOn != nil
    }
    XCTAssertEqual(body["publishedVersions"] as? Int, published.count)
    let followUps = try XCTUnwrap(body["followUps"] as? [[String: Any]])
    let expected = try store.followUps(municipalityCode: municipality.code).filter { $0.publishedOn != nil }
    XCTAssertEqual(followUps.map { $0["budgetYear"] as? Int }, expected.map(\.budgetYear))
    XCTAssertEqual(followUps.map { $0["dueOn"] as? String }, expected.map(\.dueOn.description))
  }

  func testContractIsTheVersionInForceWithTheIssuesFieldNames() throws {
    let (municipality, contract) = try municipalityWithHistory()
    let reply = try get("/api/v1/municipalities/\(municipality.code)/contract")
    let body = try object(reply)
    for key in [
      "version", "adoptedOn", "meetingReference", "publishedOn", "publicationDeadline", "publishedLate",
      "areas",
    ] {
      XCTAssertNotNil(body[key], "contract.\(key)")
    }
    XCTAssertEqual(body["version"] as? Int, contract.version.number)
    XCTAssertEqual(body["adoptedOn"] as? String, contract.version.adoption?.adoptedOn.description)
    XCTAssertEqual(body["meetingReference"] as? String, contract.version.adoption?.meetingReference)
    let areas = try XCTUnwrap(body["areas"] as? [[String: Any]])
    XCTAssertEqual(areas.map { $0["name"] as? String }, contract.version.areas.map(\.name))
    let goals = areas.flatMap { $0["goals"] as? [[String: Any]] ?? [] }
    let storeGoals = contract.version.areas.flatMap(\.goals)
    XCTAssertEqual(goals.map { ($0["id"] as? NSNumber)?.int64Value }, storeGoals.map(\.id))
    XCTAssertFalse(goals.isEmpty)
    let latest = contract.latestStatuses
    for (json, goal) in zip(goals, storeGoals) {
      for key in [
        "id", "title", "theme", "goal", "indicator", "unit", "baseline", "target", "direction", "means",
        "adjustments", "latestStatus",
      ] {
        XCTAssertTrue(json.keys.contains(key), "goal.\(key)")
      }
      XCTAssertEqual(json["title"] as? String, goal.title)
      XCTAssertEqual(json["goal"] as? String, goal.goalText)
      XCTAssertEqual(json["direction"] as? String, goal.direction.rawValue)
      let target = try XCTUnwrap(json["target"] as? [String: Any])
      XCTAssertEqual((target["value"] as? NSNumber)?.doubleValue, goal.targetValue)
      XCTAssertEqual(target["date"] as? String, goal.targetDate?.description)
      let adjustments = try XCTUnwrap(json["adjustments"] as? [[String: Any]])
      XCTAssertEqual(
        adjustments.map { $0["reason"] as? String }, (contract.adjustments[goal.lineage] ?? []).map(\.reason))
      if let status = latest[goal.lineage] {
        let value = try XCTUnwrap(json["latestStatus"] as? [String: Any])
        XCTAssertEqual(value["budgetYear"] as? Int, status.budgetYear)
        XCTAssertEqual(value["result"] as? String, status.status.result.rawValue)
        XCTAssertEqual(value["statusText"] as? String, status.status.statusText)
      } else {
        XCTAssertTrue(json["latestStatus"] is NSNull)
      }
    }
    XCTAssertFalse(latest.isEmpty, "the example has statuses to compare")
  }

  func testVersionsListThePublishedVersionsAndEachIsAContract() throws {
    let (municipality, contract) = try municipalityWithHistory()
    let code = municipality.code
    let list = try array(try get("/api/v1/municipalities/\(code)/contract/versions"))
    let published = try store.versionHistory(municipalityCode: code).filter { $0.publishedOn != nil }
    XCTAssertEqual(list.map { $0["version"] as? Int }, published.map(\.number))
    XCTAssertEqual(
      list.map { $0["inForce"] as? Bool }, published.map { $0.id == contract.version.id })
    var adjustmentCount = 0
    for version in published {
      let body = try object(try get("/api/v1/municipalities/\(code)/contract/versions/\(version.number)"))
      XCTAssertEqual(body["version"] as? Int, version.number)
      let full = try XCTUnwrap(try store.version(id: version.id))
      let areas = try XCTUnwrap(body["areas"] as? [[String: Any]])
      XCTAssertEqual(areas.map { $0["name"] as? String }, full.areas.map(\.name))
      XCTAssertEqual(
        areas.flatMap { $0["goals"] as? [[String: Any]] ?? [] }.map { ($0["id"] as? NSNumber)?.int64Value },
        full.areas.flatMap(\.goals).map(\.id))
      let withAdjustments = try XCTUnwrap(
        try store.publishedContract(municipalityCode: code, number: version.number))
      let adjustments = areas.flatMap { $0["goals"] as? [[String: Any]] ?? [] }.map {
        ($0["adjustments"] as? [[String: Any]] ?? []).map {
          ($0["newTarget"] as? [String: Any])?["value"] as? Int
        }
      }
      let expected = full.areas.flatMap(\.goals).map {
        (withAdjustments.adjustments[$0.lineage] ?? []).map { Int($0.newTargetValue) }
      }
      XCTAssertEqual(adjustments, expected, "version \(version.number)")
      adjustmentCount += expected.joined().count
    }
    XCTAssertGreaterThan(adjustmentCount, 0, "the example's målsætning lowered from 95 % to 90 % is shown")
  }

  func testFollowUpsListThePublishedOnesWithEachGoalsStatus() throws {
    let (municipality, _) = try municipalityWithHistory()
    let code = municipality.code
    let list = try array(try get("/api/v1/municipalities/\(code)/follow-ups"))
    let published = try store.followUps(municipalityCode: code).filter { $0.publishedOn != nil }
    XCTAssertEqual(list.map { $0["budgetYear"] as? Int }, published.map(\.budgetYear))
    XCTAssertEqual(list.map { $0["publishedOn"] as? String }, published.map { $0.publishedOn?.description })
    for summary in published {
      let body = try object(try get("/api/v1/municipalities/\(code)/follow-ups/\(summary.budgetYear)"))
      let statement = try XCTUnwrap(
        try store.publishedFollowUp(municipalityCode: code, budgetYear: summary.budgetYear))
      XCTAssertEqual(body["budgetYear"] as? Int, summary.budgetYear)
      XCTAssertEqual(body["adoptedOn"] as? String, summary.adoption?.adoptedOn.description)
      let goals = (body["areas"] as? [[String: Any]] ?? []).flatMap { $0["goals"] as? [[String: Any]] ?? [] }
      XCTAssertEqual(goals.map { ($0["id"] as? NSNumber)?.int64Value }, statement.entries.map(\.goal.id))
      XCTAssertEqual(
        goals.map { ($0["status"] as? [String: Any])?["result"] as? String },
        statement.entries.map(\.status.result.rawValue))
      XCTAssertEqual(
        goals.map { ($0["status"] as? [String: Any])?["statusText"] as? String },
        statement.entries.map(\.status.statusText))
    }
  }

  func testServiceAreasHoldTheNationalListAndTheirUse() throws {
    let list = try array(try get("/api/v1/service-areas"))
    var byId: [Int64: [String: Any]] = [:]
    for item in list {
      if let id = item["id"] as? NSNumber { byId[id.int64Value] = item }
    }
    for area in try store.serviceAreas() {
      XCTAssertEqual(byId[area.id]?["name"] as? String, area.name)
      XCTAssertEqual(byId[area.id]?["national"] as? Bool, true)
    }
    let inUse = try store.areasInUse(asOf: try store.today())
    XCTAssertFalse(inUse.isEmpty)
    for use in inUse {
      XCTAssertEqual(byId[use.area.id]?["municipalities"] as? Int, use.municipalities, use.area.name)
    }
    let names = list.compactMap { $0["name"] as? String }
    XCTAssertEqual(names.count, list.count)
  }

  func testSearchAnswersWhatTheStoreFinds() throws {
    let (_, contract) = try municipalityWithHistory()
    let goal = try XCTUnwrap(contract.version.areas.first?.goals.first)
    let word = try XCTUnwrap(
      DanishFolding.words(in: goal.title).map(String.init).max { $0.count < $1.count })
    let query = try XCTUnwrap(SearchQuery.parse(word))
    let groups = try store.search(query, asOf: try store.today())
    let encoded = word.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? word
    let body = try object(try get("/api/v1/search?q=\(encoded)"))
    XCTAssertEqual(body["query"] as? String, word)
    XCTAssertEqual(body["terms"] as? [String], query.terms)
    let results = try XCTUnwrap(body["results"] as? [[String: Any]])
    XCTAssertEqual(
      results.map { ($0["municipality"] as? [String: Any])?["code"] as? String },
      groups.map(\.municipalityCode))
    let hits = results.flatMap { $0["hits"] as? [[String: Any]] ?? [] }
    XCTAssertEqual(
      hits.map { ($0["goalId"] as? NSNumber)?.int64Value }, groups.flatMap(\.hits).map(\.goalId))
    XCTAssertTrue(hits.contains { ($0["goalId"] as? NSNumber)?.int64Value == goal.id }, "finds \(word)")
  }

  func testSearchWithDanishLettersFoldsAsTheSiteDoes() throws {
    let body = try object(try get("/api/v1/search?q=%C3%A6ldre"))
    XCTAssertEqual(body["query"] as? String, "ældre")
    XCTAssertEqual(body["terms"] as? [String], ["aeldre"])
    let groups = try store.search(try XCTUnwrap(SearchQuery.parse("ældre")), asOf: try store.today())
    XCTAssertEqual((body["results"] as? [[String: Any]])?.count, groups.count)
  }
}
