/// Text folded the way a citizen types it, so that "Høje-Taastrup", "hoeje taastrup" and "HØJE" meet: lower case,
/// æ ø å (and ä ö ü) written as two letters, and other accents dropped (é → e).
///
/// The folding agrees, word for word, with what the search index holds: the SQL expression `sqlFold` (the Danish
/// letters replaced) followed by SQLite's `unicode61 remove_diacritics 2` tokenizer (case and accents). Words are
/// runs of the scalars that tokenizer keeps (letters, digits, private use and the accents it drops); everything
/// else separates words. A test compares the two on every Latin letter. They can differ only on characters
/// assigned since SQLite's (older) Unicode tables: newer emoji, for one, are word characters to the tokenizer and
/// separators here.
public enum DanishFolding {
  /// The letters written as two, upper and lower case. `sqlFold` and `fold` both read this list.
  public static let letterReplacements: [(letter: Unicode.Scalar, replacement: String)] = [
    ("æ", "ae"), ("Æ", "ae"), ("ø", "oe"), ("Ø", "oe"), ("å", "aa"), ("Å", "aa"),
    ("ä", "ae"), ("Ä", "ae"), ("ö", "oe"), ("Ö", "oe"), ("ü", "ue"), ("Ü", "ue"),
  ]

  /// Lower case, the Danish letters as two, accents dropped.
  public static func fold(_ text: String) -> String {
    var folded: [Unicode.Scalar] = []
    folded.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      appendFolded(scalar, to: &folded)
    }
    var utf8: [UInt8] = []
    utf8.reserveCapacity(folded.count)
    for scalar in folded {
      UTF8.encode(scalar) { utf8.append($0) }
    }
    return String(decoding: utf8, as: UTF8.self)
  }

  /// An SQL expression for `column` with the (precomposed) Danish letters replaced and ASCII lowered; the
  /// tokenizer does the rest.
  public static func sqlFold(_ column: String) -> String {
    letterReplacements.reduce("lower(\(column))") { expression, pair in
      "replace(\(expression), '\(pair.letter)', '\(pair.replacement)')"
    }
  }

  /// Whether the scalar belongs to a word (else it separates words), as the index's tokenizer decides.
  public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let value = scalar.value
      return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber, .privateUse, .unassigned:
      // SQLite's tokenizer counts code points its (older) Unicode tables do not know as word characters too.
      return true
    default:
      return droppedMarks.contains(scalar.value)
    }
  }

  /// The runs of word scalars in `text`, unfolded.
  public static func words(in text: String) -> [Substring] {
    var words: [Substring] = []
    let scalars = text.unicodeScalars
    var start: String.Index?
    var index = scalars.startIndex
    while index < scalars.endIndex {
      if isWordScalar(scalars[index]) {
        if start == nil { start = index }
      } else if let wordStart = start {
        words.append(Substring(scalars[wordStart..<index]))
        start = nil
      }
      index = scalars.index(after: index)
    }
    if let wordStart = start { words.append(Substring(scalars[wordStart..<scalars.endIndex])) }
    return words
  }

  /// The folded words of `text`: what the index holds for it.
  public static func foldedWords(in text: String) -> [String] {
    words(in: text).map { fold(String($0)) }.filter { !$0.isEmpty }
  }

  /// Appends the folded form of one scalar (none, one or more scalars).
  static func appendFolded(_ scalar: Unicode.Scalar, to folded: inout [Unicode.Scalar]) {
    if scalar.isASCII {
      let value = scalar.value
      folded.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
    } else if let replacement = replacements[scalar] {
      folded += replacement
    } else if scalar.properties.changesWhenLowercased {
      for lower in scalar.properties.lowercaseMapping.unicodeScalars {
        appendWithoutAccent(lower, to: &folded)
      }
    } else {
      appendWithoutAccent(scalar, to: &folded)
    }
  }

  private static func appendWithoutAccent(_ scalar: Unicode.Scalar, to folded: inout [Unicode.Scalar]) {
    if !droppedMarks.contains(scalar.value) {
      folded.append(baseLetters[scalar] ?? scalar)
    }
  }

  private static let replacements = Dictionary(
    uniqueKeysWithValues: letterReplacements.map { ($0.letter, Array($0.replacement.unicodeScalars)) })

  /// The combining accents the tokenizer drops (within a word; other combining marks separate words).
  private static let droppedMarks: Set<UInt32> = [
    0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308, 0x309, 0x30A, 0x30B, 0x30C, 0x30F, 0x311, 0x31B,
    0x323, 0x324, 0x325, 0x326, 0x327, 0x328, 0x32D, 0x32E, 0x330, 0x331,
  ]

  /// Lower-case letters with accents and the letter the tokenizer reduces them to (Latin-1 Supplement, Latin
  /// Extended-A and -B, Latin Extended Additional). Letters with a stroke (ø, ł, đ) keep it, as in the tokenizer.
  private static let baseLetters: [Unicode.Scalar: Unicode.Scalar] = {
    let groups: [(Unicode.Scalar, String)] = [
      ("a", "àáâãāăąǎǟǻȁȃȧḁạảấầẩẫậắằẳẵặ"), ("b", "ḃḅḇ"), ("c", "çćĉċčḉ"), ("d", "ďḋḍḏḑḓ"),
      ("e", "èéêëēĕėęěȅȇȩḕḗḙḛḝẹẻẽếềểễệ"), ("f", "ḟ"), ("g", "ĝğġģǧǵḡ"), ("h", "ĥȟḣḥḧḩḫẖ"),
      ("i", "ìíîïĩīĭįǐȉȋḭḯỉị"), ("j", "ĵǰ"), ("k", "ķǩḱḳḵ"), ("l", "ĺļľḷḹḻḽ"), ("m", "ḿṁṃ"),
      ("n", "ñńņňǹṅṇṉṋ"), ("o", "òóôõōŏőơǒǫǭȍȏȫȭȯȱṍṏṑṓọỏốồổỗộớờởỡợ"), ("p", "ṕṗ"), ("r", "ŕŗřȑȓṙṛṝṟ"),
      ("s", "śŝşšſșṡṣṥṧṩẛ"), ("t", "ţťțṫṭṯṱẗ"), ("u", "ùúûũūŭůűųưǔǖǘǚǜȕȗṳṵṷṹṻụủứừửữự"), ("v", "ṽṿ"),
      ("w", "ŵẁẃẅẇẉẘ"), ("x", "ẋẍ"), ("y", "ýÿŷȳẏẙỳỵỷỹ"), ("z", "źżžẑẓẕ"),
    ]
    var table: [Unicode.Scalar: Unicode.Scalar] = ["µ": "μ"]  // the micro sign folds to the Greek letter
    for (base, letters) in groups {
      for letter in letters.unicodeScalars { table[letter] = base }
    }
    return table
  }()
}
