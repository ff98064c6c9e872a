import Domain

/// The national table as shown: the municipalities a query keeps, in its order, with a cell per rule column, and
/// each column's count of met out of applicable. Built from the Store's compliance answer only.
struct NationalTable: Sendable {
  struct Row: Sendable {
    var municipality: Municipality
    var regionName: String
    var cells: [TableCell]
  }

  struct Total: Sendable {
    var met = 0
    /// Cells where the rule applies (met, failed or not yet due).
    var applicable = 0
    var failed = 0

    /// "80 af 98 (82 %)"; "0 af 0" when nothing applies.
    var text: String {
      guard applicable > 0 else { return "\(met) af \(applicable)" }
      let share = DanishNumber.format(Double(met) * 100 / Double(applicable), maximumFractionDigits: 0)
      return "\(met) af \(applicable) (\(share) %)"
    }
  }

  var columns: [TableColumn]
  var rows: [Row]
  var totals: [Total]
  /// Municipalities in the country, before filters.
  var municipalityCount: Int

  /// Refuses a sort column or region the table does not have (400).
  init(
    municipalities: [Municipality], regions: [Region], findings: [ComplianceFinding], query: TableQuery
  ) throws {
    let columns = TableColumn.columns(for: findings)
    let regionNames = Dictionary(regions.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    if let region = query.region, regionNames[region] == nil {
      throw MinistryError(.badRequest, "«\(region)» er ikke en region. Vælg regionen i listen.")
    }
    let sortIndex = columns.firstIndex { $0.key == query.sortColumn }
    guard
      sortIndex != nil
        || [TableQuery.nameColumn, TableQuery.codeColumn, TableQuery.regionColumn].contains(query.sortColumn)
    else {
      throw MinistryError(
        .badRequest, "Tabellen kan ikke sorteres efter «\(query.sortColumn)». Brug kolonneoverskrifterne.")
    }

    let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
    var outcomes: [String: [ComplianceOutcome?]] = [:]
    outcomes.reserveCapacity(municipalities.count)
    for finding in findings {
      guard let index = columnIndex[TableColumn(rule: finding.rule, budgetYear: finding.budgetYear)] else {
        continue
      }
      outcomes[finding.municipalityCode, default: Array(repeating: nil, count: columns.count)][index] =
        finding.outcome
    }

    let failing = query.failing.flatMap(TableQuery.failingFilter)
    var rows: [Row] = []
    rows.reserveCapacity(municipalities.count)
    for municipality in municipalities {
      if let region = query.region, municipality.regionCode != region { continue }
      let cellOutcomes = outcomes[municipality.code] ?? Array(repeating: nil, count: columns.count)
      let cells = zip(columns, cellOutcomes).map { TableCell(outcome: $1, column: $0) }
      if let failing {
        let fails = cells.contains {
          $0.status == .failed && $0.column.rule == failing.rule
            && (failing.budgetYear == nil || $0.column.budgetYear == failing.budgetYear)
        }
        guard fails else { continue }
      }
      rows.append(
        Row(municipality: municipality, regionName: regionNames[municipality.regionCode] ?? "", cells: cells))
    }
    Self.sort(&rows, by: query.sortColumn, cellIndex: sortIndex, descending: query.descending)

    var totals = Array(repeating: Total(), count: columns.count)
    for row in rows {
      for (index, cell) in row.cells.enumerated() {
        switch cell.status {
        case .met:
          totals[index].met += 1
          totals[index].applicable += 1
        case .failed:
          totals[index].failed += 1
          totals[index].applicable += 1
        case .notYetDue: totals[index].applicable += 1
        case .notApplicable: break
        }
      }
    }
    self.columns = columns
    self.rows = rows
    self.totals = totals
    self.municipalityCount = municipalities.count
  }

  /// By name (Danish order) within equal sort values, whichever the direction, so the order is always the same.
  static func sort(_ rows: inout [Row], by column: String, cellIndex: Int?, descending: Bool) {
    let keyed = rows.map { (name: DanishOrder.key($0.municipality.name), row: $0) }
    func ascending(_ a: Row, _ b: Row) -> Bool? {
      if let cellIndex {
        let left = a.cells[cellIndex]
        let right = b.cells[cellIndex]
        if left.status != right.status { return left.status < right.status }
        let (leftDue, leftDone) = left.dates
        let (rightDue, rightDone) = right.dates
        if leftDue != rightDue { return (leftDue ?? .distantPast) < (rightDue ?? .distantPast) }
        if leftDone != rightDone { return (leftDone ?? .distantPast) < (rightDone ?? .distantPast) }
        return nil
      }
      switch column {
      case TableQuery.codeColumn:
        return a.municipality.code == b.municipality.code ? nil : a.municipality.code < b.municipality.code
      case TableQuery.regionColumn:
        return a.regionName == b.regionName
          ? nil : DanishOrder.key(a.regionName) < DanishOrder.key(b.regionName)
      default:
        return nil
      }
    }
    rows = keyed.sorted { a, b in
      if let order = ascending(a.row, b.row) { return descending ? !order : order }
      if a.name != b.name {
        return descending && column == TableQuery.nameColumn ? a.name > b.name : a.name < b.name
      }
      return a.row.municipality.code < b.row.municipality.code
    }.map(\.row)
  }
}

extension CalendarDate {
  fileprivate static let distantPast = CalendarDate(year: 1, month: 1, day: 1)!
}
