/// Today's date in Denmark, in SQL. The rules compare dates with "today" as a Danish council or citizen counts it,
/// but SQLite's `date('now')` is the UTC date, a day behind between Danish midnight and 01:00 (02:00 in summer).
/// Danish time is UTC+1, and UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
/// October.
enum DanishToday {
  /// The Danish calendar date at the UTC time `timestamp` ('YYYY-MM-DD HH:MM:SS'), an SQL expression.
  static func date(atUTC timestamp: String) -> String {
    let year = "substr(\(timestamp), 1, 4)"
    let summerStarts = "datetime(date(\(year) || '-04-01', 'weekday 0', '-7 days'), '+1 hour')"
    let summerEnds = "datetime(date(\(year) || '-11-01', 'weekday 0', '-7 days'), '+1 hour')"
    return """
      date(\(timestamp), CASE WHEN \(timestamp) >= \(summerStarts) AND \(timestamp) < \(summerEnds) \
      THEN '+2 hours' ELSE '+1 hour' END)
      """
  }

  /// The one-row view that the triggers and queries read as `(SELECT d FROM danish_today)`.
  static let view = """
    CREATE VIEW danish_today AS SELECT \(date(atUTC: "u.now")) AS d FROM (SELECT datetime('now') AS now) AS u;
    """
}
