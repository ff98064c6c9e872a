import SQLite

/// The site revision: one row whose `revision` goes up, and whose `changed_at` (UTC, seconds) is set, by triggers
/// whenever something citizens can see changes. Page caches compare revisions instead of asking what changed.
///
/// What bumps it: a contract version or follow-up being adopted or published (or its decision changed in any way);
/// an adopted one, or any area, goal, target adjustment or goal status of one, being deleted (only example content
/// can be); a committee recommendation on an adopted version or follow-up added, changed or removed; any change to
/// regions, municipalities, the rule calendar and budget adoption dates; a service area renamed or removed, or one
/// added to the national list. Drafts do not bump it: they are not public until adopted. Target adjustments are
/// made in a draft (§3 freezes adopted versions), so they become public, and bump, with the draft's publication.
let migration0005Revision = Migration(
  version: 5, name: "revision",
  sql: #"""
    CREATE TABLE site_revision (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      revision INTEGER NOT NULL CHECK (revision >= 0),
      changed_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO site_revision (id, revision, changed_at) VALUES (1, 0, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
    CREATE TRIGGER site_revision_keep BEFORE DELETE ON site_revision
    BEGIN
      SELECT RAISE(ABORT, 'site_revision holds one row, which is never deleted');
    END;

    \#(bump("contract_version_decision", "AFTER UPDATE OF adopted_on, meeting_reference, published_on ON contract_version",
      when: "OLD.adopted_on IS NOT NEW.adopted_on OR OLD.meeting_reference IS NOT NEW.meeting_reference OR OLD.published_on IS NOT NEW.published_on"))
    \#(bump("contract_version_delete", "AFTER DELETE ON contract_version", when: "OLD.adopted_on IS NOT NULL"))
    \#(bump("contract_version_area_delete", "AFTER DELETE ON contract_version_area",
      when: "(SELECT adopted_on FROM contract_version WHERE id = OLD.version_id) IS NOT NULL"))
    \#(bump("goal_delete", "AFTER DELETE ON goal",
      when: "(SELECT adopted_on FROM contract_version WHERE id = OLD.version_id) IS NOT NULL"))
    \#(bump("target_adjustment_delete", "AFTER DELETE ON target_adjustment",
      when: "(SELECT v.adopted_on FROM goal g JOIN contract_version v ON v.id = g.version_id WHERE g.id = OLD.goal_id) IS NOT NULL"))

    \#(bump("follow_up_decision", "AFTER UPDATE OF adopted_on, meeting_reference, published_on ON follow_up",
      when: "OLD.adopted_on IS NOT NEW.adopted_on OR OLD.meeting_reference IS NOT NEW.meeting_reference OR OLD.published_on IS NOT NEW.published_on"))
    \#(bump("follow_up_delete", "AFTER DELETE ON follow_up", when: "OLD.adopted_on IS NOT NULL"))
    \#(bump("goal_status_delete", "AFTER DELETE ON goal_status",
      when: "(SELECT adopted_on FROM follow_up WHERE id = OLD.follow_up_id) IS NOT NULL"))

    \#(bump("committee_recommendation_insert", "AFTER INSERT ON committee_recommendation",
      when: recommendationDecided("NEW")))
    \#(bump("committee_recommendation_update", "AFTER UPDATE ON committee_recommendation",
      when: recommendationDecided("OLD") + " OR " + recommendationDecided("NEW")))
    \#(bump("committee_recommendation_delete", "AFTER DELETE ON committee_recommendation",
      when: recommendationDecided("OLD")))

    \#(bump("region_insert", "AFTER INSERT ON region"))
    \#(bump("region_update", "AFTER UPDATE ON region"))
    \#(bump("region_delete", "AFTER DELETE ON region"))
    \#(bump("municipality_insert", "AFTER INSERT ON municipality"))
    \#(bump("municipality_update", "AFTER UPDATE ON municipality"))
    \#(bump("municipality_delete", "AFTER DELETE ON municipality"))
    \#(bump("service_area_insert", "AFTER INSERT ON service_area", when: "NEW.municipality_code IS NULL"))
    \#(bump("service_area_update", "AFTER UPDATE ON service_area"))
    \#(bump("service_area_delete", "AFTER DELETE ON service_area"))
    \#(bump("rule_calendar_insert", "AFTER INSERT ON rule_calendar"))
    \#(bump("rule_calendar_update", "AFTER UPDATE ON rule_calendar"))
    \#(bump("budget_adoption_insert", "AFTER INSERT ON budget_adoption"))
    \#(bump("budget_adoption_update", "AFTER UPDATE ON budget_adoption"))
    \#(bump("budget_adoption_delete", "AFTER DELETE ON budget_adoption"))
    """#)

/// A trigger named `site_revision_<name>` that bumps the revision on `event` (when `when` holds).
private func bump(_ name: String, _ event: String, when condition: String? = nil) -> String {
  """
  CREATE TRIGGER site_revision_\(name) \(event)
  \(condition.map { "WHEN \($0)\n" } ?? "")BEGIN
    UPDATE site_revision SET revision = revision + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
  END;
  """
}

/// Whether the recommendation (`row` is OLD or NEW) belongs to an adopted version or follow-up.
private func recommendationDecided(_ row: String) -> String {
  """
  ((SELECT adopted_on FROM contract_version WHERE id = \(row).version_id) IS NOT NULL \
  OR (SELECT adopted_on FROM follow_up WHERE id = \(row).follow_up_id) IS NOT NULL)
  """
}
