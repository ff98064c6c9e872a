import Domain

/// One service area of an imported contract draft with its goals, in the order of the file.
public struct ImportedArea: Hashable, Sendable {
  /// As first written in the file; the Store matches it to the national list or the municipality's own areas.
  public var serviceAreaName: String
  /// Complete goals (§2), positions 1, 2, … in the order of the file; ids and lineages are 0.
  public var goals: [Goal]

  public init(serviceAreaName: String, goals: [Goal]) {
    self.serviceAreaName = serviceAreaName
    self.goals = goals
  }
}

/// Something in an import file that must be corrected (or, as a warning, should be looked at), in Danish.
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
  /// The row as Excel numbers it (the header is row 1); nil for the file as a whole and for JSON.
  public var row: Int?
  /// The column as its header is written in the file (its documented name when the column is missing), or for
  /// JSON where in the document: `områder[2].mål[1].målværdi`; nil for the file as a whole.
  public var column: String?
  public var message: String

  public init(row: Int?, column: String?, message: String) {
    self.row = row
    self.column = column
    self.message = message
  }

  public var description: String {
    var place: [String] = []
    if let row { place.append("række \(row)") }
    if let column { place.append("kolonne «\(column)»") }
    return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
  }
}

/// What an import file holds: the areas to put in the draft when there are no problems, else every problem.
public struct ContractImportResult: Hashable, Sendable {
  /// Empty whenever `problems` is not: nothing is saved unless all of the file is valid.
  public var areas: [ImportedArea]
  public var problems: [ImportProblem]
  /// The guidance's "few goals per area", and a direction that contradicts the values: shown, never refused.
  public var warnings: [ImportProblem]

  public init(areas: [ImportedArea], problems: [ImportProblem], warnings: [ImportProblem]) {
    self.areas = problems.isEmpty ? areas : []
    self.problems = problems
    self.warnings = warnings
  }

  public var isValid: Bool { problems.isEmpty }
}

/// Reads a contract draft from a CSV or JSON upload (see docs/import.md), checking every row as §2 requires
/// for adoption: an import that passes is a complete draft.
public enum ContractImport {
  /// At most this many problems are listed (then one line saying how many more there are).
  public static let maximumProblems = 200
  /// Longer area names and titles are refused: they are headings, not texts.
  public static let maximumNameLength = 200

  /// JSON when the file (after a byte order mark and white space) starts with `{`, else CSV.
  public static func read(_ bytes: [UInt8]) -> ContractImportResult {
    var index = bytes.starts(with: CSVTable.byteOrderMark) ? CSVTable.byteOrderMark.count : 0
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    return index < bytes.count && bytes[index] == UInt8(ascii: "{") ? json(bytes) : csv(bytes)
  }

  public static func csv(_ bytes: [UInt8], limits: CSVTable.Limits = CSVTable.Limits())
    -> ContractImportResult
  {
    let table: CSVTable
    do {
      table = try CSVTable(parsing: bytes, limits: limits)
    } catch {
      return ContractImportResult(
        areas: [], problems: [ImportProblem(row: nil, column: nil, message: error.message)], warnings: [])
    }
    return csv(table)
  }

  public static func csv(_ table: CSVTable) -> ContractImportResult {
    var validator = ImportValidator()
    guard let header = table.records.first, !header.isBlank else {
      validator.problem(
        nil, nil,
        "Filen er tom. Første række skal være overskrifterne: "
          + ImportColumn.allCases.map(\.name).joined(separator: "; ") + ".")
      return validator.result()
    }
    var columns: [Int: ImportColumn] = [:]
    var names: [ImportColumn: String] = [:]
    for (index, raw) in header.fields.enumerated() {
      let name = ImportValueParsing.trimmed(raw)
      if name.isEmpty { continue }
      guard let column = ImportColumn(header: name) else {
        validator.problem(
          1, name,
          "Kolonnen «\(name)» kendes ikke. Kolonnerne hedder: "
            + ImportColumn.allCases.map(\.name).joined(separator: ", ") + ".")
        continue
      }
      if let earlier = names[column] {
        validator.problem(1, name, "Kolonnen «\(column.name)» står to gange (også som «\(earlier)»).")
        continue
      }
      columns[index] = column
      names[column] = name
    }
    for column in ImportColumn.allCases where column.isRequired && names[column] == nil {
      validator.problem(1, column.name, "Kolonnen «\(column.name)» mangler i overskriften (række 1).")
    }
    let recognized = Set(
      header.fields.indices.filter { !ImportValueParsing.trimmed(header.fields[$0]).isEmpty })
    for (offset, record) in table.records.enumerated().dropFirst() where !record.isBlank {
      let row = offset + 1
      var cells: [ImportColumn: ImportCell] = [:]
      for (index, column) in columns {
        let text = index < record.fields.count ? record.fields[index] : ""
        cells[column] = ImportCell(value: .text(text), label: names[column]!)
      }
      for (index, field) in record.fields.enumerated()
      where !recognized.contains(index) && !ImportValueParsing.trimmed(field).isEmpty {
        validator.problem(
          row, "kolonne \(excelColumn(index))",
          "Cellen har indhold, men kolonnen har ingen overskrift. Giv den en overskrift, eller slet indholdet."
        )
      }
      validator.add(ImportRow(row: row, origin: "række \(row)", cells: cells))
    }
    return validator.result()
  }

  /// Excel's name for the column at `index` (0 → A, 26 → AA).
  static func excelColumn(_ index: Int) -> String {
    var number = index + 1
    var letters: [Character] = []
    while number > 0 {
      let remainder = (number - 1) % 26
      letters.insert(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder))), at: 0)
      number = (number - 1) / 26
    }
    return String(letters)
  }
}

/// One value of a row, and what to call its place in a problem.
struct ImportCell {
  enum Value {
    case text(String)
    case number(Double)
    /// Missing from a JSON goal, or null.
    case empty
    /// A JSON value of another kind (true, a list, an object).
    case other
  }

  var value: Value
  var label: String
}

/// One goal as read from a CSV row or a JSON object, before its values are checked.
struct ImportRow {
  var row: Int?
  /// Where it is, for messages about another row: "række 4", "områder[1].mål[2]".
  var origin: String
  /// Every column the file has; a column the file lacks altogether is reported once, not per row.
  var cells: [ImportColumn: ImportCell]
}
