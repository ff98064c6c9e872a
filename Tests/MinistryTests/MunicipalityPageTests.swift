import Domain
import Store
import XCTest

/// The municipality page on the seeded data: every finding of the Store is on it, in its section, with working
/// links; unknown codes and bad dates are refused in Danish.
final class MunicipalityPageTests: RuleScenarioCase {
  func testEveryFindingOfASeededMunicipalityIsOnThePageInItsSection() throws {
    for asOf in ["2010-07-02", "2011-10-16", "2012-12-31"] {
      let findings = try store.compliance(asOf: date(asOf))
      let failing = Dictionary(
        grouping: findings.filter { if case .failed = $0.outcome { true } else { false } }
      ) {
        $0.municipalityCode
      }
      let worst = try XCTUnwrap(failing.max { $0.value.count < $1.value.count }?.key, asOf)
      let mine = findings.filter { $0.municipalityCode == worst }
      let html = try browser.get("/ministeriet/kommune/\(worst)?dato=\(asOf)").text
      func count(_ match: (ComplianceOutcome) -> Bool) -> Int { mine.filter { match($0.outcome) }.count }
      XCTAssertEqual(
        items("Overtrådt", in: html).count, count { if case .failed = $0 { true } else { false } }, asOf)
      XCTAssertEqual(items("Overholdt", in: html).count, count { $0 == .met }, asOf)
      XCTAssertEqual(
        items("Frist ikke nået", in: html).count, count { if case .notYetDue = $0 { true } else { false } },
        asOf)
      XCTAssertEqual(items("Ikke relevant", in: html).count, count { $0 == .notApplicable }, asOf)
      let rules = Set(items("Overtrådt", in: html).map { $0.components(separatedBy: ":")[0] })
      let expected = Set(
        mine.filter { if case .failed = $0.outcome { true } else { false } }.map {
          $0.rule == .firstContract ? "§8, stk. 2" : $0.rule.rule.rawValue
        })
      XCTAssertEqual(rules, expected, asOf)
    }
  }

  func testThePageLinksToThePublicPageAndTheAuditLog() throws {
    let municipality = try XCTUnwrap(store.municipalities().first { $0.code != code })
    let html = try browser.get("/ministeriet/kommune/\(municipality.code)").text
    XCTAssertTrue(html.contains("<h1>\(municipality.name) "))
    XCTAssertTrue(html.contains(try store.today().danishText), "as of Danish today by default")
    for link in ["/kommune/\(municipality.code)", "/admin/kommune/\(municipality.code)/log"] {
      XCTAssertTrue(html.contains("href=\"\(link)\""), link)
      XCTAssertEqual(try browser.get(link).status, 200, link)
    }
    XCTAssertTrue(html.contains("href=\"/ministeriet/frister?dato=\(try store.today())\""))
  }

  func testAnUnknownCodeIsNotFoundAndABadDateABadRequest() throws {
    let unknown = try browser.get("/ministeriet/kommune/0000")
    XCTAssertEqual(unknown.status, 404)
    XCTAssertTrue(unknown.text.contains("Der er ingen kommune med koden «0000»."), unknown.text)
    let badDate = try browser.get("/ministeriet/kommune/\(code)?dato=2011-02-30")
    XCTAssertEqual(badDate.status, 400)
    XCTAssertTrue(badDate.text.contains("er ikke en dato"))
    XCTAssertEqual(try browser.get("/ministeriet/frister?dato=igaar").status, 400)
  }

  func testTheDateFormKeepsTheChosenDate() throws {
    let html = try page(asOf: "2010-07-01")
    XCTAssertTrue(html.contains("name=\"dato\" type=\"text\" inputmode=\"numeric\" value=\"2010-07-01\""))
    XCTAssertTrue(html.contains("<time datetime=\"2010-07-01\">1. juli 2010</time>"))
    XCTAssertTrue(html.contains("<h1>\(townName) "))
  }
}
