/// A citizen's search: folded words, each matched as the start of a word, all required.
///
/// Only `parse` makes one, so the terms hold word scalars only (`DanishFolding.isWordScalar`): no quote, star,
/// colon, caret, parenthesis or other FTS5 syntax can reach the index.
public struct SearchQuery: Hashable, Sendable {
  public static let maxTerms = 8
  /// Characters of input read; the rest is ignored.
  public static let maxInputLength = 100
  /// Shorter words (folded: "i", "a", "3"; not "å", which is "aa") are left out: as prefixes they match nearly
  /// every text, and cost the most.
  public static let minTermLength = 2

  /// Folded, in the order typed, without repeats.
  public let terms: [String]

  /// The FTS5 MATCH expression: every term as a quoted prefix (`"aeldre"* "pleje"*`), implicitly ANDed.
  public var matchExpression: String {
    terms.map { "\"" + $0.replacingQuotes() + "\"*" }.joined(separator: " ")
  }

  /// The words of the input (letters and digits; everything else separates), folded, of at least
  /// `minTermLength` scalars. FTS5 operators typed in capitals (AND, OR, NOT, NEAR) are dropped; in lower case
  /// they are ordinary words. nil when no word is left.
  public static func parse(_ input: String) -> SearchQuery? {
    var terms: [String] = []
    for word in DanishFolding.words(in: String(input.prefix(maxInputLength))) where !operators.contains(word)
    {
      let folded = DanishFolding.fold(String(word))
      if folded.unicodeScalars.count >= minTermLength && !terms.contains(folded) { terms.append(folded) }
      if terms.count == maxTerms { break }
    }
    return terms.isEmpty ? nil : SearchQuery(terms: terms)
  }

  private static let operators: Set<Substring> = ["AND", "OR", "NOT", "NEAR"]

  private init(terms: [String]) {
    self.terms = terms
  }
}

extension String {
  /// Doubles every `"`, as an FTS5 string needs (the terms have none; this keeps it safe should that change).
  fileprivate func replacingQuotes() -> String {
    var result = ""
    for character in self {
      result.append(character)
      if character == "\"" { result.append("\"") }
    }
    return result
  }
}
