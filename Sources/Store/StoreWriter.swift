import SQLite

extension Store {
  /// The write operations on one open transaction. Every `Store` write is one of these in its own transaction;
  /// `batch` runs several in one (a seeder, an import), all or nothing.
  public struct Writer {
    let connection: Connection
  }

  /// Runs `body` as ONE `BEGIN IMMEDIATE` transaction; a thrown error undoes every write in it.
  public func batch<T: Sendable>(_ body: (Writer) throws -> T) throws -> T {
    try write { try body(Writer(connection: $0)) }
  }
}
