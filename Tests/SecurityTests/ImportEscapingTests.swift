import Domain
import Foundation
import HTTPTestSupport
import Store
import Web
import XCTest

/// Issue 8, security bullet 2: the contract import (CSV and JSON) with payloads in every column (`ImportColumn`):
/// refused files list their problems escaped, accepted ones put the payloads in the draft, whose pages show them
/// escaped.
final class ImportEscapingTests: SecurityTestCase {
  /// Columns whose values are parsed, and a value the rules take.
  static let validValues: [ImportColumn: String] = [
    .baselineValue: "80", .baselineDate: "2020-01-01", .targetValue: "90", .targetDate: "2030-12-31",
    .direction: "højere",
  ]

  /// One row per payload: with `everyColumn`, the payload in every column (refused); otherwise valid values in the
  /// parsed columns and the payload (a title-sized one in the title) in the others.
  static func rows(everyColumn: Bool) -> [[ImportColumn: String]] {
    HostileInput.all.enumerated().map { index, payload in
      var row: [ImportColumn: String] = [:]
      for column in ImportColumn.allCases {
        if !everyColumn, let valid = validValues[column] {
          row[column] = valid
        } else if column == .title || column == .area {
          row[column] = String(payload.prefix(190)) + (column == .title ? " \(index)" : "")
        } else {
          row[column] = payload
        }
      }
      return row
    }
  }

  static func csv(_ rows: [[ImportColumn: String]]) -> [UInt8] {
    let columns = ImportColumn.allCases
    // The writer's formula rule would change the payloads: quote by hand, as a spreadsheet might save them.
    // At most 9,000 characters: the CSV reader refuses fields over 10,000 (`CSVTable.Limits`).
    func field(_ text: String) -> String {
      "\"" + String(text.prefix(9_000)).replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    let lines =
      [columns.map(\.name).joined(separator: ";")]
      + rows.map { row in columns.map { field(row[$0] ?? "") }.joined(separator: ";") }
    return Array(lines.joined(separator: "\r\n").utf8)
  }

  static func json(_ rows: [[ImportColumn: String]]) throws -> [UInt8] {
    let areas = rows.map { row -> [String: Any] in
      var goal: [String: Any] = [:]
      for column in ImportColumn.allCases where column != .area { goal[column.name] = row[column] ?? "" }
      return ["navn": row[.area] ?? "", "mål": [goal]]
    }
    return Array(try JSONSerialization.data(withJSONObject: ["områder": areas]))
  }

  /// Uploads `file` through the import form as `browser` (its tokens from the form page).
  func upload(_ file: [UInt8], name: String, type: String, as browser: Browser) throws -> TestClient.Reply {
    let page = "/admin/kommune/\(Self.code)/udkast/import"
    try browser.get(page)
    let boundary = "----sikkerhed\(UUID().uuidString)"
    var body: [UInt8] = []
    for (field, value) in browser.hiddenFields(ofFormWithAction: page) {
      body += Array(
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"\r\n\r\n\(value)\r\n".utf8)
    }
    body += Array(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n"
        .utf8)
    body += file + Array("\r\n--\(boundary)--\r\n".utf8)
    return try send(
      "POST", page, as: browser, contentType: "multipart/form-data; boundary=\(boundary)", body: body)
  }

  func testPayloadsInEveryImportColumnComeOutEscaped() throws {
    let code = Self.code
    try addUser("redaktoer@example.dk", role: .editor, municipality: code)
    let browser = try signedIn("redaktoer@example.dk")
    let check = EscapingCheck()
    for (name, type, file) in [
      ("kontrakt.csv", "text/csv", Self.csv(Self.rows(everyColumn: true))),
      ("kontrakt.json", "application/json", try Self.json(Self.rows(everyColumn: true))),
    ] {
      let refused = try upload(file, name: name, type: type, as: browser)
      XCTAssertEqual(refused.status, 422, String(refused.text.prefix(500)))
      check.check("import \(name) (every column)", refused)
      check.expect(escapedIn: refused, payload: HostileInput.script, label: name)
    }
    XCTAssertGreaterThan(check.refusalsShowingPayload, 0, "the problem list shows none of the values")
    for (name, type, file) in [
      ("kontrakt.json", "application/json", try Self.json(Self.rows(everyColumn: false))),
      ("kontrakt.csv", "text/csv", Self.csv(Self.rows(everyColumn: false))),
    ] {
      let accepted = try upload(file, name: name, type: type, as: browser)
      XCTAssertEqual(
        accepted.status, 303,
        accepted.text.matches(of: /<td>([^<]*)<\/td>/).map { String($0.output.1) }.prefix(40).joined(
          separator: " | "))
      let draft = try XCTUnwrap(try store.draft(municipalityCode: code))
      let texts = Set(
        draft.areas.flatMap { area in [area.name] + area.goals.flatMap { [$0.title, $0.means] } })
      XCTAssertTrue(texts.contains(HostileInput.script), "\(name): the payloads are not in the draft")
      let target = try XCTUnwrap(accepted.headers["Location"])
      check.check(target, try browser.get(target))
    }
    try crawlAdminAndMinistry(code: code, into: check)
    check.assertClean()
    XCTAssertTrue(
      check.pagesShowingMarkup.contains { $0.hasPrefix("/admin/kommune/\(code)/udkast") },
      "no draft page shows the imported payload")
  }
}
