import Citizen
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

final class CitizenPagesTests: CitizenTestCase {
  func testFrontPageListsEveryMunicipalityByRegionWithDanishLettersIntact() throws {
    let page = try get("/").text
    let municipalities = try store.municipalities()
    XCTAssertEqual(municipalities.count, 98)
    for municipality in municipalities {
      XCTAssertTrue(
        page.contains("<a href=\"/kommune/\(municipality.code)\">\(escaped(municipality.name))</a>"),
        municipality.name)
    }
    for region in try store.regions() { XCTAssertTrue(page.contains(escaped(region.name)), region.name) }
    XCTAssertTrue(page.contains("<html lang=\"da\">"))
    XCTAssertTrue(page.contains("href=\"#indhold\""), "skip link")
    XCTAssertTrue(page.contains("action=\"/soeg\""), "search form")
    let latest = try XCTUnwrap(try store.latestPublications(limit: 1).first)
    XCTAssertTrue(page.contains(escaped(latest.municipalityName)))
  }

  func testFrontPageSortsDanishLettersLastWithinARegion() throws {
    let page = try get("/").text
    let municipalities = try store.municipalities()
    guard let aeroe = municipalities.first(where: { $0.name.hasPrefix("Æ") }) else {
      throw XCTSkip("no Æ name")
    }
    let region = municipalities.filter { $0.regionCode == aeroe.regionCode }.map(\.name)
    guard let aa = region.first(where: { $0.hasPrefix("Aa") }),
      let v = region.first(where: { $0.hasPrefix("V") })
    else { throw XCTSkip("the region has no Aa or V names") }
    let position = { (name: String) in page.range(of: ">\(name)</a>")!.lowerBound }
    XCTAssertLessThan(position(v), position(aeroe.name))
    XCTAssertLessThan(position(aeroe.name), position(aa), "Danish order: Æ before Å, and Aa is Å")
  }

  func testMunicipalityPageShowsEveryGoalOfTheVersionInForce() throws {
    let (municipality, contract) = try municipalityWithContract()
    let page = try get("/kommune/\(municipality.code)").text
    XCTAssertTrue(page.contains("<h1>\(escaped(municipality.name))</h1>"))
    XCTAssertTrue(page.contains("version \(contract.version.number)"))
    for area in contract.version.areas {
      XCTAssertTrue(page.contains(escaped(area.name)), area.name)
      for goal in area.goals {
        XCTAssertTrue(page.contains(escaped(goal.title)), goal.title)
        XCTAssertTrue(page.contains(escaped(goal.means)), goal.means)
        XCTAssertTrue(page.contains("/kommune/\(municipality.code)/maal/\(goal.lineage)"))
      }
    }
    for (lineage, status) in contract.latestStatuses {
      XCTAssertTrue(page.contains(escaped(status.status.statusText)), "status of \(lineage)")
    }
  }

  func testLatePublicationIsMarkedAndOnTimeIsNot() throws {
    let (late, _) = try municipalityWithContract { $0.version.publishedLate == true }
    XCTAssertTrue(try get("/kommune/\(late.code)").text.contains("offentliggjort for sent"))
    let (onTime, _) = try municipalityWithContract { contract in contract.version.publishedLate == false }
    let followUpsLate = try store.followUps(municipalityCode: onTime.code).contains {
      $0.publishedLate == true
    }
    XCTAssertEqual(try get("/kommune/\(onTime.code)").text.contains("offentliggjort for sent"), followUpsLate)
  }

  func testTargetAdjustmentShownOldToNewWithReason() throws {
    let (municipality, contract) = try municipalityWithContract { !$0.adjustments.isEmpty }
    let page = try get("/kommune/\(municipality.code)").text
    for adjustment in contract.adjustments.values.flatMap({ $0 }) {
      XCTAssertTrue(page.contains(escaped(adjustment.reason)))
    }
    XCTAssertTrue(page.contains("Målet er justeret"))
  }

