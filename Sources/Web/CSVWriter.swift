/// A CSV file as RFC 4180 describes it and `CSVTable` reads it back: UTF-8 (with a byte order mark by default, so
/// Danish Excel opens æ, ø and å right), `;` or `,` between fields, CRLF after every record. A field is quoted when it
/// holds the separator, a quote (written as `""`), a line break, or, in the first field of the file, starts with
/// `sep=` (which `CSVTable` and Excel would take for a separator line); otherwise it is written as it is. A text field
/// that a spreadsheet would take for a formula gets a leading `'` first (`CSVFormula`; numbers never do).
public struct CSVWriter: Sendable {
  public var separator: CSVTable.Separator
  public var byteOrderMark: Bool

  public init(separator: CSVTable.Separator = .semicolon, byteOrderMark: Bool = true) {
    self.separator = separator
    self.byteOrderMark = byteOrderMark
  }

  /// The file holding `records` in order.
  public func bytes(_ records: [[String]]) -> [UInt8] {
    var output: [UInt8] = byteOrderMark ? CSVTable.byteOrderMark : []
    for (index, record) in records.enumerated() {
      for (column, field) in record.enumerated() {
        if column > 0 { output.append(separator.rawValue) }
        append(field, to: &output, first: index == 0 && column == 0)
      }
      output.append(contentsOf: [Self.carriageReturn, Self.lineFeed])
    }
    return output
  }

  /// One field as it is written (quoted when it must be).
  public func field(_ text: String, first: Bool = false) -> String {
    var output: [UInt8] = []
    append(text, to: &output, first: first)
    return String(decoding: output, as: UTF8.self)
  }

  func needsQuotes(_ text: String, first: Bool) -> Bool {
    if first && text.utf8.starts(with: "sep=".utf8) { return true }
    return text.utf8.contains {
      $0 == separator.rawValue || $0 == Self.quote || $0 == Self.lineFeed || $0 == Self.carriageReturn
    }
  }

  func append(_ field: String, to output: inout [UInt8], first: Bool) {
    let text = CSVFormula.neutralised(field)
    guard needsQuotes(text, first: first) else {
      output.append(contentsOf: text.utf8)
      return
    }
    output.append(Self.quote)
    for byte in text.utf8 {
      if byte == Self.quote { output.append(Self.quote) }
      output.append(byte)
    }
    output.append(Self.quote)
  }

  static let quote = UInt8(ascii: "\"")
  static let lineFeed = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
}
