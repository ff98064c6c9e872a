import Domain
import XCTest

final class DanishFoldingTests: XCTestCase {
  func testFoldsCaseTheDanishLettersAndAccents() {
    XCTAssertEqual(DanishFolding.fold("Høje-Taastrup"), "hoeje-taastrup")
    XCTAssertEqual(DanishFolding.fold("HØJE"), "hoeje")
    XCTAssertEqual(DanishFolding.fold("Ærø Åbenrå Æblegård"), "aeroe aabenraa aeblegaard")
    XCTAssertEqual(DanishFolding.fold("Müller Köln Ägypten"), "mueller koeln aegypten")
    XCTAssertEqual(DanishFolding.fold("Café Crème naïve ÉCOLE Señor"), "cafe creme naive ecole senor")
    // Accents typed as combining marks fold like the precomposed letters the tokenizer reduces.
    XCTAssertEqual(DanishFolding.fold("Cafe\u{301}"), "cafe")
    XCTAssertEqual(DanishFolding.fold("İstanbul"), "istanbul")
    // Punctuation, digits and emoji stay; they separate words.
    XCTAssertEqual(DanishFolding.fold("95 % – 2012! 😀"), "95 % – 2012! 😀")
  }

  func testSpellingsACitizenTypesMeet() {
    let folded = Set(
      ["Høje-Taastrup", "hoeje taastrup", "HØJE TAASTRUP", "Hoeje-Taastrup", "høje  taastrup"].map {
        DanishFolding.foldedWords(in: $0)
      })
    XCTAssertEqual(folded, [["hoeje", "taastrup"]])
    XCTAssertEqual(DanishFolding.foldedWords(in: "ÆLDRE"), DanishFolding.foldedWords(in: "aeldre"))
    XCTAssertNotEqual(DanishFolding.foldedWords(in: "ældre"), DanishFolding.foldedWords(in: "aldre"))
  }

  func testWordsAreRunsOfLettersAndDigits() {
    XCTAssertEqual(
      DanishFolding.words(in: "Børn-og unge's 3-årige: 95%, (x²) 😀ok").map(String.init),
      ["Børn", "og", "unge", "s", "3", "årige", "95", "x²", "ok"])
    XCTAssertEqual(DanishFolding.words(in: " ,.-😀 "), [])
    XCTAssertEqual(DanishFolding.foldedWords(in: "Ærø-færgen"), ["aeroe", "faergen"])
  }

  func testTheSQLFoldReplacesEveryDanishLetterInBothCases() {
    let expression = DanishFolding.sqlFold("title")
    XCTAssertTrue(expression.contains("lower(title)"))
    for (letter, replacement) in DanishFolding.letterReplacements {
      XCTAssertTrue(expression.contains("'\(letter)', '\(replacement)'"), "\(letter)")
    }
    let letters = Set(DanishFolding.letterReplacements.map { Character($0.letter) })
    XCTAssertEqual(letters, Set("æÆøØåÅäÄöÖüÜ"))
  }
}
