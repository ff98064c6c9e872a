import Domain
import Store
import XCTest

/// The deadlines across the country: what is due and overdue, sorted by date, each row linking to its municipality.
final class DeadlinePageTests: RuleScenarioCase {
  struct Row: Equatable {
    var due: String
    var status: String
    var municipality: String
    var href: String
    var paragraph: String
    var text: String
  }

  /// The table rows of the deadlines page as of `asOf`, read from the HTML.
  func rows(asOf: String, filters: String = "") throws -> [Row] {
    let reply = try browser.get("/ministeriet/frister?dato=\(asOf)\(filters)")
    XCTAssertEqual(reply.status, 200)
    guard let body = reply.text.components(separatedBy: "<tbody>").dropFirst().first else { return [] }
    return body.components(separatedBy: "</tbody>")[0].components(separatedBy: "</tr>").dropLast().map {
      row in
      func between(_ start: String, _ end: String, in text: String) -> String {
        guard let range = text.range(of: start) else { return "" }
        return String(text[range.upperBound...]).components(separatedBy: end)[0]
      }
      let cells = row.components(separatedBy: "<td>").dropFirst().map {
        $0.components(separatedBy: "</td>")[0]
      }
      let status = cells[1].replacingOccurrences(of: "<span aria-hidden=\"true\">⚠</span> ", with: "")
        .replacingOccurrences(of: "<span aria-hidden=\"true\">◷</span> ", with: "")
        .replacingOccurrences(of: "<strong>", with: "").replacingOccurrences(of: "</strong>", with: "")
      return Row(
        due: between("datetime=\"", "\"", in: row), status: status,
        municipality: between("\">", "</a>", in: between("<th scope=\"row\">", "</th>", in: row)),
        href: between("href=\"", "\"", in: row), paragraph: cells[2], text: cells[3])
    }
  }

  /// The rows of our own municipality, those whose text contains `about` when given.
  func mine(_ rows: [Row], about: String? = nil) -> [Row] {
    rows.filter { $0.municipality == townName && (about.map($0.text.contains) ?? true) }
  }

