import XCTest

@testable import Web

final class CSVTableTests: XCTestCase {
  private func table(_ text: String, limits: CSVTable.Limits = CSVTable.Limits()) throws -> CSVTable {
    try CSVTable(parsing: Array(text.utf8), limits: limits)
  }

  private func error(_ bytes: [UInt8], limits: CSVTable.Limits = CSVTable.Limits()) -> CSVTableError? {
    do {
      _ = try CSVTable(parsing: bytes, limits: limits)
      return nil
    } catch {
      return error
    }
  }

  private func fields(_ table: CSVTable) -> [[String]] { table.records.map(\.fields) }

  func testSemicolonsWithAByteOrderMarkAsDanishExcelWritesThem() throws {
    let parsed = try CSVTable(
      parsing: [0xEF, 0xBB, 0xBF] + Array("område;mål\r\nÆldreområdet;90,5\r\n".utf8))
    XCTAssertEqual(parsed.separator, .semicolon)
    XCTAssertEqual(fields(parsed), [["område", "mål"], ["Ældreområdet", "90,5"]])
    XCTAssertEqual(parsed.records.map(\.line), [1, 2])
  }

  func testCommasWhenTheHeaderHasOnlyCommas() throws {
    let parsed = try table("a,\"b;c\"\n1,\"2;3\"")
    XCTAssertEqual(parsed.separator, .comma)
    XCTAssertEqual(fields(parsed), [["a", "b;c"], ["1", "2;3"]])
  }

  func testTheSeparatorIsCountedOutsideQuotesAndSemicolonWinsATie() throws {
    XCTAssertEqual(try table("\"a;b;c\",d,e\n").separator, .comma)
    XCTAssertEqual(try table("\"a,b,c\";d;e\n").separator, .semicolon)
    XCTAssertEqual(try table("a;b,c\n").separator, .semicolon)
    XCTAssertEqual(try table("a,b;c,d;e\n").separator, .semicolon)
    XCTAssertEqual(try table("enkelt\n1").separator, .semicolon)
  }

  func testASepLineNamesTheSeparatorAndIsNoRecord() throws {
    let parsed = try table("sep=,\r\na;b,c\r\n1;2,3")
    XCTAssertEqual(parsed.separator, .comma)
    XCTAssertEqual(fields(parsed), [["a;b", "c"], ["1;2", "3"]])
    XCTAssertEqual(parsed.records.map(\.line), [2, 3])
    XCTAssertEqual(try table("sep=;").records, [])
    XCTAssertEqual(fields(try table("sep=x\na,b")), [["sep=x"], ["a,b"]])
    XCTAssertEqual(fields(try table("sep=;a\n")), [["sep=", "a"]])
  }

  func testQuotedFieldsWithDoubledQuotesSeparatorsAndLineBreaks() throws {
    let parsed = try table(
      "a;b;c\r\n\"Det \"\"gode\"\" liv\";\"x;y\";\"linje 1\r\nlinje 2\nlinje 3\"\r\nsidste;;\"\"\r\n")
    XCTAssertEqual(
      fields(parsed),
      [["a", "b", "c"], ["Det \"gode\" liv", "x;y", "linje 1\nlinje 2\nlinje 3"], ["sidste", "", ""]])
    XCTAssertEqual(parsed.records.map(\.line), [1, 2, 5])
  }

  func testLineEndingsAndTheLastLine() throws {
    let expected = [["a", "b"], ["1", "2"], ["3", "4"]]
    XCTAssertEqual(fields(try table("a;b\n1;2\n3;4\n")), expected)
    XCTAssertEqual(fields(try table("a;b\n1;2\n3;4")), expected)
    XCTAssertEqual(fields(try table("a;b\r\n1;2\r\n3;4")), expected)
    XCTAssertEqual(fields(try table("a;b\r1;2\r3;4\r")), expected)
    XCTAssertEqual(fields(try table("a;b\n1;\"2\"")), [["a", "b"], ["1", "2"]])
    XCTAssertEqual(fields(try table("a;b\n1;")), [["a", "b"], ["1", ""]])
    XCTAssertEqual(try table("").records, [])
    XCTAssertEqual(try CSVTable(parsing: [0xEF, 0xBB, 0xBF]).records, [])
  }

