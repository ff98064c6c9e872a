import Foundation
import XCTest

/// Issue 8, security bullet 2: every SQL statement in `Sources/` takes its values as bound parameters (`?`). The
/// scan finds every string literal that reads as SQL and holds a `\(…)` interpolation; each one must be on the list
/// below, where it is an identifier or a fragment chosen by the code, never a value from a request.
final class SQLSourceScanTests: XCTestCase {
  /// file name → interpolated expressions found there that are known to be code, not data.
  static let known: [String: Set<String>] = [
    // Table and column names passed as literals by the callers (`recommendations(…, column: "version_id")`,
    // `reorder(…, table: "goal", parentColumn: "version_area_id")`).
    "StoreReads.swift": ["column"],
    "StoreContractWrites.swift": ["table", "parentColumn"],
    // A shared SQL fragment (a static string).
    "StoreFeedReads.swift": ["Self.versionsInForce"],
    "StorePublicReads.swift": ["Self.versionsInForce"],
    // SQL fragments built from literal column names.
    "StoreSearch.swift": [
      "versionInForce(\"v.municipality_code\")", "versionInForce(\"f.municipality_code\")",
      "municipality",
    ],
    // Migrations: schema text built from literals.
    "Migration0005Revision.swift": ["name", "event", "condition.map { \"WHEN \\($0)\\n\" } ?? \"\"", "row"],
    "DanishToday.swift": ["date(atUTC: \"u.now\")"],
    "Migration0004Search.swift": [
      "goalColumns(\"\")", "statusColumns(\"\")", "goalColumns(\"NEW.\")", "statusColumns(\"NEW.\")",
    ],
    // An integer from the migration list.
    "Migrator.swift": ["migration.version"],
    // Help text that mentions SQL words.
    "MigrateCommand.swift": ["DatabaseOption.help"],
    "BackupCommand.swift": ["DatabaseOption.help"],
    "RestoreCommand.swift": ["DatabaseOption.help"],
    // A table name passed as a literal by the callers (`count("municipality")`), and an error message's path.
    "DatabaseCopy.swift": ["table", "path"],
  ]

  nonisolated(unsafe) static let sqlWords =
    /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WHERE|VALUES|JOIN|MATCH)\b/

  func testEverySQLStatementBindsItsValues() throws {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources")
    let files = try XCTUnwrap(FileManager.default.enumerator(atPath: sources.path)).compactMap {
      $0 as? String
    }
    .filter { $0.hasSuffix(".swift") }
    XCTAssertGreaterThan(files.count, 50)
    var literalsWithSQL = 0
    var unexpected: [String] = []
    for file in files {
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      let name = (file as NSString).lastPathComponent
      for literal in Self.literals(in: text) where literal.contains(Self.sqlWords) {
        literalsWithSQL += 1
        for expression in Self.interpolations(in: literal)
        where !(Self.known[name]?.contains(expression) ?? false) {
          unexpected.append("\(file): \\(\(expression)) in \(literal.prefix(80).debugDescription)")
        }
      }
    }
    XCTAssertGreaterThan(
      literalsWithSQL, 100, "the scan found too few SQL strings to be looking at the right thing")
    XCTAssertEqual(
      unexpected, [],
      "interpolation in SQL: bind the value with ? instead\n" + unexpected.joined(separator: "\n"))
  }

  /// The scanner finds an interpolated value in SQL, so the test above can fail.
  func testTheScanSeesAnInterpolatedValue() {
    let source = #"""
      let a = try connection.query("SELECT * FROM goal WHERE title = '\(title)'")
      let b = try connection.query("""
        DELETE FROM session WHERE token_hash = \(digest)
        """)
      """#
    let found = Self.literals(in: source).filter { $0.contains(Self.sqlWords) }.flatMap(Self.interpolations)
    XCTAssertEqual(Set(found), ["title", "digest"])
  }

  /// The contents of the string literals of Swift source: `"…"`, `"""…"""` and their `#` forms.
  static func literals(in source: String) -> [String] {
    var result: [String] = []
    for match in source.matches(of: /#*"""\n(.*?)\n\s*"""#*/.dotMatchesNewlines()) {
      result.append(String(match.output.1))
    }
    let withoutBlocks = source.replacing(/#*"""\n.*?\n\s*"""#*/.dotMatchesNewlines(), with: "")
    for line in withoutBlocks.split(separator: "\n") {
      let code = line.trimmingCharacters(in: .whitespaces)
      if code.hasPrefix("//") { continue }
      for match in line.matches(of: /"((?:[^"\\]|\\.)*)"/) { result.append(String(match.output.1)) }
    }
    return result
  }

  /// The expressions of the `\(…)` interpolations in a literal, parentheses balanced.
  static func interpolations(in literal: String) -> [String] {
    var result: [String] = []
    var index = literal.startIndex
    while let start = literal[index...].range(of: "\\(") {
      var depth = 1
      var cursor = start.upperBound
      while cursor < literal.endIndex, depth > 0 {
        if literal[cursor] == "(" { depth += 1 }
        if literal[cursor] == ")" { depth -= 1 }
        if depth > 0 { cursor = literal.index(after: cursor) }
      }
      result.append(String(literal[start.upperBound..<min(cursor, literal.endIndex)]))
      index = cursor < literal.endIndex ? literal.index(after: cursor) : literal.endIndex
    }
    return result
  }
}
