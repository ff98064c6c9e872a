import Domain

/// Numbers, dates and directions as municipal staff type them into a spreadsheet.
enum ImportValueParsing {
  enum NumberReading: Equatable {
    case value(Double)
    case invalid
    /// "1.234": a thousands separator (1234) or a decimal point (1,234)? Refused rather than guessed.
    case ambiguous
  }

  /// Danish form ("90,5", "1.234,5", "1.234.567") or plain ("90.5"), with an optional sign; spaces around it
  /// are ignored.
  static func number(_ text: String) -> NumberReading {
    var characters = Substring(trimmed(text))
    var negative = false
    if let first = characters.first, first == "-" || first == "+" || first == "\u{2212}" {
      negative = first != "+"
      characters = characters.dropFirst()
    }
    guard !characters.isEmpty,
      characters.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") })
    else { return .invalid }
    let commas = characters.filter { $0 == "," }.count
    let dots = characters.filter { $0 == "." }.count
    var integer: Substring
    var fraction: Substring = ""
    switch (commas, dots) {
    case (0, 0):
      integer = characters
    case (1, _):
      let parts = characters.split(separator: ",", omittingEmptySubsequences: false)
      guard let whole = grouped(parts[0]) else { return .invalid }
      integer = whole
      fraction = parts[1]
      guard !fraction.isEmpty, !fraction.contains(".") else { return .invalid }
    case (0, 1):
      let parts = characters.split(separator: ".", omittingEmptySubsequences: false)
      if parts[1].count == 3 && (1...3).contains(parts[0].count) && parts[0].first != "0" {
        return .ambiguous
      }
      integer = parts[0]
      fraction = parts[1]
      guard !fraction.isEmpty else { return .invalid }
    case (0, _):
      guard let whole = grouped(characters) else { return .invalid }
      integer = whole
    default:
      return .invalid
    }
    if integer.isEmpty { integer = "0" }
    let plain = (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    guard let value = Double(plain), value.isFinite else { return .invalid }
    return .value(value)
  }

  /// "90 %" or "12 dage": a number followed by a unit, split in two; nil for anything else.
  static func numberWithUnit(_ text: String) -> (number: String, unit: String)? {
    guard let lastDigit = text.lastIndex(where: { $0.isASCII && $0.isNumber }) else { return nil }
    let number = trimmed(text[...lastDigit])
    let unit = trimmed(text[text.index(after: lastDigit)...])
    guard !unit.isEmpty, case .value = self.number(number) else { return nil }
    return (number, unit)
  }

  /// The digits of "1.234.567" (groups of three after a first group of one to three), or of plain digits.
  private static func grouped(_ text: Substring) -> Substring? {
    guard text.contains(".") else { return text }
    let groups = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
      return nil
    }
    return Substring(groups.joined())
  }

  /// "2012-12-31", "31-12-2012" or "31.12.2012" (day and month may have one digit).
  static func date(_ text: String) -> CalendarDate? {
    let text = trimmed(text)
    if let date = CalendarDate(text) { return date }
    for separator: Character in ["-", "."] {
      let parts = text.split(separator: separator, omittingEmptySubsequences: false)
      guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
        parts[2].count == 4, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
        let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
      else { continue }
      return CalendarDate(year: year, month: month, day: day)
    }
    return nil
  }

  /// "højere" / "lavere" (also "højere er bedre", without æøå, or in English).
  /// `text` without leading and trailing white space (spaces, tabs, line breaks, no-break spaces).
  static func trimmed(_ text: some StringProtocol) -> String {
    guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
    let last = text.lastIndex(where: { !$0.isWhitespace })!
    return String(text[first...last])
  }

  static func direction(_ text: String) -> Direction? {
    switch ImportColumn.key(text) {
    case "hojere", "hojereerbedre", "higher": return .higher
    case "lavere", "lavereerbedre", "lower": return .lower
    default: return nil
    }
  }
}