  func testBlankLinesAreRecordsThatKnowTheyAreBlank() throws {
    let parsed = try table("a;b\n\n1;2\n ; \n")
    XCTAssertEqual(parsed.records.map(\.line), [1, 2, 3, 4])
    XCTAssertEqual(parsed.records.map(\.isBlank), [false, true, false, true])
  }

  func testAQuoteInsideAnUnquotedFieldIsKept() throws {
    XCTAssertEqual(fields(try table("a;b\n12\" skærm;x")), [["a", "b"], ["12\" skærm", "x"]])
  }

  func testTextAfterAClosingQuoteIsRefusedWithItsLine() {
    let refused = error(Array("a;b\n1;2\n\"citat\" mere;3".utf8))
    XCTAssertEqual(refused?.line, 3)
    XCTAssertTrue(
      refused?.message.hasPrefix("Linje 3: efter et afsluttende anførselstegn") == true, "\(refused!)")
  }

  func testAQuoteNeverClosedIsRefusedWithTheLineItOpens() {
    let refused = error(Array("a;b\n1;\"åben\n\n2;3\n".utf8))
    XCTAssertEqual(refused?.line, 2)
    XCTAssertEqual(refused?.message, "Linje 2: et felt begynder med et anførselstegn, der aldrig lukkes.")
  }

  func testWindows1252IsRefusedNamingTheLine() {
    // "Ældreområdet" as Windows-1252 writes it: Æ = C6, å = E5.
    let bytes =
      Array("område;mål\nx;1\n".utf8) + [0xC6] + Array("ldreomr".utf8) + [0xE5] + Array("det;2\n".utf8)
    let refused = error(bytes)
    XCTAssertEqual(refused?.line, 3)
    XCTAssertTrue(refused?.message.contains("ikke gyldig UTF-8") == true)
    XCTAssertTrue(refused?.message.contains("CSV UTF-8") == true)
  }

  func testUTF16IsRefused() {
    let bytes: [UInt8] = [0xFF, 0xFE] + Array("a;b".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let refused = error(bytes)
    XCTAssertNil(refused?.line)
    XCTAssertTrue(refused?.message.contains("UTF-16") == true)
  }

  func testTheLimitsAreEnforcedWithAMessage() throws {
    let limits = CSVTable.Limits(maximumRecords: 3, maximumFields: 3, maximumFieldBytes: 5)
    XCTAssertEqual(try table("a;b;c\n1;2;3\n4;5;6", limits: limits).records.count, 3)
    XCTAssertEqual(error(Array("a\n1\n2\n3".utf8), limits: limits)?.line, 4)
    XCTAssertEqual(
      error(Array("a\n1\n2\n3".utf8), limits: limits)?.message,
      "Filen har flere end 3 linjer. Del den op, eller fjern tomme linjer nederst.")
    XCTAssertEqual(
      error(Array("a;b;c\n1;2;3;4".utf8), limits: limits),
      CSVTableError(line: 2, message: "Linje 2 har flere end 3 kolonner."))
    XCTAssertEqual(
      try table("a;b\n12345;\"ab\"\"cd\"", limits: limits).records[1].fields, ["12345", "ab\"cd"])
    XCTAssertEqual(error(Array("a;b\n123456;1".utf8), limits: limits)?.line, 2)
    XCTAssertEqual(error(Array("a;b\n\"12\n3456\";1".utf8), limits: limits)?.line, 2)
    let standard = CSVTable.Limits()
    XCTAssertEqual(
      [standard.maximumRecords, standard.maximumFields, standard.maximumFieldBytes], [5_000, 100, 10_000])
    XCTAssertTrue(
      error(Array(String(repeating: "x", count: 10_001).utf8))?.message.contains("længere end 10.000 tegn")
        == true)
  }
}
