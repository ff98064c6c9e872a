import Domain
import Foundation
import HTTP

/// What the national table's query asks for: `dato`, `region`, `fejler=<rule>[:year]`, `sorter=<column>` and
/// `retning=op|ned`. Anything it cannot read is refused with a Danish message (400).
struct TableQuery: Hashable, Sendable {
  /// The sort columns besides the rule columns.
  static let nameColumn = "kommune"
  static let codeColumn = "kode"
  static let regionColumn = "region"

  /// The date asked for (`MinistrySite.asOfDate` reads it); nil for today.
  var date: CalendarDate?
  var region: String?
  /// A rule's name, or `rule:year`.
  var failing: String?
  var sortColumn: String = TableQuery.nameColumn
  var descending = false

  init() {}

  /// Everything but the date, which `MinistrySite.asOfDate` reads.
  init(_ parameters: QueryParameters) throws {
    if let region = parameters["region"], !region.isEmpty { self.region = region }
    if let failing = parameters["fejler"], !failing.isEmpty {
      guard Self.failingFilter(failing) != nil else {
        throw MinistryError(
          .badRequest, "«\(failing)» er ikke en regel i tabellen. Vælg reglen i listen «Fejler reglen».")
      }
      self.failing = failing
    }
    if let column = parameters["sorter"], !column.isEmpty { sortColumn = column }
    switch parameters["retning"] ?? "" {
    case "", "op": descending = false
    case "ned": descending = true
    case let other:
      throw MinistryError(.badRequest, "«\(other)» er ikke en sorteringsretning. Brug «op» eller «ned».")
    }
  }

  /// The rule and, when named, the budget year of a `fejler=` value; nil when it names no rule of the table.
  static func failingFilter(_ text: String) -> (rule: ComplianceRule, budgetYear: Int?)? {
    let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
    guard let rule = ComplianceRule(rawValue: String(parts[0])),
      TableColumn.contractRules.contains(rule) || TableColumn.followUpRules.contains(rule)
    else { return nil }
    guard parts.count == 2 else { return (rule, nil) }
    guard TableColumn.followUpRules.contains(rule), let year = Int(parts[1]), (1900...9999).contains(year)
    else {
      return nil
    }
    return (rule, year)
  }

  /// The query string ("" or "?…") for these choices, changed by `change`.
  func link(_ change: (inout TableQuery) -> Void = { _ in }) -> String {
    var query = self
    change(&query)
    var pairs: [(String, String)] = []
    if let date = query.date { pairs.append(("dato", date.description)) }
    if let region = query.region { pairs.append(("region", region)) }
    if let failing = query.failing { pairs.append(("fejler", failing)) }
    if query.sortColumn != Self.nameColumn || query.descending {
      pairs.append(("sorter", query.sortColumn))
      pairs.append(("retning", query.descending ? "ned" : "op"))
    }
    guard !pairs.isEmpty else { return "" }
    return "?" + pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
  }

  static func encode(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
  }

  static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:")
}