  func testMarkupInGoalTextsComesOutInert() throws {
    let code = try XCTUnwrap(try store.municipalities().first?.code)
    let hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"
    try publishVersion(
      code, goals: [Self.goal("Titel \(hostile)", text: "Mål \(hostile)", means: "Veje \(hostile)")])
    let lineage = try XCTUnwrap(
      try store.contractInForce(municipalityCode: code, asOf: try today())?.version.areas.first?.goals.first?
        .lineage)
    let areaId = try XCTUnwrap(try store.serviceAreas().first { $0.name == "Folkeskole" }?.id)
    for target in [
      "/kommune/\(code)", "/kommune/\(code)/maal/\(lineage)", "/kommune/\(code)/historik",
      "/omraade/\(areaId)", "/",
    ] {
      let page = try get(target).text
      XCTAssertFalse(page.contains("<script"), target)
      XCTAssertFalse(page.contains("<img"), target)
      if target != "/kommune/\(code)/historik" && target != "/" {
        XCTAssertTrue(page.contains(escaped(hostile)), target)
      }
    }
  }

  func testDraftsAndUnpublishedVersionsNeverShow() throws {
    let (municipality, contract) = try municipalityWithContract()
    let secret = "Hemmeligtudkastord\(UInt32.random(in: 0...UInt32.max))"
    let draftId = try publishVersion(municipality.code, goals: [Self.goal(secret)], publish: false)
    let draft = try XCTUnwrap(try store.version(id: draftId))
    let lineage = try XCTUnwrap(draft.areas.first?.goals.first?.lineage)
    XCTAssertFalse(try get("/kommune/\(municipality.code)").text.contains(secret))
    XCTAssertFalse(try get("/kommune/\(municipality.code)/historik").text.contains("Version \(draft.number)"))
    try get("/kommune/\(municipality.code)/maal/\(lineage)", status: 404)
    try get("/kommune/\(municipality.code)/version/\(draft.number)", status: 404)
    // Adopted but not published: still not public.
    try store.adopt(
      versionId: draftId, Adoption(adoptedOn: try today(), meetingReference: "Byrådet, punkt 2"))
    XCTAssertFalse(try get("/kommune/\(municipality.code)").text.contains(secret))
    try get("/kommune/\(municipality.code)/version/\(draft.number)", status: 404)
    XCTAssertTrue(
      try get("/kommune/\(municipality.code)").text.contains("version \(contract.version.number)"))
    // Published: now it is the version in force.
    try store.publish(versionId: draftId, on: try today())
    XCTAssertTrue(try get("/kommune/\(municipality.code)").text.contains(secret))
    XCTAssertTrue(try get("/kommune/\(municipality.code)/maal/\(lineage)").text.contains(secret))
  }

  func testGoalPageShowsItsHistoryAcrossVersions() throws {
    let (municipality, contract) = try municipalityWithContract { $0.version.number > 1 }
    let goal = try XCTUnwrap(contract.version.areas.flatMap(\.goals).first)
    let history = try store.goalHistory(lineage: goal.lineage).filter { $0.publishedOn != nil }
    let page = try get("/kommune/\(municipality.code)/maal/\(goal.lineage)").text
    XCTAssertTrue(page.contains("<h1>\(escaped(goal.title))</h1>"))
    for entry in history {
      XCTAssertTrue(page.contains("/kommune/\(municipality.code)/version/\(entry.versionNumber)\""))
    }
    // Another municipality's code with this goal: not found.
    let other = try XCTUnwrap(try store.municipalities().first { $0.code != municipality.code })
    try get("/kommune/\(other.code)/maal/\(goal.lineage)", status: 404)
  }

