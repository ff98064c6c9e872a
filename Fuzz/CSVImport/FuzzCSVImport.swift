import FuzzSupport
import Web

/// The contract import: `CSVTable` (records within the limits, written back by `CSVWriter` and read again to the
/// same fields) and `ContractImport.read` (CSV or JSON; a file with problems never yields areas).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = fuzzBytes(start, count)
  let limits = CSVTable.Limits(maximumRecords: 50, maximumFields: 12, maximumFieldBytes: 300)
  if let table = try? CSVTable(parsing: bytes, limits: limits) {
    checkTable(table, limits: limits)
    checkRoundTrip(table, limits: limits)
    let fromTable = ContractImport.csv(table)
    fuzzRequire(ContractImport.csv(bytes, limits: limits) == fromTable, "csv(bytes) and csv(table) differ")
  }
  let result = ContractImport.read(bytes)
  fuzzRequire(result.problems.isEmpty || result.areas.isEmpty, "a file with problems yields areas")
  fuzzRequire(result.isValid == result.problems.isEmpty, "isValid")
  fuzzRequire(
    result.problems.count <= ContractImport.maximumProblems + 1, "\(result.problems.count) problems")
  for problem in result.problems + result.warnings {
    fuzzRequire(!problem.message.isEmpty, "a problem without a message")
    _ = problem.description
  }
  for area in result.areas {
    fuzzRequire(!area.goals.isEmpty, "an area without goals: \(area.serviceAreaName)")
    fuzzRequire(
      area.serviceAreaName.count <= ContractImport.maximumNameLength,
      "area name of \(area.serviceAreaName.count)")
  }
  return 0
}

private func checkTable(_ table: CSVTable, limits: CSVTable.Limits) {
  fuzzRequire(table.records.count <= limits.maximumRecords, "\(table.records.count) records")
  var previousLine = 0
  for record in table.records {
    fuzzRequire(record.line > previousLine, "record lines \(previousLine) then \(record.line)")
    previousLine = record.line
    fuzzRequire(
      !record.fields.isEmpty && record.fields.count <= limits.maximumFields, "\(record.fields.count) fields")
    for field in record.fields {
      fuzzRequire(field.utf8.count <= limits.maximumFieldBytes, "a field of \(field.utf8.count) bytes")
      fuzzRequire(
        !field.utf8.contains(UInt8(ascii: "\r")), "a CR inside a field (line breaks come out as LF)")
    }
  }
}

/// Written with its separator named on a `sep=` line (the writer alone relies on separator detection, see
/// docs/reliability-fuzz.md), the table reads back to the same fields.
private func checkRoundTrip(_ table: CSVTable, limits: CSVTable.Limits) {
  let fields = table.records.map(\.fields)
  for byteOrderMark in [false, true] {
    let writer = CSVWriter(separator: table.separator, byteOrderMark: false)
    var written: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    written += Array("sep=".utf8) + [table.separator.rawValue] + Array("\r\n".utf8)
    written += writer.bytes(fields)
    let reread: CSVTable
    do {
      reread = try CSVTable(parsing: written, limits: limits)
    } catch {
      fuzzRequire(false, "the written table does not read back: \(error)")
      return
    }
    fuzzRequire(reread.separator == table.separator, "separator \(reread.separator) after writing")
    fuzzRequire(
      reread.records.map(\.fields) == fields, "fields changed: \(fields) → \(reread.records.map(\.fields))")
  }
}
