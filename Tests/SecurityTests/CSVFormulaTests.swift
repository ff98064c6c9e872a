import Web
import XCTest

/// The rule against CSV formula injection (`Web.CSVFormula`, applied by `CSVWriter`).
final class CSVFormulaTests: XCTestCase {
  func testTextThatLooksLikeAFormulaGetsALeadingApostropheAndNumbersDoNot() {
    let writer = CSVWriter()
    for formula in [
      "=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "=1", "\t=1", "-", "+", "@", "=",
      "-1,", "+4,5,6", "-e5",
    ] {
      XCTAssertTrue(CSVFormula.looksLikeFormula(formula), formula.debugDescription)
      let table = try? CSVTable(parsing: writer.bytes([["a", "b"], [formula, "x"]]))
      XCTAssertEqual(table?.records.last?.fields.first, "'" + formula, formula.debugDescription)
    }
    for number in ["-12", "+4,5", "-0.125", "1e-05", "-1E+10", "82", "0", "-0,5"] {
      XCTAssertFalse(CSVFormula.looksLikeFormula(number), number)
      XCTAssertEqual(writer.field(number), number)
    }
    for text in ["Høje-Taastrup", "a=b", " =1", "'=1", "", "2010-01-01", "Nået"] {
      XCTAssertFalse(CSVFormula.looksLikeFormula(text), text)
      XCTAssertEqual(writer.field(text), text)
    }
    XCTAssertEqual(writer.field("\r=1"), "\"'\r=1\"")
    // Quoting still applies after the apostrophe.
    XCTAssertEqual(writer.field("=A1;B1"), "\"'=A1;B1\"")
    XCTAssertEqual(writer.field("=\"x\""), "\"'=\"\"x\"\"\"")
  }
}
