import Domain
import SQLite

extension Store {
  /// `compliance(asOf:)` for each date, in order, all read in ONE transaction: the answers come from one snapshot
  /// of the database (a rule calendar changed meanwhile moves all of them or none), through the same statement.
  public func compliance(asOfEach dates: [CalendarDate]) throws -> [[ComplianceFinding]] {
    try read { connection in
      try dates.map { date in
        try connection.query(ComplianceQuery.asOf, date.sql).map(Self.finding)
      }
    }
  }
}
