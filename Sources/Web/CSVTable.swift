import Domain

/// A CSV file read as RFC 4180 describes it, the way Excel writes it: UTF-8 with or without a byte order mark,
/// `;` (Danish Excel) or `,` between fields, quoted fields with `""` for a quote and separators or line breaks
/// inside, CRLF, LF or CR line ends, and a last line with or without a line end.
///
/// Every record knows the line of the file it starts on (1-based), so problems can be reported where the user
/// finds them. Line breaks inside quoted fields come out as LF.
public struct CSVTable: Hashable, Sendable {
  public enum Separator: UInt8, Hashable, Sendable {
    case semicolon = 0x3B
    case comma = 0x2C
  }

  public struct Record: Hashable, Sendable {
    /// The line of the file the record starts on, from 1.
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
      self.line = line
      self.fields = fields
    }

    /// Whether every field is empty or only spaces (a blank line, or a row of separators as Excel leaves them).
    public var isBlank: Bool {
      fields.allSatisfy { $0.allSatisfy(\.isWhitespace) }
    }
  }

  /// Bounds on what is read, so an upload cannot make the server hold an arbitrarily large table.
  public struct Limits: Hashable, Sendable {
    /// Records in the file, the header line included.
    public var maximumRecords: Int
    public var maximumFields: Int
    /// UTF-8 bytes in one field.
    public var maximumFieldBytes: Int

    public init(maximumRecords: Int = 5_000, maximumFields: Int = 100, maximumFieldBytes: Int = 10_000) {
      self.maximumRecords = maximumRecords
      self.maximumFields = maximumFields
      self.maximumFieldBytes = maximumFieldBytes
    }
  }

  public var separator: Separator
  /// Every record of the file in order, the header line first.
  public var records: [Record]

  public init(separator: Separator, records: [Record]) {
    self.separator = separator
    self.records = records
  }

  /// Reads `bytes`; the separator is the one of `;` and `,` that occurs outside quotes on the first line, `;` when
  /// both or neither do. A first line `sep=;` or `sep=,` (which Excel reads and some programs write) names the
  /// separator instead and is not a record.
  public init(parsing bytes: [UInt8], limits: Limits = Limits()) throws(CSVTableError) {
    var start = 0
    if bytes.starts(with: CSVTable.byteOrderMark) { start = CSVTable.byteOrderMark.count }
    try CSVTable.checkEncoding(bytes, from: start)
    var line = 1
    let separator: Separator
    if let (named, end) = CSVTable.separatorLine(bytes, from: start) {
      separator = named
      start = end
      line = 2
    } else {
      separator = CSVTable.detectSeparator(bytes, from: start)
    }
    var reader = CSVRecordReader(
      bytes: bytes, start: start, line: line, separator: separator.rawValue, limits: limits)
    self.init(separator: separator, records: try reader.readAll())
  }

  /// The separator a `sep=;` / `sep=,` first line names, and where the next line starts.
  static func separatorLine(_ bytes: [UInt8], from start: Int) -> (Separator, next: Int)? {
    let prefix = Array("sep=".utf8)
    guard bytes.count >= start + 5, Array(bytes[start..<start + 4]) == prefix,
      let separator = Separator(rawValue: bytes[start + 4])
    else { return nil }
    var next = start + 5
    if next < bytes.count, bytes[next] == CSVRecordReader.carriageReturn { next += 1 }
    if next < bytes.count, bytes[next] == CSVRecordReader.lineFeed { next += 1 }
    guard next == bytes.count || next > start + 5 else { return nil }
    return (separator, next)
  }

  static func danish(_ count: Int) -> String { DanishNumber.format(Double(count), maximumFractionDigits: 0) }

  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Refuses UTF-16 and anything not UTF-8 (Windows-1252 from "CSV (semikolonsepareret)" most often), naming the
  /// first line with a byte that is not.
  static func checkEncoding(_ bytes: [UInt8], from start: Int) throws(CSVTableError) {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw CSVTableError(
        line: nil,
        message:
          "Filen er gemt som UTF-16 (Unicode-tekst). Gem den i stedet som «CSV UTF-8 (kommasepareret)» i Excel, "
          + "og prøv igen.")
    }
    var iterator = bytes[start...].makeIterator()
    var decoder = UTF8()
    var line = 1
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        if scalar == "\n" { line += 1 }
      case .emptyInput:
        return
      case .error:
        throw CSVTableError(
          line: line,
          message:
            "Linje \(line) er ikke gyldig UTF-8 (filen er måske gemt som «CSV (semikolonsepareret)» med Windows-"
            + "tegnsæt). Gem den som «CSV UTF-8 (kommasepareret)» i Excel, og prøv igen.")
      }
    }
  }

  static func detectSeparator(_ bytes: [UInt8], from start: Int) -> Separator {
    var semicolons = 0
    var commas = 0
    var inQuotes = false
    var index = start
    scan: while index < bytes.count {
      switch bytes[index] {
      case CSVRecordReader.quote: inQuotes.toggle()
      case Separator.semicolon.rawValue where !inQuotes: semicolons += 1
      case Separator.comma.rawValue where !inQuotes: commas += 1
      case CSVRecordReader.lineFeed,
        CSVRecordReader.carriageReturn where !inQuotes:
        break scan
      default: break
      }
      index += 1
    }
    return commas > semicolons ? .comma : .semicolon
  }
}

