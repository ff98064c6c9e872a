import Domain
import Store
import Synchronization

/// The trend's figures, kept for the store's site revision: 48 compliance answers are worth computing once per
/// change, not once per request. Every write the compliance answer can depend on bumps the revision (migration 5:
/// contract and follow-up decisions, budget adoption dates, municipalities and the rule calendar), so a change of
/// the rule calendar shows at once. The answers are as of fixed dates, so they do not change at midnight.
///
/// One per process, for every `Store` (the tests open many): each entry holds its store weakly, so a store that is
/// gone never matches again, even if a new one is allocated where it was.
final class TrendCache: Sendable {
  static let shared = TrendCache()

  struct Entry {
    weak var store: Store?
    var revision: Int64
    var figures: TrendFigures
    var calendar: RuleCalendar
  }

  /// Few: a process serves one store; tests open one at a time.
  private static let maximumEntries = 4
  private let entries = Mutex<[Entry]>([])

  /// The figures and rule calendar for `store` at its current revision, made by `make` when not yet kept. The
  /// revision is read before `make` runs, so a kept entry is never older than its revision.
  func figures(
    for store: Store, make: () throws -> (TrendFigures, RuleCalendar)
  ) throws -> (figures: TrendFigures, calendar: RuleCalendar) {
    let revision = try store.recentSiteRevision().revision
    if let hit = entries.withLock({ entries in
      entries.first { $0.store === store && $0.revision == revision }
    }) {
      return (hit.figures, hit.calendar)
    }
    let (figures, calendar) = try make()
    entries.withLock { entries in
      entries.removeAll { $0.store == nil || ($0.store === store && $0.revision <= revision) }
      if entries.contains(where: { $0.store === store }) { return }  // a newer one arrived meanwhile
      if entries.count >= Self.maximumEntries { entries.removeFirst() }
      entries.append(Entry(store: store, revision: revision, figures: figures, calendar: calendar))
    }
    return (figures, calendar)
  }
}
