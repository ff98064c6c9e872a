import Domain
import Glibc
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

/// The last site revision read, with when and at which write count of this process it was read.
struct RevisionMemo: Sendable {
  var writeCount: UInt64
  var readAt: ContinuousClock.Instant
  var revision: Int64
  var changedAt: Int
}

extension Store {
  /// The site revision without a query when this process has written nothing since the last read and that read is
  /// younger than `maximumAge`: writes through this `Store` (or its `Database`) show at once, writes by another
  /// process (a command-line import, say) within `maximumAge`. For the page cache, which asks on every request.
  public func recentSiteRevision(maximumAge: Duration = .seconds(1)) throws -> SiteRevision {
    let writes = database.writeCount
    let now = ContinuousClock.now
    if let memo = revisionMemo.withLock({ $0 }), memo.writeCount == writes, now - memo.readAt < maximumAge {
      return SiteRevision(
        revision: memo.revision, changedAt: memo.changedAt,
        todayBeganAt: DanishMidnight.startOfDay(containing: Int(time(nil))))
    }
    let fresh = try siteRevision()
    revisionMemo.withLock {
      $0 = RevisionMemo(writeCount: writes, readAt: now, revision: fresh.revision, changedAt: fresh.changedAt)
    }
    return fresh
  }

  /// The site revision, from one cached statement on a reader (no BEGIN … COMMIT around it); the start of the Danish
  /// day is worked out here, since in SQL its date arithmetic costs four times the read.
  public func siteRevision() throws -> SiteRevision {
    let now = Int(time(nil))
    return try database.readOneStatement { connection in
      guard let row = try connection.queryOne("SELECT revision, unixepoch(changed_at) FROM site_revision")
      else {
        throw StoreError.invalid("site_revision has no row")
      }
      return SiteRevision(
        revision: try row.get(0), changedAt: try row.get(1),
        todayBeganAt: DanishMidnight.startOfDay(containing: now))
    }
  }
}

/// Danish midnights as the view `danish_today` counts them (`Domain.DanishClock`'s rule).
enum DanishMidnight {
  /// When the Danish date that contains `instant` (seconds since 1970) began, in seconds since 1970.
  static func startOfDay(containing instant: Int) -> Int {
    let local = instant + DanishClock.utcOffset(at: instant)
    let localMidnight = local - ((local % 86_400) + 86_400) % 86_400
    // Midnight was 22:00 UTC when summer time was in force then, else 23:00 UTC. The switches happen at 01:00 UTC,
    // never between those two hours, so asking at 22:00 UTC answers for midnight.
    let summerMidnight = localMidnight - 7_200
    return DanishClock.utcOffset(at: summerMidnight) == 7_200 ? summerMidnight : localMidnight - 3_600
  }
}
