extension DanishNumber {
  /// What a typed number turned out to be.
  public enum Reading: Equatable, Sendable {
    case value(Double)
    case invalid
    /// "1.234": a thousands separator (1234) or a decimal point (1,234)? Refused rather than guessed.
    case ambiguous
  }

  /// A number as people type it in Denmark or a spreadsheet writes it: "90", "90,5", "1.234,5", "1.234.567",
  /// "1 234,5", or with a decimal point ("90.5"); a leading sign (also "−"). White space around it is ignored.
  /// A single dot followed by exactly three digits ("1.234") is `.ambiguous`.
  public static func read(_ text: some StringProtocol) -> Reading {
    var characters = Substring(String(text.filter { !$0.isWhitespace }))
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
      guard let whole = thousandsGrouped(parts[0]) else { return .invalid }
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
      guard let whole = thousandsGrouped(characters) else { return .invalid }
      integer = whole
    default:
      return .invalid
    }
    if integer.isEmpty { integer = "0" }
    let plain = (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    guard let value = Double(plain), value.isFinite else { return .invalid }
    return .value(value)
  }

  /// The value, when `read` found one.
  public static func value(_ text: some StringProtocol) -> Double? {
    if case .value(let value) = read(text) { return value }
    return nil
  }

  /// The digits of "1.234.567" (groups of three after a first group of one to three), or plain digits as they are.
  private static func thousandsGrouped(_ text: Substring) -> Substring? {
    guard text.contains(".") else { return text }
    let groups = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
      return nil
    }
    return Substring(groups.joined())
  }
}

extension CalendarDate {
  /// A date as people type it: "2012-12-31" (what `<input type="date">` sends), or day first: "31-12-2012",
  /// "31.12.2012", "31/12/2012", day and month with one or two digits. White space around it is ignored.
  public init?(typed text: some StringProtocol) {
    let text = String(text.filter { !$0.isWhitespace })
    if let date = CalendarDate(text) {
      self = date
      return
    }
    let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "." || $0 == "/" }
    guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
      parts[2].count == 4, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
      let date = CalendarDate(year: year, month: month, day: day)
    else { return nil }
    self = date
  }
}
