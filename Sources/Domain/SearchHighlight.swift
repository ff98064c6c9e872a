/// A piece of a text, marked when it is (the start of) a word a search term matched.
public struct TextFragment: Hashable, Sendable {
  public var text: String
  public var isMatch: Bool

  public init(text: String, isMatch: Bool) {
    self.text = text
    self.isMatch = isMatch
  }
}

/// Finds search terms in the original text, as the index does (folded, as the start of a word), and marks them
/// there: the fragments put together give back the text exactly, Danish letters and all.
public enum SearchHighlight {
  /// `text` cut into fragments; the part of each word a term matched is marked ("ældre" and "aeldre" both mark
  /// "Ældre" in "Ældreområdet"). Terms are what the user typed or `SearchQuery.terms`; they are folded here.
  public static func fragments(in text: String, terms: [String]) -> [TextFragment] {
    let terms = foldedTerms(terms)
    let words = FoldedWord.all(in: text)
    return fragments(of: text, from: text.startIndex, to: text.endIndex, words: words[...], terms: terms)
  }

  /// Whether any term matches a word of `text`.
  public static func containsMatch(in text: String, terms: [String]) -> Bool {
    let terms = foldedTerms(terms)
    guard !terms.isEmpty else { return false }
    var word: [Unicode.Scalar] = []
    word.reserveCapacity(64)
    for scalar in text.unicodeScalars {
      if DanishFolding.isWordScalar(scalar) {
        DanishFolding.appendFolded(scalar, to: &word)
      } else if !word.isEmpty {
        if longestMatch(word, terms) > 0 { return true }
        word.removeAll(keepingCapacity: true)
      }
    }
    return longestMatch(word, terms) > 0
  }

  /// At most `wordLimit` words of `text` around the first match (from a few words before it), with "…" where
  /// text was left out, as fragments. Without a match: the first words.
  public static func snippet(of text: String, terms: [String], wordLimit: Int = 30) -> [TextFragment] {
    let terms = foldedTerms(terms)
    let words = FoldedWord.all(in: text)
    guard words.count > wordLimit, wordLimit > 0 else {
      return fragments(of: text, from: text.startIndex, to: text.endIndex, words: words[...], terms: terms)
    }
    let first = words.firstIndex { $0.matchEnd(terms) != nil } ?? 0
    let lead = min(first, wordLimit / 3)
    let start = min(first - lead, words.count - wordLimit)
    let window = words[start..<start + wordLimit]
    let from =
      start == 0 ? text.startIndex : characterBoundary(window.first!.start, in: text, roundingUp: false)
    let to =
      start + wordLimit == words.count
      ? text.endIndex : characterBoundary(window.last!.end, in: text, roundingUp: true)
    var result: [TextFragment] = []
    if from > text.startIndex { result.append(TextFragment(text: "… ", isMatch: false)) }
    result += fragments(of: text, from: from, to: to, words: window, terms: terms)
    if to < text.endIndex { result.append(TextFragment(text: " …", isMatch: false)) }
    return result
  }

  /// The length of the longest term `word` starts with (0: none).
  static func longestMatch(_ word: [Unicode.Scalar], _ terms: [[Unicode.Scalar]]) -> Int {
    var longest = 0
    for term in terms where term.count > longest && term.count <= word.count {
      var index = 0
      while index < term.count && word[index] == term[index] { index += 1 }
      if index == term.count { longest = term.count }
    }
    return longest
  }

  private static func foldedTerms(_ terms: [String]) -> [[Unicode.Scalar]] {
    terms.flatMap { term in
      DanishFolding.words(in: term).map { Array(DanishFolding.fold(String($0)).unicodeScalars) }
    }.filter { !$0.isEmpty }
  }

  private static func fragments(
    of text: String, from: String.Index, to: String.Index, words: ArraySlice<FoldedWord>,
    terms: [[Unicode.Scalar]]
  ) -> [TextFragment] {
    var result: [TextFragment] = []
    var position = from
    for word in words {
      guard let matchEnd = word.matchEnd(terms) else { continue }
      let start = characterBoundary(word.start, in: text, roundingUp: false)
      let end = characterBoundary(matchEnd, in: text, roundingUp: true)
      guard start >= position, start < end else { continue }
      if position < start {
        result.append(TextFragment(text: String(text[position..<start]), isMatch: false))
      }
      result.append(TextFragment(text: String(text[start..<end]), isMatch: true))
      position = end
    }
    if position < to { result.append(TextFragment(text: String(text[position..<to]), isMatch: false)) }
    return result
  }

  /// The nearest index at or around `index` where a character (grapheme) starts, so a mark never splits one.
  private static func characterBoundary(_ index: String.Index, in text: String, roundingUp: Bool)
    -> String.Index
  {
    var index = index
    let scalars = text.unicodeScalars
    while index.samePosition(in: text) == nil {
      index = roundingUp ? scalars.index(after: index) : scalars.index(before: index)
    }
    return index
  }
}

/// A word of a text (a run of word scalars) with its folded form and where each folded scalar came from.
private struct FoldedWord {
  var start: String.Index
  var end: String.Index
  var folded: [Unicode.Scalar]
  /// For each folded scalar, the index in the text just after the scalar it was folded from.
  var sourceEnds: [String.Index]

  static func all(in text: String) -> [FoldedWord] {
    var words: [FoldedWord] = []
    let scalars = text.unicodeScalars
    var current: FoldedWord?
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let scalar = scalars[index]
      let next = scalars.index(after: index)
      if DanishFolding.isWordScalar(scalar) {
        if current == nil { current = FoldedWord(start: index, end: index, folded: [], sourceEnds: []) }
        DanishFolding.appendFolded(scalar, to: &current!.folded)
        current!.sourceEnds += repeatElement(next, count: current!.folded.count - current!.sourceEnds.count)
        current!.end = next
      } else if let word = current {
        words.append(word)
        current = nil
      }
      index = next
    }
    if let word = current { words.append(word) }
    return words
  }

  /// Where the longest term this word starts with ends in the text, or nil when none matches.
  func matchEnd(_ terms: [[Unicode.Scalar]]) -> String.Index? {
    let longest = SearchHighlight.longestMatch(folded, terms)
    return longest == 0 ? nil : sourceEnds[longest - 1]
  }
}
