import Domain
import Foundation
import Store
import XCTest

/// The national table (`/ministeriet`): its cells and counts against the Store's compliance answer, as of a date,
/// filtered and sorted.
final class TablePageTests: MinistryTestCase {
  func testCellsAndCountsAgreeWithTheStoreOnChosenDates() throws {
    let browser = try signedIn()
    for text in ["2010-07-01", "2011-03-01", "2012-11-06"] {
      let date = try XCTUnwrap(CalendarDate(text))
      let findings = try store.compliance(asOf: date)
      let page = try browser.get("/ministeriet?dato=\(text)")
      XCTAssertEqual(page.status, 200)
      XCTAssertEqual(page.headers["Cache-Control"], "no-store")
      let table = TablePage(page.text)
      let columns = TableExpectation.columns(findings)
      XCTAssertEqual(table.ruleHeaders, columns.map(\.heading), text)
      XCTAssertEqual(table.rows.count, try store.municipalities().count)
      for row in table.rows {
        for (index, column) in columns.enumerated() {
          let finding = findings.first {
            $0.municipalityCode == row.code && $0.rule == column.rule && $0.budgetYear == column.year
          }
          let expected = TableExpectation.words(finding?.outcome)
          XCTAssertTrue(
            row.cells[index].hasPrefix(expected), "\(row.code) \(column.heading) \(text): \(row.cells[index])"
          )
          if case .failed(let due?, _) = finding?.outcome {
            XCTAssertTrue(row.cells[index].contains("frist \(due.danishText)"), row.cells[index])
          }
        }
      }
      for (index, column) in columns.enumerated() {
        let outcomes = findings.filter { $0.rule == column.rule && $0.budgetYear == column.year }.map(
          \.outcome)
        let met = outcomes.filter { $0 == .met }.count
        let applicable = outcomes.filter { $0 != .notApplicable }.count
        XCTAssertTrue(
          table.totals[index].hasPrefix("\(met) af \(applicable)"),
          "\(column.heading) \(text): \(table.totals[index])")
      }
    }
  }

  func testTheAsOfDateMovesTheAnswer() throws {
    let browser = try signedIn()
    let early = TablePage(try browser.get("/ministeriet?dato=2010-07-01").text)
    let today = TablePage(try browser.get("/ministeriet").text)
    XCTAssertTrue(today.text.contains("pr. \(try store.today().danishText) (i dag)"))
    XCTAssertTrue(early.text.contains("pr. 1. juli 2010"))
    let firstContract = try XCTUnwrap(early.ruleHeaders.firstIndex(of: "§8 Første kontrakt til tiden"))
    let metEarly = try store.compliance(asOf: XCTUnwrap(CalendarDate("2010-07-01")))
      .filter { $0.rule == .firstContract && $0.outcome == .met }.count
    let share = DanishNumber.format(Double(metEarly) * 100 / 98, maximumFractionDigits: 0)
    XCTAssertEqual(early.totals[firstContract], "\(metEarly) af 98 (\(share) %)")
    // On the deadline day nobody has failed yet; the day after, those without a contract have.
    XCTAssertFalse(early.rows.contains { $0.cells[firstContract].contains("Ikke opfyldt") })
    XCTAssertTrue(early.rows.contains { $0.cells[firstContract].contains("Ikke forfaldent") })
    XCTAssertTrue(today.rows.contains { $0.cells[firstContract].contains("Ikke opfyldt") })
    XCTAssertFalse(today.rows.contains { $0.cells[firstContract].contains("Ikke forfaldent") })
    XCTAssertNotEqual(early.ruleHeaders.count, 0)
  }

