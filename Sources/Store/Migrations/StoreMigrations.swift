import SQLite

extension Store {
  /// The schema, in order; applied by `Migrator` (PRAGMA user_version).
  public static let migrations: [Migration] = [
    migration0001Schema, migration0002Rules, migration0003Compliance, migration0004Search,
    migration0005Revision, migration0006Admin,
  ]
}
