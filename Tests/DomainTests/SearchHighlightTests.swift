import Domain
import XCTest

final class SearchHighlightTests: XCTestCase {
  private func marked(_ fragments: [TextFragment]) -> [String] {
    fragments.filter(\.isMatch).map(\.text)
  }

  private func joined(_ fragments: [TextFragment]) -> String {
    fragments.map(\.text).joined()
  }

  func testMarksTheMatchedStartOfAWordInTheOriginalText() {
    let text = "Ældreområdet: hjælp til ældre i Høje-Taastrup"
    for term in ["ældre", "aeldre", "Ældre", "ÆLDRE"] {
      let fragments = SearchHighlight.fragments(in: text, terms: [term])
      XCTAssertEqual(
        fragments,
        [
          TextFragment(text: "Ældre", isMatch: true),
          TextFragment(text: "området: hjælp til ", isMatch: false),
          TextFragment(text: "ældre", isMatch: true), TextFragment(text: " i Høje-Taastrup", isMatch: false),
        ], term)
    }
    XCTAssertEqual(marked(SearchHighlight.fragments(in: text, terms: ["hoeje"])), ["Høje"])
    XCTAssertEqual(
      marked(SearchHighlight.fragments(in: text, terms: ["høje taastrup"])), ["Høje", "Taastrup"])
    XCTAssertEqual(marked(SearchHighlight.fragments(in: text, terms: ["hjae"])), ["hjæ"])
  }

  func testOnlyTheStartOfAWordMatches() {
    let text = "Ældreområdet og hjemmeplejen"
    XCTAssertEqual(marked(SearchHighlight.fragments(in: text, terms: ["område", "plejen"])), [])
    XCTAssertEqual(marked(SearchHighlight.fragments(in: text, terms: ["ældreområderne"])), [])
    XCTAssertFalse(SearchHighlight.containsMatch(in: text, terms: ["område"]))
    XCTAssertTrue(SearchHighlight.containsMatch(in: text, terms: ["område", "hjem"]))
    // The longest of several terms that start a word is marked.
    XCTAssertEqual(
      marked(SearchHighlight.fragments(in: text, terms: ["hjem", "hjemmepleje"])), ["hjemmepleje"])
  }

  func testAMatchEndingInsideALetterMarksTheWholeLetter() {
    // "a" is the start of "ae", the folded "Æ"; "cafe" ends before the combining accent on "e".
    XCTAssertEqual(marked(SearchHighlight.fragments(in: "Æble", terms: ["a"])), ["Æ"])
    XCTAssertEqual(
      marked(SearchHighlight.fragments(in: "Cafe\u{301} au lait", terms: ["cafe"])), ["Cafe\u{301}"])
  }

  func testNoTermsOrNoTextGiveTheTextUnmarked() {
    XCTAssertEqual(
      SearchHighlight.fragments(in: "Tilfredshed", terms: []),
      [TextFragment(text: "Tilfredshed", isMatch: false)])
    XCTAssertEqual(
      SearchHighlight.fragments(in: "Tilfredshed", terms: ["*", "\""]),
      [TextFragment(text: "Tilfredshed", isMatch: false)])
    XCTAssertEqual(SearchHighlight.fragments(in: "", terms: ["ældre"]), [])
  }

  func testFragmentsPutTogetherGiveBackTheText() {
    let alphabet: [Character] = Array("aeøæåÆØÅbcdé e\u{301}ü ,.-'\"*()😀👍🏽x²3ß\n\t") + ["\u{301}", "\r\n"]
    let termAlphabet = Array("aeoøæålsbé")
    var random = SplitMix(seed: 2010)
    for _ in 0..<2000 {
      let characters: [Character] = (0..<random.next(below: 40)).map { _ in
        alphabet[random.next(below: alphabet.count)]
      }
      let text = String(characters)
      let terms: [String] = (0..<random.next(below: 4)).map { _ in
        let characters: [Character] = (0..<(1 + random.next(below: 3))).map { _ in
          termAlphabet[random.next(below: termAlphabet.count)]
        }
        return String(characters)
      }
      let fragments = SearchHighlight.fragments(in: text, terms: terms)
      XCTAssertEqual(joined(fragments), text, "\(text.debugDescription) \(terms)")
      XCTAssertFalse(fragments.contains { $0.text.isEmpty })
      let foldedTerms = terms.flatMap { DanishFolding.foldedWords(in: $0) }
      for fragment in fragments where fragment.isMatch {
        let word = DanishFolding.foldedWords(in: fragment.text).first ?? ""
        XCTAssertTrue(
          foldedTerms.contains { word.hasPrefix($0) || $0.hasPrefix(word) }, "\(fragment.text) \(terms)")
      }
      XCTAssertEqual(
        fragments.contains(where: \.isMatch), SearchHighlight.containsMatch(in: text, terms: terms),
        "\(text.debugDescription) \(terms)")
      XCTAssertEqual(joined(SearchHighlight.snippet(of: text, terms: terms, wordLimit: 30)), text)
    }
  }

  func testSnippetShowsWordsAroundTheFirstMatch() {
    let words = (1...100).map { "ord\($0)" }
    var withMatch = words
    withMatch[59] = "Ældreplejen"
    let text = withMatch.joined(separator: " ") + "."
    let snippet = SearchHighlight.snippet(of: text, terms: ["aeldre"], wordLimit: 30)
    XCTAssertEqual(snippet.first, TextFragment(text: "… ", isMatch: false))
    XCTAssertEqual(snippet.last, TextFragment(text: " …", isMatch: false))
    XCTAssertEqual(marked(snippet), ["Ældre"])
    let shown = snippet.dropFirst().dropLast().map(\.text).joined()
    XCTAssertEqual(DanishFolding.words(in: shown).count, 30)
    XCTAssertTrue(text.contains(shown))
    XCTAssertTrue(shown.hasPrefix("ord"))
    XCTAssertTrue(shown.contains("ord55 ord56"), "a few words before the match")

    let near = SearchHighlight.snippet(of: words.joined(separator: " "), terms: ["ord3"], wordLimit: 30)
    XCTAssertEqual(
      near.first, TextFragment(text: "ord1 ord2 ", isMatch: false), "no … before the text's start")
    XCTAssertEqual(near[1], TextFragment(text: "ord3", isMatch: true))
    XCTAssertEqual(near.last, TextFragment(text: " …", isMatch: false))

    let atEnd = SearchHighlight.snippet(of: text, terms: ["ord99"], wordLimit: 30)
    XCTAssertEqual(
      atEnd.last, TextFragment(text: " ord100.", isMatch: false), "the text's end, with its full stop")
    XCTAssertEqual(DanishFolding.words(in: atEnd.map(\.text).joined()).count, 30)

    let none = SearchHighlight.snippet(of: text, terms: ["pleje"], wordLimit: 30)
    XCTAssertEqual(none.first?.text.hasPrefix("ord1 ord2"), true)
    XCTAssertEqual(marked(none), [])
  }
}

/// A small deterministic generator, so the randomized test is the same on every run.
struct SplitMix {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next(below bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}
