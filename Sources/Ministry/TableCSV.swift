import Domain
import HTTP
import Web

extension MinistrySite {
  /// `GET /ministeriet/tabel.csv`: the table as the same query shows it (rows, order, columns), in words, for Danish
  /// Excel: UTF-8 with a byte order mark, `;` between fields.
  func tableCSV(_ request: MinistryRequest) throws -> Response {
    let query = try tableQuery(request)
    let (table, date, _) = try nationalTable(query)
    let headers: HTTPHeaders = [
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": "attachment; filename=\"\(Self.csvFileName(query: query, date: date))\"",
      "Cache-Control": "no-store",
    ]
    return Response(status: .ok, headers: headers, body: .bytes(CSVWriter().bytes(Self.csvRecords(table))))
  }

  /// The header line, then one record per row shown.
  static func csvRecords(_ table: NationalTable) -> [[String]] {
    let header = ["Kode", "Kommune", "Region"] + table.columns.map(\.label)
    return [header]
      + table.rows.map { row in
        [row.municipality.code, row.municipality.name, row.regionName] + row.cells.map(\.text)
      }
  }

  /// "tilsyn-2010-07-01.csv", with the region and the failing rule when the table is filtered (ASCII only).
  static func csvFileName(query: TableQuery, date: CalendarDate) -> String {
    var parts = ["tilsyn", date.description]
    if let region = query.region { parts.append(region) }
    if let failing = query.failing { parts.append("fejler-" + failing) }
    let name = parts.joined(separator: "-").map { character -> Character in
      character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
        ? character : "-"
    }
    return String(name) + ".csv"
  }
}
