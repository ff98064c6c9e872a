import SQLite

extension Store {
  /// The schema, in order; applied by `Migrator` (PRAGMA user_version).
  public static let migrations: [Migration] = [
    migration0001Schema, migration0002Rules, migration0003Compliance,
    // Migration 4 ("search") arrives from the search branch. MERGE: replace the placeholder with it.
    migration0004Placeholder,
    migration0005Revision,
  ]
}

/// Keeps the versions contiguous on this branch until migration 4 is merged; remove it then.
let migration0004Placeholder = Migration(version: 4, name: "placeholder for search", sql: "SELECT 1;")