  func testAFollowUpWithoutABudgetDateIsUpcomingThenOverdue() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    let due = calendar.followUpDefaultDue.inYear(2011).description
    let text =
      "Opfølgningsredegørelsen for budgetåret 2012 skal vedtages (kalenderens frist: ingen budgetvedtagelse registreret)"
    XCTAssertEqual(
      mine(try rows(asOf: "2011-10-10"), about: "budgetåret 2012"),
      [
        Row(
          due: due, status: "Kommende: om 5 dage", municipality: townName,
          href: "/ministeriet/kommune/\(code)?dato=2011-10-10", paragraph: "§4", text: text)
      ])
    XCTAssertEqual(
      mine(try rows(asOf: due), about: "budgetåret 2012").map(\.status), ["Kommende: fristen er i dag"])
    let overdue = mine(try rows(asOf: "2011-10-16"), about: "budgetåret 2012")
    XCTAssertEqual(overdue.map(\.status), ["Overskredet for 1 dag siden"])
    XCTAssertEqual(overdue.map(\.due), [due])
  }

  func testARecordedBudgetDateIsTheFollowUpsDeadline() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    try store.setBudgetAdoption(municipalityCode: code, budgetYear: 2012, adoptedOn: date("2011-10-06"))
    let rows = mine(try rows(asOf: "2011-10-01"), about: "budgetåret 2012")
    XCTAssertEqual(rows.map(\.due), ["2011-10-06"])
    XCTAssertEqual(
      rows.map(\.text),
      ["Opfølgningsredegørelsen for budgetåret 2012 skal vedtages (budgettet vedtages denne dag)"])
  }

  func testAdoptedVersionsAndFollowUpsWaitToBePublished() throws {
    try contract(adopted: "2010-06-01", published: "2010-06-20")
    try contract(adopted: "2011-09-20", published: nil)
    try followUp(2012, adopted: "2011-10-06")
    XCTAssertEqual(
      mine(try rows(asOf: "2011-10-10"), about: "offentliggøres").map {
        [$0.due, $0.status, $0.paragraph, $0.text]
      },
      [
        [
          "2011-10-20", "Kommende: om 10 dage", "§6",
          "Kontrakten (version 2) blev vedtaget 2011-09-20 og skal offentliggøres",
        ],
        [
          "2011-11-06", "Kommende: om 27 dage", "§6",
          "Opfølgningsredegørelsen for budgetåret 2012 er vedtaget og skal offentliggøres",
        ],
      ])
    XCTAssertEqual(
      mine(try rows(asOf: "2011-11-07"), about: "offentliggøres").map { [$0.due, $0.status] },
      [["2011-10-20", "Overskredet for 18 dage siden"], ["2011-11-06", "Overskredet for 1 dag siden"]])
  }

  func testTheFirstContractIsDueOn1July2010() throws {
    let deadline = calendar.firstContractDeadline
    let rows = mine(try rows(asOf: deadline.adding(days: -1).description), about: "første")
    XCTAssertEqual(rows.map(\.due), [deadline.description])
    XCTAssertEqual(rows.map(\.paragraph), ["§8, stk. 2"])
    XCTAssertEqual(rows.map(\.status), ["Kommende: om 1 dag"])
  }

  /// On the seeded data: sorted by date, one row per deadline the Store has not seen met, each linking to its
  /// municipality's page as of the same date.
  func testTheCountryIsSortedByDateAndAgreesWithTheStore() throws {
    for asOf in ["2010-06-15", "2011-10-01", "2012-11-01"] {
      let rows = try rows(asOf: asOf)
      XCTAssertEqual(rows.map(\.due), rows.map(\.due).sorted(), asOf)
      let findings = try store.compliance(asOf: date(asOf))
      let adopted = Set(
        findings.filter {
          guard $0.rule == .followUpAdoptedOnTime else { return false }
          if case .notYetDue = $0.outcome { return false }
          if case .failed(_, nil) = $0.outcome { return false }
          return true
        }.map { "\($0.municipalityCode)/\($0.budgetYear ?? 0)" })
      let open = findings.filter { finding in
        switch finding.outcome {
        case .notYetDue(.some), .failed(.some, nil): break
        default: return false
        }
        switch finding.rule {
        case .firstContract, .followUpAdoptedOnTime, .contractPublishedOnTime: return true
        case .followUpPublishedOnTime:
          return adopted.contains("\(finding.municipalityCode)/\(finding.budgetYear ?? 0)")
        default: return false
        }
      }
      XCTAssertFalse(open.isEmpty, asOf)
      XCTAssertEqual(rows.count, open.count, asOf)
      XCTAssertEqual(
        rows.filter { $0.status.hasPrefix("Overskredet") }.count,
        open.filter { if case .failed = $0.outcome { true } else { false } }.count, asOf)
      let names = Dictionary(uniqueKeysWithValues: try store.municipalities().map { ($0.code, $0.name) })
      for row in rows {
        let code = row.href.components(separatedBy: "/").last!.components(separatedBy: "?")[0]
        XCTAssertEqual(names[code], row.municipality)
        XCTAssertTrue(row.href.hasSuffix("?dato=\(asOf)"))
      }
    }
  }

  func testFiltersByRegionAndByOverdueOrUpcoming() throws {
    let asOf = "2011-10-01"
    let all = try rows(asOf: asOf)
    let overdue = try rows(asOf: asOf, filters: "&vis=overskredne")
    let upcoming = try rows(asOf: asOf, filters: "&vis=kommende")
    XCTAssertFalse(overdue.isEmpty)
    XCTAssertFalse(upcoming.isEmpty)
    XCTAssertTrue(overdue.allSatisfy { $0.status.hasPrefix("Overskredet") })
    XCTAssertTrue(upcoming.allSatisfy { $0.status.hasPrefix("Kommende") })
    XCTAssertEqual(
      overdue + upcoming,
      all.filter { $0.status.hasPrefix("Overskredet") }
        + all.filter {
          $0.status.hasPrefix("Kommende")
        })
    for region in try store.regions() {
      let names = Set(try store.municipalities(inRegion: region.code).map(\.name))
      let regional = try rows(asOf: asOf, filters: "&region=\(region.code)")
      XCTAssertEqual(regional, all.filter { names.contains($0.municipality) }, region.name)
    }
    XCTAssertEqual(try browser.get("/ministeriet/frister?region=DK-00").status, 400)
    XCTAssertEqual(try browser.get("/ministeriet/frister?vis=nogle").status, 400)
  }
}
