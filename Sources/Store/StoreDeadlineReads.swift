import Domain
import SQLite

extension Store {
  /// Every recorded budget adoption date (§4), by municipality code and budget year.
  public func budgetAdoptionsByMunicipality() throws -> [String: [Int: CalendarDate]] {
    try read { connection in
      var result: [String: [Int: CalendarDate]] = [:]
      for row in try connection.query(
        "SELECT municipality_code, budget_year, adopted_on FROM budget_adoption")
      {
        result[try row.get("municipality_code"), default: [:]][try row.get("budget_year")] =
          try row.requiredDate("adopted_on")
      }
      return result
    }
  }

  /// Contract versions across the country adopted on or before `date` and not published by then, by municipality
  /// code and number (without areas): the versions a §6 finding can be waiting for.
  public func versionsAwaitingPublication(asOf date: CalendarDate) throws -> [ContractVersion] {
    try read { connection in
      try connection.query(
        """
        SELECT * FROM contract_version
        WHERE adopted_on <= ?1 AND (published_on IS NULL OR published_on > ?1)
        ORDER BY municipality_code, number
        """, date.sql
      ).map { try $0.contractVersion() }
    }
  }
}
