import Domain

/// Numbers, dates and directions as municipal staff type them into a spreadsheet.
enum ImportValueParsing {
  /// "90 %" or "12 dage": a number followed by a unit, split in two; nil for anything else.
  static func numberWithUnit(_ text: String) -> (number: String, unit: String)? {
    guard let lastDigit = text.lastIndex(where: { $0.isASCII && $0.isNumber }) else { return nil }
    let number = trimmed(text[...lastDigit])
    let unit = trimmed(text[text.index(after: lastDigit)...])
    guard !unit.isEmpty, case .value = DanishNumber.read(number) else { return nil }
    return (number, unit)
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
