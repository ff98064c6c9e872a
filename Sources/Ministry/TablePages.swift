import Domain
import HTTP
import Store
import Web

extension MinistrySite {
  /// The national table, its filters and sort, and the CSV export.
  static let tablePageNames: [String] = ["ministry/table"]

  func addTableRoutes(to routes: inout [Route]) {
    routes.append(Route(method: .get, pattern: "/ministeriet") { request in try tablePage(request) })
    routes.append(Route(method: .get, pattern: "/ministeriet/tabel.csv") { request in try tableCSV(request) })
  }

  /// The query's choices, with the date when one was given (400 with a Danish message for what cannot be read).
  func tableQuery(_ request: MinistryRequest) throws -> TableQuery {
    let parameters = try request.request.queryParameters()
    var query = try TableQuery(parameters)
    if let text = parameters["dato"], !text.isEmpty { query.date = try asOfDate(request) }
    return query
  }

  /// The table a request asks for, as of its date, from the Store's compliance answer.
  func nationalTable(_ query: TableQuery) throws -> (
    table: NationalTable, date: CalendarDate, regions: [Region]
  ) {
    let date = try query.date ?? store.today()
    let regions = try store.regions()
    let table = try NationalTable(
      municipalities: try store.municipalities(), regions: regions,
      findings: try store.compliance(asOf: date),
      query: query)
    return (table, date, regions)
  }

  func tablePage(_ request: MinistryRequest) throws -> Response {
    let query = try tableQuery(request)
    let (table, date, regions) = try nationalTable(query)
    let today = try store.today()
    return try page(
      "ministry/table", title: "Tilsyn med kvalitetskontrakterne", for: request,
      Self.tableFields(table, query: query, date: date, today: today, regions: regions))
  }

  static func tableFields(
    _ table: NationalTable, query: TableQuery, date: CalendarDate, today: CalendarDate, regions: [Region]
  ) -> TemplateObject {
    func header(key: String, heading: String, paragraph: String?) -> TemplateValue {
      let sorted = query.sortColumn == key
      let nextDescending = sorted && !query.descending
      let link = query.link {
        $0.sortColumn = key
        $0.descending = nextDescending
      }
      var fields: TemplateObject = [
        "heading": .string(heading),
        "link": .string(
          "/ministeriet" + (link.isEmpty ? "?sorter=\(TableQuery.nameColumn)&retning=op" : link)),
        "next": .string(nextDescending ? "sortér faldende" : "sortér stigende"),
      ]
      if let paragraph { fields["paragraph"] = .string(paragraph) }
      if sorted { fields["sort"] = .string(query.descending ? "descending" : "ascending") }
      return .object(fields)
    }
    let nameHeaders: [TemplateValue] = [
      header(key: TableQuery.nameColumn, heading: "Kommune", paragraph: nil),
      header(key: TableQuery.codeColumn, heading: "Kode", paragraph: nil),
      header(key: TableQuery.regionColumn, heading: "Region", paragraph: nil),
    ]
    let ruleHeaders = table.columns.map { header(key: $0.key, heading: $0.heading, paragraph: $0.paragraph) }
    let rows: [TemplateValue] = table.rows.map { row in
      [
        "code": .string(row.municipality.code),
        "name": .string(row.municipality.name),
        "region": .string(row.regionName),
        "cells": .array(
          row.cells.map { cell in
            [
              "symbol": .string(cell.symbol), "word": .string(cell.word), "badge": .string(cell.badge),
              "detail": .string(cell.detail),
            ]
          }),
      ]
    }
    var failingOptions: [TemplateValue] = []
    for rule in TableColumn.contractRules + TableColumn.followUpRules
    where table.columns.contains(where: { $0.rule == rule }) {
      let column = TableColumn(rule: rule)
      let label = TableColumn.followUpRules.contains(rule) ? "\(column.label), alle budgetår" : column.label
      failingOptions.append(option(rule.rawValue, label, selected: query.failing))
    }
    for column in table.columns where column.budgetYear != nil {
      failingOptions.append(option(column.key, column.label, selected: query.failing))
    }
    let csv = "/ministeriet/tabel.csv" + query.link()
    return [
      "date": .string(date.danishText),
      "dateISO": .string(date.description),
      "isToday": .bool(date == today),
      "headers": .array(nameHeaders + ruleHeaders),
      "rows": .array(rows),
      "totals": .array(table.totals.map { .string($0.text) }),
      "shown": .int(table.rows.count),
      "columnCount": .int(3 + table.columns.count),
      "all": .int(table.municipalityCount),
      "filtered": .bool(query.region != nil || query.failing != nil),
      "regions": .array(regions.map { option($0.code, $0.name, selected: query.region) }),
      "failing": .array(failingOptions),
      "sortColumn": .string(query.sortColumn),
      "sortDirection": .string(query.descending ? "ned" : "op"),
      "csv": .string(csv),
      "reset": .string(
        "/ministeriet"
          + TableQuery().link {
            $0.date = query.date
          }),
    ]
  }

  static func option(_ value: String, _ label: String, selected: String?) -> TemplateValue {
    ["value": .string(value), "label": .string(label), "selected": .bool(value == selected)]
  }
}
