/// CSV formula injection (“CSV injection”): a spreadsheet opening a downloaded CSV file takes a cell that starts
/// with `=`, `+`, `-` or `@` (and, in some programs, a tab or a carriage return before one) for a formula, and a
/// formula such as `=HYPERLINK(…)` or `=cmd|…` can leak data or run commands. The portal's downloads hold text
/// typed by municipal staff, so `CSVWriter` writes such a text cell with a leading apostrophe (`'=SUM(1)`), which
/// spreadsheets show as text. Numbers are left alone: `-12`, `+4,5`, `-0.125`, `1e-05` (a sign, digits, one `,` or
/// `.` with digits after it, an optional exponent) are written as they are.
public enum CSVFormula {
  /// The characters that make a spreadsheet read a cell as a formula.
  public static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

  /// Whether a spreadsheet could take `text` for a formula: it starts with a trigger and is not a number.
  public static func looksLikeFormula(_ text: String) -> Bool {
    guard let first = text.first, triggers.contains(first) else { return false }
    return !isNumber(text)
  }

  /// `text` as it is written to a CSV file: with a leading `'` when it looks like a formula.
  public static func neutralised(_ text: String) -> String {
    looksLikeFormula(text) ? "'" + text : text
  }

  /// A sign, digits, at most one decimal separator (`,` or `.`) followed by digits, an optional exponent.
  public static func isNumber(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    func digits() -> Int {
      let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
      bytes = bytes.dropFirst(count)
      return count
    }
    if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      bytes = bytes.dropFirst()
    }
    guard digits() > 0 else { return false }
    if let separator = bytes.first, separator == UInt8(ascii: ",") || separator == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      guard digits() > 0 else { return false }
    }
    if let exponent = bytes.first, exponent == UInt8(ascii: "e") || exponent == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        bytes = bytes.dropFirst()
      }
      guard digits() > 0 else { return false }
    }
    return bytes.isEmpty
  }
}
