import Domain
import SQLite
import Store
import XCTest

/// The index folds in SQL (`DanishFolding.sqlFold`, then the `unicode61 remove_diacritics 2` tokenizer); search
/// terms and highlighting fold in Swift (`DanishFolding`). Both must give the same words.
final class FoldingAgreementTests: StoreTestCase {
  /// The words SQLite's index makes of each text, after the SQL fold, read back through fts5vocab.
  private func indexWords(_ texts: [String]) throws -> [[String]] {
    try store.database.withWriter { connection in
      try connection.execute(
        """
        CREATE VIRTUAL TABLE temp.fold_probe USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE temp.fold_probe_words USING fts5vocab(temp, fold_probe, 'instance');
        """)
      defer { try? connection.execute("DROP TABLE temp.fold_probe_words; DROP TABLE temp.fold_probe;") }
      for (index, text) in texts.enumerated() {
        try connection.run(
          "INSERT INTO temp.fold_probe (rowid, x) VALUES (?1, \(DanishFolding.sqlFold("?2")))", index + 1,
          text)
      }
      var words = Array(repeating: [String](), count: texts.count)
      try connection.iterate("SELECT doc, term FROM temp.fold_probe_words ORDER BY doc, offset") { row in
        words[try row.get("doc", as: Int.self) - 1].append(try row.get("term"))
      }
      return words
    }
  }

  private func assertAgreement(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) throws {
    let sql = try indexWords(texts)
    for (text, words) in zip(texts, sql) {
      XCTAssertEqual(
        DanishFolding.foldedWords(in: text), words,
        "\(text.debugDescription) \(text.unicodeScalars.map { String($0.value, radix: 16) })", file: file,
        line: line)
    }
  }

  func testDanishAndEuropeanTextFoldsAlike() throws {
    try assertAgreement([
      "Høje-Taastrup", "hoeje taastrup", "HØJE", "Ældreområdet", "ÆLDRE", "Æblegården på Ærø", "Åbenrå ÅRHUS",
      "Børn og unge med særlige behov", "Sundhed og forebyggelse",
      "Træningsterapeuter i alle hjemmeplejegrupper",
      "95 % af alle telefoniske henvendelser besvares inden for 60 sekunder", "3-årige (indeks, 2010 = 100)",
      "Müller, Köln, Ägypten, Übersee, Öl", "Café Crème naïve ÉCOLE Señor São Paulo", "Dvořák Łódź Đorđe Ħal",
      "Straße ẞ Œuvre œ ĳ", "İstanbul ı", "Cafe\u{301} a\u{30A} A\u{30A} o\u{308} e\u{305}x",
      "Tiếng Việt: Nguyễn Thị Minh Khai", "x² ½ ① Ⅳ", "Αθήνα Москва", "😀skole🎉 👍", "a'b a’b aʼb",
      "snake_case",
      "line\nbreak\ttab", "", "   ", "—–-", "borger@kommune.dk https://example.dk/side?x=1",
    ])
  }

  /// Latin letters, combining accents, punctuation. (Beyond such ranges SQLite's Unicode tables are older than
  /// Swift's: e.g. the bidi isolates U+2066–2069 and the emoji skin tones are word characters to it.)
  func testEveryLatinLetterFoldsAlike() throws {
    // Each scalar between two letters, so one that separates words shows as two words on both sides.
    let ranges: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF, 0x2000...0x2064,
    ]
    let texts = ranges.flatMap { $0 }.compactMap(Unicode.Scalar.init).map { "q\(Character($0))q" }
    XCTAssertGreaterThan(texts.count, 900)
    try assertAgreement(texts)
  }
}
