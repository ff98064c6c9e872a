import SQLite

/// Where the public site stands: `revision` goes up whenever something citizens can see changes (triggers of
/// migration 5 keep it), and the times say since when the pages are what they are.
public struct SiteRevision: Hashable, Sendable {
  public var revision: Int64
  /// When the revision last went up, in seconds since 1970 (UTC; what `HTTPDate.format` takes).
  public var changedAt: Int
  /// When today began in Denmark, in seconds since 1970: answers "as of today" (compliance, what is due) can
  /// change at Danish midnight without any write.
  public var todayBeganAt: Int

  public init(revision: Int64, changedAt: Int, todayBeganAt: Int) {
    self.revision = revision
    self.changedAt = changedAt
    self.todayBeganAt = todayBeganAt
  }

  /// The later of the two: since when every public page is unchanged (their `Last-Modified`).
  public var lastModified: Int { max(changedAt, todayBeganAt) }
}

extension Store {
  /// The site revision, from one cached statement on a reader.
  public func siteRevision() throws -> SiteRevision {
    try read { connection in
      guard let row = try connection.queryOne(Self.siteRevisionQuery) else {
        throw StoreError.invalid("site_revision has no row")
      }
      return SiteRevision(
        revision: try row.get(0), changedAt: try row.get(1), todayBeganAt: try row.get(2))
    }
  }

  static let siteRevisionQuery = """
    SELECT r.revision, unixepoch(r.changed_at), unixepoch(\(danishMidnight(of: "t.d")))
    FROM site_revision r, danish_today t WHERE r.id = 1
    """

  /// SQL for the UTC time ('YYYY-MM-DD HH:MM:SS') at which the Danish date `date` (an SQL expression) began:
  /// 23:00 UTC the day before, or 22:00 in summer time. The switches happen at 01:00 UTC, so 23:00 UTC the day
  /// before lies on the same side of them as Danish midnight does.
  static func danishMidnight(of date: String) -> String {
    let probe = "datetime(\(date), '-1 hour')"
    let year = "substr(\(date), 1, 4)"
    return """
      datetime(\(probe), CASE \
      WHEN \(probe) >= datetime(date(\(year) || '-04-01', 'weekday 0', '-7 days'), '+1 hour') \
      AND \(probe) < datetime(date(\(year) || '-11-01', 'weekday 0', '-7 days'), '+1 hour') \
      THEN '-1 hour' ELSE '+0 hours' END)
      """
  }
}
