import Domain
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

extension Store.Writer {
  /// Reads inside the batch's transaction, which see its own writes (the Store's readers see only committed data).
  public func contractInForce(municipalityCode: String, asOf date: CalendarDate) throws -> ContractInForce? {
    try Store.contractInForce(connection, municipalityCode: municipalityCode, asOf: date)
  }

  public func version(id: Int64) throws -> ContractVersion? {
    try Store.version(connection, id: id)
  }
}
