import Domain
import Foundation
import Store
import Web
import XCTest

@testable import Ministry

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `/ministeriet/udvikling`: the share of municipalities compliant per rule, month by month, as a chart and a table
/// whose numbers are counts of the Store's compliance answer.
final class TrendPageTests: MinistryTestCase {
  static let path = "/ministeriet/udvikling"

  /// One table row: the month's name and each rule's cell text (tags removed), in the rules' order.
  struct Row {
    var month: String
    var cells: [String]
  }

  /// The rows of the page's table.
  func rows(_ page: String) throws -> [Row] {
    let body = try XCTUnwrap(page.range(of: "<tbody>")).upperBound
    let end = try XCTUnwrap(page.range(of: "</tbody>")).lowerBound
    return page[body..<end].components(separatedBy: "</tr>").compactMap { row -> Row? in
      guard let head = row.range(of: #"<th scope="row">"#) else { return nil }
      let rest = row[head.upperBound...]
      guard let close = rest.range(of: "</th>") else { return nil }
      let cells = rest[close.upperBound...].components(separatedBy: "</td>").dropLast().map {
        Self.text($0)
      }
      return Row(month: String(rest[..<close.lowerBound]), cells: cells)
    }
  }

  /// Visible text: tags and visually hidden spans removed, whitespace trimmed.
  static func text(_ html: some StringProtocol) -> String {
    var html = String(html)
    while let hidden = html.range(of: #"<span class="visually-hidden">"#),
      let end = html[hidden.upperBound...].range(of: "</span>")
    {
      html.removeSubrange(hidden.lowerBound..<end.upperBound)
    }
    return html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
      .trimmingCharacters(in: .whitespaces)
  }

  /// What a cell must say for `rule` as of `date`, counted straight from `store.compliance(asOf:)`: "74,5 % (73 af
  /// 98)", or "–" when the rule had fallen due for no municipality.
  func expectedCell(_ rule: ComplianceRule, asOf date: CalendarDate) throws -> String {
    let findings = try store.compliance(asOf: date).filter { $0.rule == rule }
    var due = Set<String>()
    var failed = Set<String>()
    for finding in findings {
      switch finding.outcome {
      case .met: due.insert(finding.municipalityCode)
      case .failed:
        due.insert(finding.municipalityCode)
        failed.insert(finding.municipalityCode)
      case .notYetDue, .notApplicable: break
      }
    }
    guard !due.isEmpty else { return "–" }
    let compliant = due.count - failed.count
    let percent = DanishNumber.format(
      Double(compliant) * 100 / Double(due.count), unit: "%", maximumFractionDigits: 1)
    return "\(percent) (\(compliant) af \(due.count))"
  }

  func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

  func testTheTableHasAMonthARowFrom2010Through2013AndAColumnPerRule() throws {
    let page = try signedIn().get(Self.path)
    XCTAssertEqual(page.status, 200)
    XCTAssertEqual(page.headers["Cache-Control"], "no-store")
    let rows = try rows(page.text)
    XCTAssertEqual(rows.count, 48)
    XCTAssertEqual(rows.first?.month, "januar 2010")
    XCTAssertEqual(rows[6].month, "juli 2010")
    XCTAssertEqual(rows.last?.month, "december 2013")
    XCTAssertTrue(rows.allSatisfy { $0.cells.count == ComplianceRule.allCases.count })
    for entry in TrendRule.all {
      XCTAssertTrue(page.text.contains("<th scope=\"col\">\(entry.name)</th>"), entry.name)
    }
    XCTAssertTrue(page.text.contains("<caption"))
  }

  func testTheTableSaysWhatTheStoresComplianceAnswerCountsAtTheEndOfEachMonth() throws {
    let rows = try rows(try signedIn().get(Self.path).text)
    let checked: [(row: Int, date: String)] = [
      (0, "2010-01-31"), (5, "2010-06-30"), (6, "2010-07-31"), (23, "2011-12-31"), (33, "2012-10-31"),
      (47, "2013-12-31"),
    ]
    var percentages = Set<String>()
    for (row, dateText) in checked {
      for (column, entry) in TrendRule.all.enumerated() {
        let expected = try expectedCell(entry.rule, asOf: date(dateText))
        XCTAssertEqual(rows[row].cells[column], expected, "\(entry.name) as of \(dateText)")
        percentages.insert(expected)
      }
    }
    XCTAssertGreaterThan(
      percentages.count, 5, "the seed gives different figures: the check can tell them apart")
  }

  func testARuleDueForNoMunicipalityShowsADashNotZeroPercent() throws {
    // Before any follow-up is due (the first is for budget year 2012, due in the autumn of 2011), §4 counts no one.
    let january = date("2010-01-31")
    let followUps = try store.compliance(asOf: january).filter { $0.rule == .followUpAdoptedOnTime }
    XCTAssertFalse(followUps.isEmpty)
    XCTAssertTrue(
      followUps.allSatisfy {
        if case .notYetDue = $0.outcome { return true } else { return false }
      })
    let page = try signedIn().get(Self.path).text
    let column = try XCTUnwrap(TrendRule.all.firstIndex { $0.rule == .followUpAdoptedOnTime })
    let cell = try rows(page)[0].cells[column]
    XCTAssertEqual(cell, "–")
    XCTAssertFalse(cell.contains("0 %"))
    XCTAssertTrue(page.contains("ingen kommuner at tælle"), "the dash is said in words too")
  }

  func testTheChartIsWellFormedSVGWithTitleDescriptionAndOneLinePerRule() throws {
    let page = try signedIn().get(Self.path).text
    let start = try XCTUnwrap(page.range(of: "<svg "))
    let end = try XCTUnwrap(page.range(of: "</svg>"))
    let svg = String(page[start.lowerBound..<end.upperBound])
    let elements = try TrendXML.elements(svg)
    let root = try XCTUnwrap(elements.first)
    XCTAssertEqual(root.name, "svg")
    XCTAssertEqual(root.attributes["role"], "img")
    let labels = try XCTUnwrap(root.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
    XCTAssertEqual(labels.count, 2)
    let title = try XCTUnwrap(elements.first { $0.attributes["id"] == labels[0] })
    let desc = try XCTUnwrap(elements.first { $0.attributes["id"] == labels[1] })
    XCTAssertEqual(title.name, "title")
    XCTAssertEqual(desc.name, "desc")
    XCTAssertFalse(title.text.isEmpty)
    XCTAssertTrue(desc.text.contains("december 2013"), desc.text)
    XCTAssertEqual(elements.filter { $0.name == "path" }.count, TrendRule.all.count)
    XCTAssertTrue(elements.allSatisfy { $0.attributes["style"] == nil })
    XCTAssertFalse(svg.contains(" style="))
    let legend = elements.filter { $0.name == "text" }.map(\.text)
    for entry in TrendRule.all { XCTAssertTrue(legend.contains(entry.name), "legend: \(entry.name)") }
  }

  func testTheChartsPointsAreTheTablesPercentages() throws {
    let page = try signedIn().get(Self.path).text
    let start = try XCTUnwrap(page.range(of: "<svg "))
    let end = try XCTUnwrap(page.range(of: "</svg>"))
    let titles = try TrendXML.elements(String(page[start.lowerBound..<end.upperBound])).filter {
      $0.name == "title"
    }.map(\.text)
    let row = try rows(page)[6]
    for (column, entry) in TrendRule.all.enumerated() {
      let cell = row.cells[column]
      if cell == "–" {
        XCTAssertFalse(titles.contains { $0.hasPrefix("\(entry.name), juli 2010:") })
      } else {
        let percent = try XCTUnwrap(cell.components(separatedBy: " (").first)
        XCTAssertTrue(titles.contains("\(entry.name), juli 2010: \(percent)"), "\(entry.name): \(percent)")
      }
    }
  }

  /// The ministry may change the rule calendar; the chart and the table follow at once.
  func testAChangeOfTheRuleCalendarMovesTheFigures() throws {
    let browser = try signedIn()
    let before = try rows(try browser.get(Self.path).text)
    let column = try XCTUnwrap(TrendRule.all.firstIndex { $0.rule == .firstContract })
    let august = date("2010-08-31")
    XCTAssertEqual(before[7].cells[column], try expectedCell(.firstContract, asOf: august))
    var calendar = try store.ruleCalendar()
    calendar.firstContractDeadline = date("2011-06-30")
    try store.setRuleCalendar(calendar)
    let after = try rows(try browser.get(Self.path).text)
    XCTAssertEqual(after[7].cells[column], try expectedCell(.firstContract, asOf: august))
    XCTAssertNotEqual(
      before[7].cells[column], after[7].cells[column], "no one is late in August 2010 any more")
    XCTAssertTrue(after[7].cells[column].hasPrefix("100 %"), after[7].cells[column])
    XCTAssertEqual(after[18].cells[column], try expectedCell(.firstContract, asOf: date("2011-07-31")))
    XCTAssertTrue(try browser.get(Self.path).text.contains("første kontrakt senest 30. juni 2011"))
  }

  func testTheFiguresAreKeptUntilTheSiteRevisionChanges() throws {
    let cache = TrendCache()
    let calendar = try store.ruleCalendar()
    var made = 0
    func figures() throws -> TrendFigures {
      try cache.figures(for: store) {
        made += 1
        let months = TrendFigures.pageMonths
        return (TrendFigures(months: months, findings: try store.compliance(asOfEach: months)), calendar)
      }.figures
    }
    let first = try figures()
    XCTAssertEqual(try figures().shares, first.shares)
    XCTAssertEqual(made, 1, "the same revision: kept")
    // A budget adoption date moves §4's due date, and bumps the revision.
    let code = try XCTUnwrap(try store.municipalities().first).code
    try store.setBudgetAdoption(municipalityCode: code, budgetYear: 2012, adoptedOn: date("2011-01-15"))
    let changed = try figures()
    XCTAssertEqual(made, 2, "a new revision: made again")
    let months = TrendFigures.pageMonths
    XCTAssertEqual(
      changed.shares,
      TrendFigures(months: months, findings: try months.map { try store.compliance(asOf: $0) }).shares)
    XCTAssertNotEqual(changed.shares, first.shares)
  }

  func testTheCacheNeverAnswersForAnotherStore() throws {
    let cache = TrendCache()
    let calendar = try store.ruleCalendar()
    var made = 0
    func make() throws -> (TrendFigures, RuleCalendar) {
      made += 1
      return (TrendFigures(months: [], findings: []), calendar)
    }
    _ = try cache.figures(for: store, make: make)
    let other = try Store.open(path: folder.appendingPathComponent("other.sqlite").path, readers: 1)
    _ = try Seeder.seed(other)
    _ = try cache.figures(for: other, make: make)
    XCTAssertEqual(made, 2)
    _ = try cache.figures(for: store, make: make)
    XCTAssertEqual(made, 2, "each store keeps its own entry")
  }
}

/// The month-end counting, on findings made by hand.
final class TrendFiguresTests: XCTestCase {
  func finding(_ code: String, _ rule: ComplianceRule, _ outcome: ComplianceOutcome, year: Int? = nil)
    -> ComplianceFinding
  {
    ComplianceFinding(municipalityCode: code, rule: rule, budgetYear: year, outcome: outcome)
  }

  func share(_ rule: ComplianceRule, _ findings: [ComplianceFinding]) throws -> TrendShare {
    let index = try XCTUnwrap(TrendRule.all.firstIndex { $0.rule == rule })
    return TrendFigures.shares(findings)[index]
  }

  func testOnlyMetOrFailedCountsAndOneFailedBudgetYearMakesAMunicipalityNonCompliant() throws {
    let due = CalendarDate("2011-10-15")!
    let findings = [
      finding("0101", .followUpAdoptedOnTime, .met, year: 2012),
      finding("0101", .followUpAdoptedOnTime, .notYetDue(due: due), year: 2013),
      finding("0147", .followUpAdoptedOnTime, .met, year: 2012),
      finding("0147", .followUpAdoptedOnTime, .failed(due: due, actual: nil), year: 2013),
      finding("0151", .followUpAdoptedOnTime, .notYetDue(due: due), year: 2012),
      finding("0153", .followUpAdoptedOnTime, .notApplicable, year: 2012),
      finding("0155", .followUpAdoptedOnTime, .failed(due: due, actual: due), year: 2012),
      finding("0101", .contractComplete, .met),
    ]
    XCTAssertEqual(try share(.followUpAdoptedOnTime, findings), TrendShare(compliant: 1, due: 3))
    XCTAssertEqual(try share(.contractComplete, findings), TrendShare(compliant: 1, due: 1))
    XCTAssertEqual(try share(.contractComplete, findings).percent, 100)
    XCTAssertEqual(try share(.followUpComplete, findings), TrendShare(compliant: 0, due: 0))
    XCTAssertNil(try share(.followUpComplete, findings).percent, "nothing due: no percentage, not 0 %")
  }

  func testFortyEightMonthEndsFrom2010Through2013() {
    let months = TrendFigures.pageMonths
    XCTAssertEqual(months.count, 48)
    XCTAssertEqual(months.first, CalendarDate("2010-01-31"))
    XCTAssertEqual(months[1], CalendarDate("2010-02-28"))
    XCTAssertEqual(months[25], CalendarDate("2012-02-29"))
    XCTAssertEqual(months.last, CalendarDate("2013-12-31"))
    XCTAssertTrue(months.allSatisfy { $0.addingDay().day == 1 })
  }
}

/// Elements of an XML text in document order, with their attributes and direct text (Foundation's parser fails
/// on anything not well-formed).
enum TrendXML {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text: String
  }

  static func elements(_ xml: String, file: StaticString = #filePath, line: UInt = #line) throws -> [Element]
  {
    let collector = Collector()
    let parser = XMLParser(data: Data(xml.utf8))
    parser.delegate = collector
    let parsed = parser.parse()
    XCTAssertTrue(
      parsed, "not well-formed: \(String(describing: parser.parserError))", file: file, line: line)
    guard parsed else { throw CocoaError(.coderReadCorrupt) }
    return collector.elements
  }

  private final class Collector: NSObject, XMLParserDelegate {
    var elements: [Element] = []
    private var open: [Int] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String]
    ) {
      open.append(elements.count)
      elements.append(Element(name: elementName, attributes: attributes, text: ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if let current = open.last { elements[current].text += string }
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
      open.removeLast()
    }
  }
}
