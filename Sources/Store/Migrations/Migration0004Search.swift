import Domain
import SQLite

/// The full-text index `search_text` over goals (title, theme, goal text, means) and statuses (status text,
/// follow-up text), folded (`DanishFolding.sqlFold`, then the tokenizer's case and accents), kept in step by
/// triggers and filled from the rows already there. It holds every goal and status, drafts included;
/// `Store.search` decides what is public.
///
/// One row per goal, rowid 2 × goal.id, and one per status, rowid 2 × goal_status.id + 1, so a row is found and
/// removed by its rowid. The folding is written into the triggers: changing `DanishFolding.letterReplacements`
/// needs a new migration that recreates them and refills the table.
let migration0004Search = Migration(
  version: 4, name: "search",
  sql: """
    CREATE VIRTUAL TABLE search_text USING fts5(
      title, theme, goal, means, status, follow_up, tokenize = 'unicode61 remove_diacritics 2');

    INSERT INTO search_text (rowid, title, theme, goal, means)
    SELECT 2 * id, \(goalColumns("")) FROM goal;
    INSERT INTO search_text (rowid, status, follow_up)
    SELECT 2 * id + 1, \(statusColumns("")) FROM goal_status;

    CREATE TRIGGER search_goal_insert AFTER INSERT ON goal
    BEGIN
      INSERT OR REPLACE INTO search_text (rowid, title, theme, goal, means)
      VALUES (2 * NEW.id, \(goalColumns("NEW.")));
    END;
    CREATE TRIGGER search_goal_update AFTER UPDATE OF id, title, theme, goal_text, means ON goal
    BEGIN
      DELETE FROM search_text WHERE rowid = 2 * OLD.id;
      INSERT OR REPLACE INTO search_text (rowid, title, theme, goal, means)
      VALUES (2 * NEW.id, \(goalColumns("NEW.")));
    END;
    CREATE TRIGGER search_goal_delete AFTER DELETE ON goal
    BEGIN
      DELETE FROM search_text WHERE rowid = 2 * OLD.id;
    END;

    CREATE TRIGGER search_status_insert AFTER INSERT ON goal_status
    BEGIN
      INSERT OR REPLACE INTO search_text (rowid, status, follow_up)
      VALUES (2 * NEW.id + 1, \(statusColumns("NEW.")));
    END;
    CREATE TRIGGER search_status_update AFTER UPDATE OF id, status_text, follow_up_text ON goal_status
    BEGIN
      DELETE FROM search_text WHERE rowid = 2 * OLD.id + 1;
      INSERT OR REPLACE INTO search_text (rowid, status, follow_up)
      VALUES (2 * NEW.id + 1, \(statusColumns("NEW.")));
    END;
    CREATE TRIGGER search_status_delete AFTER DELETE ON goal_status
    BEGIN
      DELETE FROM search_text WHERE rowid = 2 * OLD.id + 1;
    END;
    """)

private func goalColumns(_ prefix: String) -> String {
  ["title", "theme", "goal_text", "means"].map { DanishFolding.sqlFold(prefix + $0) }
    .joined(separator: ",\n    ")
}

private func statusColumns(_ prefix: String) -> String {
  ["status_text", "follow_up_text"].map { DanishFolding.sqlFold(prefix + $0) }.joined(separator: ",\n    ")
}
