// Times the store's hot reads on a database made by `brugerinformation generate`, and prints the query plans of
// the SQL they ran. Run by Benchmarks/store.sh; usage: store-benchmark DATABASE [ITERATIONS]
import Domain
import Foundation
import SQLite
import Store

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: store-benchmark DATABASE [ITERATIONS]\n".utf8))
  exit(64)
}
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 2000 : 2000
// One reader, so that every read runs on the connection whose statement cache we inspect afterwards.
let store = try Store.open(path: arguments[1], readers: 1)
let today = CalendarDate(year: 2026, month: 11, day: 22)!
let codes = try store.municipalities().map(\.code)
var withContract: [String] = []
for code in codes where try store.contractInForce(municipalityCode: code, asOf: today) != nil {
  withContract.append(code)
}

func median(_ samples: [Double]) -> Double {
  let sorted = samples.sorted()
  return sorted[sorted.count / 2]
}

func microseconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1000
}

// Warm the statement cache and SQLite's page cache, then measure.
for code in withContract.prefix(50) { _ = try store.contractInForce(municipalityCode: code, asOf: today) }
var loadSamples: [Double] = []
var goals = 0
for index in 0..<iterations {
  let code = withContract[index % withContract.count]
  loadSamples.append(
    try microseconds {
      let contract = try store.contractInForce(municipalityCode: code, asOf: today)
      goals += contract?.version.areas.reduce(0) { $0 + $1.goals.count } ?? 0
    })
}

let complianceRuns = max(3, min(30, 3000 / max(1, codes.count / 10)))
_ = try store.compliance(asOf: today)
var complianceSamples: [Double] = []
var findings = 0
for _ in 0..<complianceRuns {
  complianceSamples.append(try microseconds { findings = try store.compliance(asOf: today).count })
}

print("municipalities: \(codes.count) (\(withContract.count) with a contract in force)")
print(
  String(
    format:
      "load version in force (areas, goals, adjustments, latest statuses): median %.1f µs over %d loads "
      + "(%.1f goals each on average)", median(loadSamples), iterations,
    Double(goals) / Double(iterations)))
print(
  String(
    format: "national compliance as of %@: median %.2f ms over %d runs (%d findings)", today.description,
    median(complianceSamples) / 1000, complianceRuns, findings))

/// How many parameters `sql` takes: the highest `?N`, or the number of bare `?`s.
func parameterCount(_ sql: String) -> Int {
  var highest = 0
  var bare = 0
  var characters = sql[...]
  while let mark = characters.firstIndex(of: "?") {
    let digits = characters[characters.index(after: mark)...].prefix(while: \.isNumber)
    if let number = Int(digits) { highest = max(highest, number) } else { bare += 1 }
    characters = characters[characters.index(after: mark)...]
  }
  return max(highest, bare)
}

// The query plans of every statement the reads above prepared.
let plans = try store.database.read { connection -> [(String, [String])] in
  try connection.cachedStatementSQL.sorted().map { sql in
    let rows = try connection.query(
      "EXPLAIN QUERY PLAN " + sql, arguments: Array(repeating: nil, count: parameterCount(sql)))
    return (sql, try rows.map { try $0.get("detail", as: String.self) })
  }
}
let tables = Set(
  try store.database.read { connection in
    try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table'").map {
      try $0.get("name", as: String.self)
    }
  })
var fullScans = 0
print("\nEXPLAIN QUERY PLAN of the \(plans.count) statements used:")
for (sql, details) in plans {
  print(
    "\n  "
      + sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " "))
  for detail in details {
    // "SCAN name" with no index, where name is a stored table (not a CTE, a view's rows or a subquery).
    let words = detail.split(separator: " ")
    let scansTable = words.count == 2 && words[0] == "SCAN" && tables.contains(String(words[1]))
    if scansTable { fullScans += 1 }
    print("    " + (scansTable ? "! " : "  ") + detail)
  }
}
print(
  "\nstatements scanning a whole stored table without an index ('!'): \(fullScans)"
    + " (the municipality list reads every row by design)")
