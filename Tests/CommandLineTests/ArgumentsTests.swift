import XCTest

@testable import brugerinformation

final class ArgumentsTests: XCTestCase {
  private let flags: Set<String> = ["force"]
  private let values: Set<String> = ["database", "port"]

  func testReadsValuesInBothFormsAndFlags() throws {
    let arguments = try Arguments(
      ["--database", "a.sqlite", "--port=9", "--force"], flagNames: flags, valueNames: values)
    XCTAssertEqual(arguments.string("database"), "a.sqlite")
    XCTAssertEqual(try arguments.int("port", in: 0...65535), 9)
    XCTAssertTrue(arguments.has("force"))
    XCTAssertTrue(arguments.positionals.isEmpty)
  }

  func testRefusesUnknownOptionsMissingValuesAndValuesOnFlags() {
    XCTAssertThrowsError(try Arguments(["--databse", "x"], flagNames: flags, valueNames: values)) {
      XCTAssertEqual("\($0)", "unknown option --databse")
    }
    XCTAssertThrowsError(try Arguments(["--database"], flagNames: flags, valueNames: values)) {
      XCTAssertEqual("\($0)", "--database needs a value")
    }
    XCTAssertThrowsError(try Arguments(["--force=yes"], flagNames: flags, valueNames: values)) {
      XCTAssertEqual("\($0)", "--force takes no value")
    }
  }

  func testNumbersMustBeInRange() throws {
    let arguments = try Arguments(["--port", "70000"], flagNames: flags, valueNames: values)
    XCTAssertThrowsError(try arguments.int("port", in: 0...65535))
    let words = try Arguments(["--port", "eighty"], flagNames: flags, valueNames: values)
    XCTAssertThrowsError(try words.int("port", in: 0...65535))
  }

  func testUnknownCommandAndHelpExitCodes() {
    XCTAssertEqual(CommandLineTool.main(["frobnicate"]), 64)
    XCTAssertEqual(CommandLineTool.main(["serve", "--help"]), 0)
    XCTAssertEqual(CommandLineTool.main(["serve", "--no-such-option"]), 64)
    XCTAssertEqual(CommandLineTool.main(["generate"]), 64, "--municipalities and --output are required")
  }
}