  /// A contract adopted 2011-01-31 and published 2011-03-02: §6's deadline was 28 February 2011.
  func testAHandMadeLatePublicationSaysItsDates() throws {
    let code = "0999"
    try store.addMunicipality(Municipality(code: code, name: "Prøvekommune", regionCode: "DK-84"))
    let version = try store.createDraft(municipalityCode: code)
    let areaId = try XCTUnwrap(store.serviceAreas().first { $0.municipalityCode == nil }?.id)
    let area = try store.addArea(versionId: version, serviceAreaId: areaId)
    try store.addGoal(
      versionAreaId: area,
      Goal(
        title: "Svartid", theme: "Hurtig service", goalText: "90 % besvares inden for 60 s",
        indicator: "Andel besvaret inden for 60 sekunder", unit: "%", baselineValue: 82,
        baselineDate: CalendarDate("2010-01-01"), targetValue: 90, targetDate: CalendarDate("2012-12-31"),
        means: "Bemanding tilpasses"))
    try store.adopt(
      versionId: version,
      Adoption(adoptedOn: XCTUnwrap(CalendarDate("2011-01-31")), meetingReference: "Byrådet"))
    try store.publish(versionId: version, on: XCTUnwrap(CalendarDate("2011-03-02")))

    let browser = try signedIn()
    let before = TablePage(try browser.get("/ministeriet?dato=2011-02-28").text)
    let after = TablePage(try browser.get("/ministeriet?dato=2011-03-01").text)
    let published = TablePage(try browser.get("/ministeriet?dato=2011-03-02").text)
    let column = try XCTUnwrap(after.ruleHeaders.firstIndex(of: "§6 Kontrakten offentliggjort til tiden"))
    let first = try XCTUnwrap(after.ruleHeaders.firstIndex(of: "§8 Første kontrakt til tiden"))
    func cell(_ page: TablePage, _ index: Int) throws -> String {
      try XCTUnwrap(page.rows.first { $0.code == code }).cells[index]
    }
    XCTAssertEqual(try cell(before, column), "… Ikke forfaldent frist 28. februar 2011")
    XCTAssertEqual(try cell(after, column), "✘ Ikke opfyldt frist 28. februar 2011")
    XCTAssertEqual(
      try cell(published, column), "✘ Ikke opfyldt frist 28. februar 2011, offentliggjort 2. marts 2011")
    XCTAssertEqual(
      try cell(published, first), "✘ Ikke opfyldt frist 1. juli 2010, offentliggjort 2. marts 2011")
    XCTAssertTrue(
      published.text.contains("<a href=\"/ministeriet/kommune/\(code)\">Prøvekommune</a>"),
      "the name links to the municipality's page")
  }

  /// A budget adopted after the duty ended leaves that year without a duty: "Gælder ikke", and not counted.
  func testABudgetYearWithoutADutyIsNotApplicable() throws {
    let calendar = try store.ruleCalendar()
    let today = try store.today()
    let year = try XCTUnwrap(try store.compliance(asOf: today).compactMap(\.budgetYear).max())
    let code = try XCTUnwrap(try store.municipalities().first).code
    try store.setBudgetAdoption(municipalityCode: code, budgetYear: year, adoptedOn: calendar.dutyEndsOn)
    let findings = try store.compliance(asOf: today)
    XCTAssertFalse(findings.contains { $0.municipalityCode == code && $0.budgetYear == year })

    let page = TablePage(try signedIn().get("/ministeriet").text)
    let row = try XCTUnwrap(page.rows.first { $0.code == code })
    for rule in ["vedtaget til tiden", "fuldstændig", "offentliggjort til tiden"] {
      let index = try XCTUnwrap(page.ruleHeaders.firstIndex { $0.hasSuffix("Opfølgning \(year) \(rule)") })
      XCTAssertEqual(row.cells[index], "– Gælder ikke")
      let applicable = page.rows.filter { $0.cells[index] != "– Gælder ikke" }.count
      XCTAssertEqual(applicable, page.rows.count - 1)
      XCTAssertTrue(page.totals[index].contains(" af \(applicable)"), page.totals[index])
    }
  }

  func testFilterByRegion() throws {
    let browser = try signedIn()
    for region in try store.regions() {
      let page = TablePage(try browser.get("/ministeriet?region=\(region.code)").text)
      XCTAssertEqual(
        Set(page.rows.map(\.code)), Set(try store.municipalities(inRegion: region.code).map(\.code)),
        region.name)
      XCTAssertTrue(page.rows.allSatisfy { $0.region == region.name })
      XCTAssertTrue(page.text.contains("<option value=\"\(region.code)\" selected>"))
    }
    XCTAssertEqual(try browser.get("/ministeriet?region=DK-00").status, 400)
  }

