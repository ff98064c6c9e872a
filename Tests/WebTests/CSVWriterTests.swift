import XCTest

@testable import Web

final class CSVWriterTests: XCTestCase {
  func testByteOrderMarkSemicolonsAndCRLF() {
    let bytes = CSVWriter().bytes([["Kode", "Kommune"], ["0101", "København"]])
    XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
    XCTAssertEqual(String(decoding: bytes.dropFirst(3), as: UTF8.self), "Kode;Kommune\r\n0101;København\r\n")
  }

  func testWithoutByteOrderMarkAndWithCommas() {
    let bytes = CSVWriter(separator: .comma, byteOrderMark: false).bytes([["a;b", "c,d"]])
    XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "a;b,\"c,d\"\r\n")
  }

  func testQuotesOnlyWhatMustBeQuoted() {
    let writer = CSVWriter()
    XCTAssertEqual(writer.field("Høje-Taastrup"), "Høje-Taastrup")
    XCTAssertEqual(writer.field(""), "")
    XCTAssertEqual(writer.field("  mellemrum  "), "  mellemrum  ")
    XCTAssertEqual(writer.field("Syd; Nord"), "\"Syd; Nord\"")
    XCTAssertEqual(writer.field("\"Perlen\" ved fjorden"), "\"\"\"Perlen\"\" ved fjorden\"")
    XCTAssertEqual(writer.field("to\nlinjer"), "\"to\nlinjer\"")
    XCTAssertEqual(writer.field("to\rlinjer"), "\"to\rlinjer\"")
    XCTAssertEqual(writer.field("a,b"), "a,b")
    XCTAssertEqual(writer.field("sep=;", first: true), "\"sep=;\"")
    XCTAssertEqual(writer.field("sep=x", first: false), "sep=x")
  }

  /// What the writer writes, the reader reads back field for field (line breaks in a field come back as LF).
  func testTheReaderReadsBackWhatTheWriterWrote() throws {
    let records = [
      ["sep=,", "Kommune", "Note"],
      ["0101", "Kø;benhavn", "\"citat\" og ;"],
      ["", "to\r\nlinjer", "slut\""],
      ["  ", "æøå ÆØÅ", "x"],
    ]
    for separator in [CSVTable.Separator.semicolon, .comma] {
      for mark in [true, false] {
        let bytes = CSVWriter(separator: separator, byteOrderMark: mark).bytes(records)
        let table = try CSVTable(parsing: bytes)
        XCTAssertEqual(table.separator, separator)
        XCTAssertEqual(
          table.records.map(\.fields),
          records.map { $0.map { $0.replacingOccurrences(of: "\r\n", with: "\n") } })
      }
    }
  }
}