/// Why a CSV file could not be read, in Danish for the user, with the line when there is one.
public struct CSVTableError: Error, Hashable, Sendable, CustomStringConvertible {
  public var line: Int?
  public var message: String

  public init(line: Int?, message: String) {
    self.line = line
    self.message = message
  }

  public var description: String { message }
}

/// The state machine that splits validated UTF-8 bytes into records.
private struct CSVRecordReader {
  static let quote = UInt8(ascii: "\"")
  static let lineFeed = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")

  let bytes: [UInt8]
  var index: Int
  let separator: UInt8
  let limits: CSVTable.Limits

  var records: [CSVTable.Record] = []
  var fields: [String] = []
  var field: [UInt8] = []
  var line = 1
  var recordLine = 1
  /// The current field began with a quote and it is still open.
  var inQuotes = false
  /// The current field's closing quote was just read: only a separator or line end may follow.
  var afterClosingQuote = false
  /// The current field began with a quote (so it exists even when empty).
  var quoted = false
  var quoteLine = 1

  init(bytes: [UInt8], start: Int, line: Int, separator: UInt8, limits: CSVTable.Limits) {
    self.bytes = bytes
    self.index = start
    self.line = line
    self.recordLine = line
    self.separator = separator
    self.limits = limits
  }

  mutating func readAll() throws(CSVTableError) -> [CSVTable.Record] {
    while index < bytes.count {
      let byte = bytes[index]
      let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
      index += 1
      if inQuotes {
        try readQuoted(byte, next: next)
        continue
      }
      switch byte {
      case separator:
        try endField()
      case Self.lineFeed, Self.carriageReturn:
        if byte == Self.carriageReturn && next == Self.lineFeed { index += 1 }
        try endField()
        try endRecord()
        line += 1
        recordLine = line
      case Self.quote where field.isEmpty && !quoted:
        inQuotes = true
        quoted = true
        quoteLine = line
      default:
        if afterClosingQuote {
          throw CSVTableError(
            line: line,
            message:
              "Linje \(line): efter et afsluttende anførselstegn skal der komme et skilletegn eller et "
              + "linjeskift. Et anførselstegn inde i et felt skrives som to (\"\").")
        }
        try append(byte)
      }
    }
    if inQuotes {
      throw CSVTableError(
        line: quoteLine,
        message: "Linje \(quoteLine): et felt begynder med et anførselstegn, der aldrig lukkes.")
    }
    if !fields.isEmpty || !field.isEmpty || quoted {
      try endField()
      try endRecord()
    }
    return records
  }

  mutating func readQuoted(_ byte: UInt8, next: UInt8?) throws(CSVTableError) {
    switch byte {
    case Self.quote where next == Self.quote:
      index += 1
      try append(Self.quote)
    case Self.quote:
      inQuotes = false
      afterClosingQuote = true
    case Self.carriageReturn:
      if next == Self.lineFeed { index += 1 }
      line += 1
      try append(Self.lineFeed)
    case Self.lineFeed:
      line += 1
      try append(Self.lineFeed)
    default:
      try append(byte)
    }
  }

  mutating func append(_ byte: UInt8) throws(CSVTableError) {
    guard field.count < limits.maximumFieldBytes else {
      throw CSVTableError(
        line: recordLine,
        message:
          "Linje \(recordLine): et felt er længere end \(CSVTable.danish(limits.maximumFieldBytes)) tegn. Er et anførselstegn "
          + "glemt?")
    }
    field.append(byte)
  }

  mutating func endField() throws(CSVTableError) {
    guard fields.count < limits.maximumFields else {
      throw CSVTableError(
        line: recordLine,
        message: "Linje \(recordLine) har flere end \(CSVTable.danish(limits.maximumFields)) kolonner.")
    }
    fields.append(String(decoding: field, as: UTF8.self))
    field.removeAll(keepingCapacity: true)
    quoted = false
    afterClosingQuote = false
  }

  mutating func endRecord() throws(CSVTableError) {
    guard records.count < limits.maximumRecords else {
      throw CSVTableError(
        line: recordLine,
        message:
          "Filen har flere end \(CSVTable.danish(limits.maximumRecords)) linjer. Del den op, eller fjern tomme linjer nederst."
      )
    }
    records.append(CSVTable.Record(line: recordLine, fields: fields))
    fields.removeAll(keepingCapacity: true)
  }
}
