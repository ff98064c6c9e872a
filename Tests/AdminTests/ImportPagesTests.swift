import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

/// Uploading a CSV or JSON file to fill the municipality's draft.
final class ImportPagesTests: AdminTestCase {
  let code = "0169"
  var path: String { "/admin/kommune/\(code)/udkast/import" }

  static func example(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: projectRoot.appendingPathComponent("docs").appendingPathComponent(name)))
  }

  /// POSTs a multipart form as a browser does for `<input type="file" name="fil">`, with the hidden fields of the
  /// import form on the browser's last page unless `fields` are given.
  func upload(
    _ browser: Browser, _ file: [UInt8]?, filename: String = "kontrakt.csv", fields: [(String, String)]? = nil
  ) throws -> TestClient.Reply {
    let boundary = "----import\(UUID().uuidString)"
    var body: [UInt8] = []
    for (name, value) in fields ?? browser.hiddenFields(ofFormWithAction: path) {
      body += Array(
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }
    if let file {
      body += Array(
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n"
          .utf8)
      body += file + Array("\r\n".utf8)
    }
    body += Array("--\(boundary)--\r\n".utf8)
    let cookie = browser.cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
      separator: "; ")
    let head =
      "POST \(path) HTTP/1.1\r\nHost: test\r\nCookie: \(cookie)\r\n"
      + "Content-Type: multipart/form-data; boundary=\"\(boundary)\"\r\nContent-Length: \(body.count)\r\n\r\n"
    let client = try TestClient(port: server.boundPort)
    try client.send(Array(head.utf8) + body)
    return try client.readResponse()
  }

  func editor() throws -> Browser {
    try addUser("redaktor@example.dk", role: .editor, municipality: code)
    let browser = try signedIn("redaktor@example.dk")
    XCTAssertEqual(try browser.get(path).status, 200)
    return browser
  }

  func testTheFormListsTheColumns() throws {
    let browser = try editor()
    let page = try browser.get(path)
    XCTAssertTrue(page.text.contains("enctype=\"multipart/form-data\""))
    XCTAssertTrue(page.text.contains("name=\"fil\" type=\"file\""))
    for column in ImportColumn.allCases {
      XCTAssertTrue(page.text.contains("<td>\(column.name)</td><td>\(column.asciiName)</td>"), column.name)
    }
    XCTAssertEqual(Set(browser.hiddenFields(ofFormWithAction: path).map(\.0)), ["csrf", "once"])
  }

  func testAValidFileReplacesTheDraftAndIsLogged() throws {
    let browser = try editor()
    let tokens = browser.hiddenFields(ofFormWithAction: path)
    let reply = try upload(browser, try Self.example("import-example.csv"), fields: tokens)
    XCTAssertEqual(reply.status, 303, reply.text)
    let sentTwice = try upload(browser, try Self.example("import-example.csv"), fields: tokens)
    XCTAssertEqual(sentTwice.status, 303)
    XCTAssertEqual(
      try store.auditLog(municipalityCode: code).filter { $0.action == "contract.import" }.count, 1)
    XCTAssertEqual(reply.headers["Location"], "/admin/kommune/\(code)/udkast")
    let draft = try XCTUnwrap(try store.draft(municipalityCode: code))
    XCTAssertEqual(draft.areas.map(\.name), ["Borgerservice og administration", "Ældreområdet"])
    XCTAssertEqual(
      draft.areas.map { $0.goals.map(\.title) },
      ContractImport.read(try Self.example("import-example.csv")).areas.map { $0.goals.map(\.title) })
    XCTAssertEqual(ContentRules.section2Problems(draft), [])
    let entry = try XCTUnwrap(
      try store.auditLog(municipalityCode: code).first { $0.action == "contract.import" })
    XCTAssertEqual(entry.entityId, String(draft.id))
    XCTAssertTrue(entry.afterJSON?.contains("Ventetid på plejebolig") == true, entry.afterJSON ?? "")

    // The same file as JSON gives the same draft.
    try browser.get(path)
    XCTAssertEqual(
      try upload(browser, try Self.example("import-example.json"), filename: "k.json").status, 303)
    let again = try XCTUnwrap(try store.draft(municipalityCode: code))
    XCTAssertEqual(again.id, draft.id)
    XCTAssertEqual(again.areas.map { $0.goals.map(\.title) }, draft.areas.map { $0.goals.map(\.title) })
    XCTAssertEqual(again.areas.flatMap(\.goals).map(\.lineage), draft.areas.flatMap(\.goals).map(\.lineage))
  }

  func testAFileWithProblemsShowsEachWithRowAndColumnAndSavesNothing() throws {
    let browser = try editor()
    let before = try databaseContents()
    var text = String(decoding: try Self.example("import-example.csv"), as: UTF8.self)
    text = text.replacingOccurrences(of: ";82;01.03.2010;90;", with: ";ca. 82;01.03.2010;90;")
    text = text.replacingOccurrences(
      of: "%;82,5;01-01-2010;95;31-12-2012;højere", with: "%;82,5;01-01-2010;95;31-12-2012;op")
    let reply = try upload(browser, Array(text.utf8))
    XCTAssertEqual(reply.status, 422)
    XCTAssertTrue(
      reply.text.contains("<tr><td>2</td><td>retning</td><td>«op» er ikke en retning."), reply.text)
    XCTAssertTrue(
      reply.text.contains(
        "<tr><td>4</td><td>udgangsværdi</td><td>«ca. 82» er ikke et tal. Skriv fx 90 eller 90,5.</td></tr>"))
    XCTAssertTrue(reply.text.contains("Intet er gemt."))
    XCTAssertTrue(try databaseContents() == before, "a refused upload changed the database")
  }

  func testAFileNotInUTF8OrMissingIsRefused() throws {
    let browser = try editor()
    let before = try databaseContents()
    let windows1252 =
      Array("område;betegnelse\n".utf8) + [0xC6] + Array("ldreomr".utf8) + [0xE5] + Array("det;x\n".utf8)
    let refused = try upload(browser, windows1252)
    XCTAssertEqual(refused.status, 422)
    XCTAssertTrue(refused.text.contains("Linje 2 er ikke gyldig UTF-8"))
    try browser.get(path)
    let missing = try upload(browser, nil)
    XCTAssertEqual(missing.status, 422)
    XCTAssertTrue(missing.text.contains("Vælg en CSV- eller JSON-fil at indlæse."))
    XCTAssertTrue(try databaseContents() == before, "a refused upload changed the database")
  }

  func testWithoutTheCSRFTokenOrForAnotherMunicipalityNothingHappens() throws {
    let browser = try editor()
    try addUser("kbh@example.dk", role: .municipalAdmin, municipality: "0101")
    let other = try signedIn("kbh@example.dk")
    try other.get("/admin/kommune/0101/udkast/import")
    let tokens = other.hiddenFields(ofFormWithAction: "/admin/kommune/0101/udkast/import")
    XCTAssertEqual(tokens.count, 2)
    let before = try databaseContents()
    let file = try Self.example("import-example.csv")
    XCTAssertEqual(
      try upload(browser, file, fields: [("once", String(repeating: "a", count: 32))]).status, 403)
    XCTAssertEqual(try upload(other, file, fields: tokens).status, 403)
    XCTAssertTrue(try databaseContents() == before, "a refused upload changed the database")
  }
}
