import Domain
import XCTest

final class SearchQueryTests: XCTestCase {
  private func terms(_ input: String) -> [String]? {
    SearchQuery.parse(input)?.terms
  }

  /// Every term is a quoted prefix of word scalars, separated by single spaces: nothing else reaches MATCH.
  private func assertSafe(_ query: SearchQuery, file: StaticString = #filePath, line: UInt = #line) {
    let parts = query.matchExpression.split(separator: " ", omittingEmptySubsequences: false)
    XCTAssertEqual(parts.count, query.terms.count, file: file, line: line)
    for (part, term) in zip(parts, query.terms) {
      XCTAssertEqual(String(part), "\"\(term)\"*", file: file, line: line)
      XCTAssertFalse(term.isEmpty, file: file, line: line)
      XCTAssertTrue(term.unicodeScalars.allSatisfy(DanishFolding.isWordScalar), term, file: file, line: line)
    }
  }

  func testSplitsAndFoldsTheWords() throws {
    let query = try XCTUnwrap(SearchQuery.parse("  Ældre-pleje i Høje Taastrup "))
    XCTAssertEqual(query.terms, ["aeldre", "pleje", "hoeje", "taastrup"], "i is too short")
    XCTAssertEqual(query.matchExpression, #""aeldre"* "pleje"* "hoeje"* "taastrup"*"#)
    XCTAssertEqual(terms("ÆLDRE aeldre ældre Ældre"), ["aeldre"], "the same folded word once")
    XCTAssertEqual(terms("skole 2012"), ["skole", "2012"])
    XCTAssertEqual(terms("å"), ["aa"], "one letter, two when folded")
    XCTAssertEqual(terms("3-årige"), ["aarige"])
    XCTAssertNil(SearchQuery.parse("i"))
    XCTAssertNil(SearchQuery.parse("a b c 1 2 3"))
  }

  func testFTS5SyntaxIsNeverPassedOn() throws {
    let cases: [(String, [String]?)] = [
      ("\"", nil), ("\"\"\"", nil), ("*", nil), ("skole*", ["skole"]), ("\"ældre", ["aeldre"]),
      ("\"ældre pleje\"", ["aeldre", "pleje"]), ("NEAR(skole pleje, 2)", ["skole", "pleje"]),
      ("skole OR pleje", ["skole", "pleje"]), ("skole AND NOT pleje", ["skole", "pleje"]),
      ("or and not near", ["or", "and", "not", "near"]), ("-skole", ["skole"]),
      ("title:xy", ["title", "xy"]),
      ("{title theme}:x", ["title", "theme"]), ("^skole", ["skole"]),
      ("skole + pleje", ["skole", "pleje"]),
      ("(", nil), (")", nil), (":", nil), ("^", nil), ("- - -", nil), ("", nil), ("   \n\t", nil),
      ("\"*:^()-+.,;!?{}[]<>'`~@#$%&=|\\/", nil), ("😀", nil), ("😀🎉👍🏽", nil), ("😀skole🎉", ["skole"]),
      ("xy'); DROP TABLE goal; --", ["xy", "drop", "table", "goal"]), ("\u{0}skole\u{7}", ["skole"]),
    ]
    for (input, expected) in cases {
      let query = SearchQuery.parse(input)
      XCTAssertEqual(query?.terms, expected, input.debugDescription)
      if let query { assertSafe(query) }
    }
  }

  func testLongInputIsCutToTheLimits() throws {
    let long = String(repeating: "ældre pleje skole ", count: 120)  // about 2 KB
    XCTAssertGreaterThan(long.utf8.count, 2000)
    // 100 characters end inside the sixth "pleje": the cut word is searched as the prefix it is.
    XCTAssertEqual(terms(long), ["aeldre", "pleje", "skole", "plej"])
    let many = (1...50).map { "ord\($0)" }.joined(separator: " ")
    let query = try XCTUnwrap(SearchQuery.parse(many))
    XCTAssertEqual(query.terms, (1...SearchQuery.maxTerms).map { "ord\($0)" })
    assertSafe(query)
    let oneWord = String(repeating: "a", count: 2048)
    XCTAssertEqual(terms(oneWord), [String(repeating: "a", count: SearchQuery.maxInputLength)])
    let late = String(repeating: " ", count: SearchQuery.maxInputLength) + "skole"
    XCTAssertNil(SearchQuery.parse(late), "only the first \(SearchQuery.maxInputLength) characters are read")
  }

  func testRandomInputAlwaysGivesASafeQuery() {
    let alphabet = Array("aæøåÆ \"*:^()-+NEAROR.,😀é\u{301}\\'{}0")
    var random = SplitMix(seed: 7)
    for _ in 0..<3000 {
      let characters: [Character] = (0..<random.next(below: 30)).map { _ in
        alphabet[random.next(below: alphabet.count)]
      }
      let input = String(characters)
      guard let query = SearchQuery.parse(input) else {
        XCTAssertTrue(
          DanishFolding.foldedWords(in: input).allSatisfy {
            $0.unicodeScalars.count < SearchQuery.minTermLength
              || ["AND", "OR", "NOT", "NEAR"].contains($0.uppercased())
          },
          input.debugDescription)
        continue
      }
      assertSafe(query)
      XCTAssertLessThanOrEqual(query.terms.count, SearchQuery.maxTerms)
    }
  }
}