  func testFilterByFailingRule() throws {
    let browser = try signedIn()
    let today = try store.today()
    let findings = try store.compliance(asOf: today)
    let year = try XCTUnwrap(findings.compactMap(\.budgetYear).min())
    for (filter, rule, budgetYear) in [
      ("first_contract", ComplianceRule.firstContract, Int?.none),
      ("contract_published_on_time", .contractPublishedOnTime, nil),
      ("follow_up_published_on_time", .followUpPublishedOnTime, nil),
      ("follow_up_adopted_on_time:\(year)", .followUpAdoptedOnTime, year),
    ] {
      let expected = Set(
        findings.filter {
          $0.rule == rule && (budgetYear == nil || $0.budgetYear == budgetYear)
            && isFailed($0.outcome)
        }.map(\.municipalityCode))
      XCTAssertFalse(expected.isEmpty, "the seed has failures of \(filter)")
      let page = TablePage(try browser.get("/ministeriet?fejler=\(filter)").text)
      XCTAssertEqual(Set(page.rows.map(\.code)), expected, filter)
      XCTAssertTrue(page.text.contains("Viser \(expected.count) af 98 kommuner"))
    }
    let region = try XCTUnwrap(store.regions().first)
    let both = TablePage(try browser.get("/ministeriet?fejler=first_contract&region=\(region.code)").text)
    let failedFirst = Set(
      findings.filter { $0.rule == .firstContract && isFailed($0.outcome) }.map(\.municipalityCode))
    XCTAssertEqual(
      Set(both.rows.map(\.code)),
      Set(try store.municipalities(inRegion: region.code).map(\.code)).intersection(failedFirst))
    for bad in ["contract_in_force", "nonsense", "first_contract:2012", "follow_up_complete:abc"] {
      let reply = try browser.get("/ministeriet?fejler=\(bad)")
      XCTAssertEqual(reply.status, 400, bad)
      XCTAssertTrue(reply.text.contains("er ikke en regel i tabellen"), bad)
    }
  }

  func testSortByAnyColumnBothWays() throws {
    let browser = try signedIn()
    let names = TablePage(try browser.get("/ministeriet").text)
    let byName = names.rows.map(\.name)
    XCTAssertEqual(byName.first, "Albertslund")
    XCTAssertEqual(byName.last, "Aarhus", "aa is å, the last letter")
    XCTAssertTrue(
      names.text.contains("aria-sort=\"ascending\"><a href=\"/ministeriet?sorter=kommune&amp;retning=ned\""))
    let backwards = TablePage(try browser.get("/ministeriet?sorter=kommune&retning=ned").text)
    XCTAssertEqual(backwards.rows.map(\.name), byName.reversed())
    XCTAssertTrue(
      backwards.text.contains(
        "aria-sort=\"descending\"><a href=\"/ministeriet?sorter=kommune&amp;retning=op\""))

    let codes = TablePage(try browser.get("/ministeriet?sorter=kode&retning=ned").text).rows.map(\.code)
    XCTAssertEqual(codes, codes.sorted().reversed())

    let order = ["✔", "…", "✘", "–"]
    let rank = { (cell: String) in order.firstIndex { cell.hasPrefix($0) } ?? -1 }
    let date = try XCTUnwrap(CalendarDate("2012-11-06"))
    let year = try XCTUnwrap(try store.compliance(asOf: date).compactMap(\.budgetYear).min())
    for (column, key) in [(3, "follow_up_adopted_on_time:\(year)"), (2, "contract_published_on_time")] {
      for (direction, ascending) in [("op", true), ("ned", false)] {
        let page = TablePage(
          try browser.get("/ministeriet?dato=\(date)&sorter=\(key)&retning=\(direction)").text)
        let ranks = page.rows.map { rank($0.cells[column]) }
        XCTAssertFalse(ranks.contains(-1))
        XCTAssertEqual(ranks, ascending ? ranks.sorted() : ranks.sorted(by: >), "\(key) \(direction)")
        XCTAssertGreaterThan(Set(ranks).count, 1, "the column has more than one status to sort")
        XCTAssertTrue(page.text.contains("aria-sort=\"\(ascending ? "ascending" : "descending")\""))
        XCTAssertEqual(page.text.components(separatedBy: "aria-sort=").count, 2, "one sorted header")
        let toggled = "dato=\(date)&amp;sorter=\(key)&amp;retning=\(ascending ? "ned" : "op")"
        XCTAssertTrue(page.text.contains(toggled), "the header link toggles")
      }
    }
    let reply = try browser.get("/ministeriet?sorter=farve")
    XCTAssertEqual(reply.status, 400)
    XCTAssertTrue(reply.text.contains("kan ikke sorteres efter «farve»"))
    XCTAssertEqual(try browser.get("/ministeriet?retning=sidelaens").status, 400)
  }

  func testABadDateIsRefusedWithAMessage() throws {
    let browser = try signedIn()
    for bad in ["2010-13-45", "i%20morgen", "2010-02-30"] {
      let reply = try browser.get("/ministeriet?dato=\(bad)")
      XCTAssertEqual(reply.status, 400, bad)
      XCTAssertTrue(reply.text.contains("er ikke en dato. Skriv den som åååå-mm-dd"), reply.text)
      XCTAssertEqual(try browser.get("/ministeriet/tabel.csv?dato=\(bad)").status, 400)
    }
    let danish = TablePage(try browser.get("/ministeriet?dato=1.7.2010").text)
    XCTAssertTrue(danish.text.contains("pr. 1. juli 2010"))
  }
}

