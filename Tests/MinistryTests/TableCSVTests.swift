import Domain
import Foundation
import Store
import Web
import XCTest

/// `/ministeriet/tabel.csv`: the table as shown, for Danish Excel.
final class TableCSVTests: MinistryTestCase {
  func testTheCSVIsTheTableAsShown() throws {
    let tricky = "Syd; \"Nord\" Kommune"
    try store.addMunicipality(Municipality(code: "0998", name: tricky, regionCode: "DK-84"))
    let browser = try signedIn()
    for query in ["", "?dato=2010-07-01", "?fejler=first_contract&sorter=kode&retning=ned", "?region=DK-84"] {
      let page = TablePage(try browser.get("/ministeriet" + query).text)
      let reply = try browser.get("/ministeriet/tabel.csv" + query)
      XCTAssertEqual(reply.status, 200, query)
      XCTAssertEqual(Array(reply.body.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with a byte order mark")
      XCTAssertEqual(reply.headers["Content-Type"], "text/csv; charset=utf-8; header=present")
      let disposition = try XCTUnwrap(reply.headers["Content-Disposition"])
      XCTAssertTrue(disposition.hasPrefix("attachment; filename=\"tilsyn-"), disposition)
      XCTAssertTrue(disposition.hasSuffix(".csv\""), disposition)
      XCTAssertTrue(
        page.text.contains(
          "href=\"/ministeriet/tabel.csv\(query.replacingOccurrences(of: "&", with: "&amp;"))\""))

      let csv = try CSVTable(parsing: reply.body)
      XCTAssertEqual(csv.separator, .semicolon)
      XCTAssertEqual(csv.records.first?.fields, ["Kode", "Kommune", "Region"] + page.ruleHeaders, query)
      let records = Array(csv.records.dropFirst())
      XCTAssertEqual(records.map { $0.fields[0] }, page.rows.map(\.code), "same rows, same order: \(query)")
      XCTAssertEqual(records.map { $0.fields[1] }, page.rows.map(\.name))
      for (record, row) in zip(records, page.rows) {
        XCTAssertEqual(record.fields[2], row.region)
        XCTAssertEqual(record.fields.count, 3 + page.ruleHeaders.count)
        for (field, cell) in zip(record.fields.dropFirst(3), row.cells) {
          // The page's "✘ Ikke opfyldt frist …" is "Ikke opfyldt (frist …)" in the file: words, no symbols.
          XCTAssertEqual(
            field.replacingOccurrences(of: " (", with: " ").replacingOccurrences(of: ")", with: ""),
            String(cell.drop { $0 != " " }.dropFirst()), query)
          XCTAssertFalse(field.contains { "✔✘…–".contains($0) }, field)
        }
      }
    }
    let all = try browser.get("/ministeriet/tabel.csv")
    let text = String(decoding: all.body.dropFirst(3), as: UTF8.self)
    XCTAssertTrue(
      text.contains("\r\n0998;\"Syd; \"\"Nord\"\" Kommune\";"), "the name quoted, its quotes doubled")
    XCTAssertTrue(text.hasPrefix("Kode;Kommune;Region;§8 Første kontrakt til tiden;"))
  }

  func testTheFileNameSaysTheDateAndFilters() throws {
    let browser = try signedIn()
    let reply = try browser.get(
      "/ministeriet/tabel.csv?dato=2010-07-01&region=DK-84&fejler=follow_up_complete:2012")
    XCTAssertEqual(
      reply.headers["Content-Disposition"],
      "attachment; filename=\"tilsyn-2010-07-01-DK-84-fejler-follow_up_complete-2012.csv\"")
    let today = try store.today()
    XCTAssertEqual(
      try browser.get("/ministeriet/tabel.csv").headers["Content-Disposition"],
      "attachment; filename=\"tilsyn-\(today).csv\"")
  }
}