  func testHistoryAndComparisonNameWhatChanged() throws {
    let code = try XCTUnwrap(try store.municipalities().last?.code)
    try publishVersion(code, goals: [Self.goal("Læsning"), Self.goal("Trivsel")])
    let first = try XCTUnwrap(try store.contractInForce(municipalityCode: code, asOf: try today())).version
    let reading = try XCTUnwrap(first.areas.first?.goals.first { $0.title == "Læsning" })
    let draftId = try store.createDraft(municipalityCode: code, changeNote: "Ny udgave")
    let draft = try XCTUnwrap(try store.version(id: draftId))
    let goals = try XCTUnwrap(draft.areas.first?.goals)
    var changed = try XCTUnwrap(goals.first { $0.lineage == reading.lineage })
    changed.goalText = "Mindst 95 % læser alderssvarende"
    try store.updateGoal(id: changed.id, changed)
    try store.removeGoal(id: try XCTUnwrap(goals.first { $0.title == "Trivsel" }).id)
    _ = try store.addGoal(versionAreaId: try XCTUnwrap(draft.areas.first?.id), Self.goal("Fravær"))
    try store.adopt(
      versionId: draftId, Adoption(adoptedOn: try today(), meetingReference: "Byrådet, punkt 3"))
    try store.publish(versionId: draftId, on: try today())

    let wellBeing = try XCTUnwrap(first.areas.first?.goals.first { $0.title == "Trivsel" })
    let notInForce = "ikke med i den kontrakt, der gælder nu"
    XCTAssertTrue(try get("/kommune/\(code)/maal/\(wellBeing.lineage)").text.contains(notInForce))
    XCTAssertFalse(try get("/kommune/\(code)/maal/\(reading.lineage)").text.contains(notInForce))
    let history = try get("/kommune/\(code)/historik").text
    XCTAssertTrue(history.contains("sammenlign?fra=\(first.number)&amp;til=\(draft.number)"))
    let comparison = try get("/kommune/\(code)/sammenlign?fra=\(first.number)&til=\(draft.number)").text
    XCTAssertTrue(comparison.contains("Nyt mål"))
    XCTAssertTrue(comparison.contains("Fravær"))
    XCTAssertTrue(comparison.contains("Mål fjernet"))
    XCTAssertTrue(comparison.contains("Trivsel"))
    XCTAssertTrue(comparison.contains("Mindst 95 % læser alderssvarende"))
    XCTAssertTrue(
      try get("/kommune/\(code)/sammenlign?fra=abc", status: 400).text.contains("findes ikke blandt"),
      "the reason is on the page")
    try get("/kommune/\(code)/sammenlign?fra=999", status: 400)
  }

  func testFollowUpPageOnlyWhenPublished() throws {
    let municipalities = try store.municipalities()
    var checkedPublished = false
    var checkedUnpublished = false
    for municipality in municipalities {
      for followUp in try store.followUps(municipalityCode: municipality.code) {
        let target = "/kommune/\(municipality.code)/opfoelgning/\(followUp.budgetYear)"
        if followUp.publishedOn != nil, !checkedPublished {
          let page = try get(target).text
          let statement = try XCTUnwrap(try store.followUp(id: followUp.id))
          for status in statement.statuses { XCTAssertTrue(page.contains(escaped(status.statusText))) }
          checkedPublished = true
        } else if followUp.publishedOn == nil, !checkedUnpublished {
          try get(target, status: 404)
          checkedUnpublished = true
        }
      }
    }
    XCTAssertTrue(checkedPublished)
    XCTAssertTrue(checkedUnpublished)
  }

  func testAreaPageSetsGoalsSideBySideWithTheNote() throws {
    let uses = try store.areasInUse(asOf: try today())
    let use = try XCTUnwrap(uses.max { $0.municipalities < $1.municipalities })
    XCTAssertTrue(try get("/omraader").text.contains("/omraade/\(use.area.id)"))
    let page = try get("/omraade/\(use.area.id)").text
    XCTAssertTrue(page.contains("Hver kommune sætter sine egne mål"))
    let groups = try store.areaGoals(serviceAreaId: use.area.id, asOf: try today())
    XCTAssertEqual(groups.count, use.municipalities)
    for group in groups {
      XCTAssertTrue(page.contains(escaped(group.municipality.name)))
      for goal in group.goals { XCTAssertTrue(page.contains(escaped(goal.title))) }
    }
    try get("/omraade/999999", status: 404)
  }