func isFailed(_ outcome: ComplianceOutcome) -> Bool {
  if case .failed = outcome { return true }
  return false
}

/// What the page should say, derived from the Store's findings.
enum TableExpectation {
  struct Column {
    var rule: ComplianceRule
    var year: Int?
    var heading: String
  }

  static func columns(_ findings: [ComplianceFinding]) -> [Column] {
    let years = Set(findings.compactMap(\.budgetYear)).sorted()
    return [
      Column(rule: .firstContract, heading: "§8 Første kontrakt til tiden"),
      Column(rule: .contractComplete, heading: "§2 Kontrakten fuldstændig"),
      Column(rule: .contractPublishedOnTime, heading: "§6 Kontrakten offentliggjort til tiden"),
    ]
      + years.flatMap { year in
        [
          Column(
            rule: .followUpAdoptedOnTime, year: year, heading: "§4 Opfølgning \(year) vedtaget til tiden"),
          Column(rule: .followUpComplete, year: year, heading: "§5 Opfølgning \(year) fuldstændig"),
          Column(
            rule: .followUpPublishedOnTime, year: year,
            heading: "§6 Opfølgning \(year) offentliggjort til tiden"),
        ]
      }
  }

  static func words(_ outcome: ComplianceOutcome?) -> String {
    switch outcome {
    case .met: return "✔ Opfyldt"
    case .failed: return "✘ Ikke opfyldt"
    case .notYetDue: return "… Ikke forfaldent"
    case .notApplicable, nil: return "– Gælder ikke"
    }
  }
}

/// The national table read back from the page's HTML: header texts, rows (code, name, region, cell texts), totals.
struct TablePage {
  struct Row {
    var code: String
    var name: String
    var region: String
    var cells: [String]
  }

  var text: String
  var headers: [String] = []
  var rows: [Row] = []
  var totals: [String] = []

  /// The rule columns' headers ("§8 Første kontrakt til tiden"), after Kommune, Kode and Region.
  var ruleHeaders: [String] { Array(headers.dropFirst(3)) }

  init(_ html: String) {
    text = html
    guard let tableStart = html.range(of: "<table class=\"data-table compliance-table\">"),
      let tableEnd = html.range(of: "</table>", range: tableStart.upperBound..<html.endIndex)
    else { return }
    let table = String(html[tableStart.upperBound..<tableEnd.lowerBound])
    let head = Self.between(table, "<thead>", "</thead>")
    headers = Self.cells(head, tag: "th").map {
      Self.plain($0).replacingOccurrences(
        of: #" \(sortér (stigende|faldende)\)"#, with: "", options: .regularExpression)
    }
    for line in Self.between(table, "<tbody>", "</tbody>").components(separatedBy: "</tr>") {
      guard let codeRange = line.range(of: "/ministeriet/kommune/") else { continue }
      let code = String(line[codeRange.upperBound...].prefix(4))
      let name = Self.plain(Self.cells(line, tag: "th").first ?? "")
      let cells = Self.cells(line, tag: "td").map(Self.plain)
      rows.append(Row(code: code, name: name, region: cells[1], cells: Array(cells.dropFirst(2))))
    }
    totals = Self.cells(Self.between(table, "<tfoot>", "</tfoot>"), tag: "td").map(Self.plain)
  }

  static func between(_ text: String, _ start: String, _ end: String) -> String {
    guard let from = text.range(of: start),
      let to = text.range(of: end, range: from.upperBound..<text.endIndex)
    else { return "" }
    return String(text[from.upperBound..<to.lowerBound])
  }

  /// The inner HTML of every `<tag …>…</tag>` in `text`.
  static func cells(_ text: String, tag: String) -> [String] {
    var result: [String] = []
    var rest = text[...]
    while let open = rest.range(of: "<\(tag)"),
      let close = rest.range(of: "</\(tag)>", range: open.upperBound..<rest.endIndex)
    {
      let inner = rest[open.upperBound..<close.lowerBound]
      let contentStart = inner.firstIndex(of: ">").map { inner.index(after: $0) } ?? inner.startIndex
      result.append(String(inner[contentStart...]))
      rest = rest[close.upperBound...]
    }
    return result
  }

  /// Tags dropped, entities for & < > " decoded, white space collapsed.
  static func plain(_ html: String) -> String {
    let noTags = html.replacingOccurrences(of: "<br>", with: " ").replacingOccurrences(
      of: "<[^>]*>", with: "", options: .regularExpression)
    let decoded = noTags.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
      of: "&#39;", with: "'"
    )
    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    .replacingOccurrences(of: "&amp;", with: "&")
    return decoded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}