  func testErrorPagesUseTheSiteDesign() throws {
    for target in [
      "/findes-ikke", "/kommune/9999", "/kommune/abc", "/kommune/0101/maal/999999", "/omraade/0",
    ] {
      let page = try get(target, status: 404)
      XCTAssertTrue(page.text.contains("Siden findes ikke"), target)
      XCTAssertFalse(page.text.contains("Not found"), "the HTTP layer's English text stays out: \(target)")
      XCTAssertTrue(page.text.contains("class=\"site-header\""), target)
      XCTAssertEqual(page.headers["Content-Type"], "text/html; charset=utf-8")
    }
    let client = try TestClient(port: server.boundPort)
    let reply = try client.request("POST", "/om", body: "x=1")
    XCTAssertEqual(reply.status, 405)
    XCTAssertEqual(reply.headers["Allow"].map { $0.contains("GET") }, true)
  }

  func testInformationPagesAndStylesheet() throws {
    let about = try get("/om").text
    let calendar = try store.ruleCalendar()
    XCTAssertTrue(about.contains("\(calendar.firstFollowUpBudgetYear)"))
    XCTAssertTrue(try get("/tilgaengelighed").text.contains("WCAG 2.1"))
    XCTAssertTrue(about.contains("href=\"/tilgaengelighed\""), "footer links the accessibility statement")
    let stylesheet = try XCTUnwrap(
      about.range(of: #"href="(/static/css/site[^"]+\.css)""#, options: .regularExpression).map {
        String(about[$0].dropFirst(6).dropLast())
      })
    let css = try get(stylesheet)
    XCTAssertEqual(css.headers["Content-Type"]?.hasPrefix("text/css"), true)
    XCTAssertEqual(css.headers["Cache-Control"]?.contains("immutable"), true)
    XCTAssertTrue(css.text.contains("@media print"))
  }

  func testExampleBannerOnlyOnPagesWithExampleData() throws {
    let (example, _) = try municipalityWithContract { $0.version.isExample }
    XCTAssertTrue(try get("/kommune/\(example.code)").text.contains("Eksempeldata"))
    XCTAssertFalse(try get("/tilgaengelighed").text.contains("Eksempeldata"))
    let code = try XCTUnwrap(try store.municipalities().first { $0.code != example.code }?.code)
    try store.removeExamples()
    try publishVersion(code, goals: [Self.goal("Rigtigt mål")])
    XCTAssertFalse(try get("/kommune/\(code)").text.contains("Eksempeldata"))
  }
}

final class ErrorPageTests: XCTestCase {
  struct SecretFailure: Error, CustomStringConvertible {
    var description: String { "secret-internal-detail" }
  }

  func testAFailingHandlerGetsTheSite500PageWithoutDetails() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "error-pages-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store.open(path: folder.appendingPathComponent("test.sqlite").path, readers: 1)
    let root = CitizenTestCase.projectRoot
    var router = Router()
    try CitizenSite(
      store: store, templates: try TemplateLibrary(directory: root.appendingPathComponent("Templates").path),
      staticFiles: try StaticFiles(root: root.appendingPathComponent("Public").path)
    ).register(on: &router)
    router.get("/fejl") { _ in throw SecretFailure() }
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.accessLog = false
    let server = HTTPServer(configuration: configuration, responder: router)
    try server.start()
    defer { server.shutdown() }
    let reply = try TestClient(port: server.boundPort).request("GET", "/fejl")
    XCTAssertEqual(reply.status, 500)
    XCTAssertTrue(reply.text.contains("Der skete en fejl"))
    XCTAssertTrue(reply.text.contains("class=\"site-header\""))
    XCTAssertFalse(reply.text.contains("secret-internal-detail"))
  }
}
