import Domain
import FaultTestSupport
import Foundation
import SQLite
import Store
import XCTest

/// A full disk, a write-protected file or an I/O error: the write throws `Store.WriteUnavailable` with its reason,
/// nothing of it is stored, reads go on, and once the fault is gone writes work again on the same `Store`.
final class WriteUnavailableTests: StoreTestCase {
  private var path: String { folder.appendingPathComponent("test.sqlite").path }

  func testTheSQLiteCodesItStandsForAndNoOthers() {
    let cases: [(Int32, Store.WriteUnavailable.Reason?)] = [
      (13, .diskFull), (8, .readOnly), (1032, .readOnly), (10, .ioError), (778, .ioError), (14, .cannotOpen),
      (19, nil), (2067, nil), (5, nil), (1, nil), (11, nil),
    ]
    for (code, reason) in cases {
      let error = SQLiteError(code: code, message: "m")
      XCTAssertEqual(Store.WriteUnavailable(error)?.reason, reason, "code \(code)")
    }
    let full = Store.WriteUnavailable(SQLiteError(code: 13, message: "database or disk is full"))!
    XCTAssertTrue(full.message.contains("ikke er mere plads"), full.message)
    XCTAssertTrue(full.message.contains("Intet er gemt"), full.message)
    XCTAssertFalse(full.message.contains("SQLite"), "the message for people names no internals")
    XCTAssertTrue(full.description.contains("database or disk is full"), "the log line keeps SQLite's error")
  }

  // MARK: The faults

  /// No root needed: `PRAGMA max_page_count` at the database's size makes SQLite answer SQLITE_FULL for real.
  func testAFullDatabaseByPageLimit() throws {
    let pages = try XCTUnwrap(try scalar("PRAGMA page_count", as: Int.self))
    try store.database.withWriter { _ = try $0.scalar("PRAGMA max_page_count = \(pages)", as: Int.self) }
    try assertWriteFails(with: [.diskFull])
    try store.database.withWriter { _ = try $0.scalar("PRAGMA max_page_count = 1073741823", as: Int.self) }
    try assertWritesWork()
  }

  /// Root only: `chattr +i` on the database and its `-wal` while the Store has them open (not on the `-shm`, which
  /// SQLite has mapped: a write to it would end the process with SIGBUS). The write fails with an I/O error.
  func testAFileWriteProtectedWhileOpen() throws {
    try store.addRegion(Region(code: "DK-83", name: "Region Sjælland"))
    let files = [path, path + "-wal"]
    for file in files { XCTAssertTrue(FileManager.default.fileExists(atPath: file), file) }
    try StoreFaults.setImmutable(true, files)
    var protected = true
    defer { if protected { try? StoreFaults.setImmutable(false, files) } }
    try assertWriteFails(with: [.ioError, .readOnly])
    try StoreFaults.setImmutable(false, files)
    protected = false
    try assertWritesWork()
  }

  /// A database file write-protected before it is opened (`chattr +i` as root, `chmod a-w` otherwise). SQLite opens it read-only by itself; the
  /// Store opens (the schema is current), says so, reads, refuses writes as read-only, and writes again without
  /// being reopened once the protection is lifted.
  func testAFileWriteProtectedAtStartup() throws {
    store = nil
    try StoreFaults.writeProtect(true, [path])
    var protected = true
    defer { if protected { try? StoreFaults.writeProtect(false, [path]) } }
    store = try Store.open(path: path, readers: 1)
    XCTAssertTrue(store.database.isReadOnly)
    try assertWriteFails(with: [.readOnly])
    try StoreFaults.writeProtect(false, [path])
    protected = false
    try assertWritesWork()
    XCTAssertFalse(store.database.isReadOnly, "the writer was reopened read-write")
  }

  /// A write-protected database that needs a migration cannot be opened for the portal: the migration's
  /// write fails as read-only, and the file is unchanged.
  func testAWriteProtectedDatabaseThatNeedsAMigrationIsRefused() throws {
    store = nil
    let older = folder.appendingPathComponent("older.sqlite").path
    let migrations = Array(Store.migrations.dropLast())
    try Database(path: older, readers: 0).migrate(Migrator(migrations))
    try StoreFaults.writeProtect(true, [older])
    defer { try? StoreFaults.writeProtect(false, [older]) }
    XCTAssertThrowsError(try Store.open(path: older, readers: 1)) { error in
      XCTAssertEqual((error as? Store.WriteUnavailable)?.reason, .readOnly, "\(error)")
    }
    XCTAssertThrowsError(try Store.migrate(path: older)) { error in
      XCTAssertEqual((error as? Store.WriteUnavailable)?.reason, .readOnly, "\(error)")
    }
    let version = try Connection(path: older, readOnly: true).scalar("PRAGMA user_version", as: Int.self)
    XCTAssertEqual(version, migrations.last?.version)
  }

  /// Root only: the database on a small tmpfs that a file of the test fills up. The WAL is emptied first, so the
  /// next commit must grow it.
  func testAFullDisk() throws {
    let mount = folder.appendingPathComponent("tmpfs").path
    try StoreFaults.mountTmpfs(mount, size: "2m")
    store = nil
    addTeardownBlock { [folder] in
      StoreFaults.unmount(folder!.appendingPathComponent("tmpfs").path)
    }
    store = try Store.open(path: mount + "/full.sqlite", readers: 1)
    try store.addRegion(Region(code: "DK-84", name: "Region Hovedstaden"))
    try store.addMunicipality(Municipality(code: taastrup, name: "Høje-Taastrup", regionCode: "DK-84"))
    try store.addMunicipality(Municipality(code: copenhagen, name: "København", regionCode: "DK-84"))
    try store.database.withWriter { try $0.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    let filler = try StoreFaults.fillDisk(in: mount)
    try assertWriteFails(with: [.diskFull])
    try FileManager.default.removeItem(atPath: filler)
    try assertWritesWork()
    store = nil
  }

  // MARK: Helpers

  /// A write of two parts (a region and a 64 KB audit entry, which needs new pages) in one transaction.
  private func bigWrite(_ region: String) throws {
    let big = "{\"text\":\"" + String(repeating: "æøå ", count: 16_000) + "\"}"
    try store.batch { writer in
      try writer.addRegion(Region(code: region, name: "Testregion \(region)"))
      _ = try writer.audit(
        userId: nil, action: "test.fault", entity: "region", entityId: region, afterJSON: big)
    }
  }

  private func counts() throws -> [Int] {
    try ["region", "audit_log", "municipality"].map { table in
      try store.database.read { try $0.scalar("SELECT count(*) FROM \(table)", as: Int.self) ?? -1 }
    }
  }

  private func assertWriteFails(
    with reasons: [Store.WriteUnavailable.Reason], file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let before = try counts()
    XCTAssertThrowsError(try bigWrite("DK-99"), file: file, line: line) { error in
      guard let unavailable = error as? Store.WriteUnavailable else {
        return XCTFail("not WriteUnavailable: \(error)", file: file, line: line)
      }
      XCTAssertTrue(reasons.contains(unavailable.reason), "\(unavailable)", file: file, line: line)
    }
    XCTAssertEqual(try counts(), before, "nothing of the failed write is stored", file: file, line: line)
    XCTAssertEqual(try store.municipalityCount(), 2, "reads work", file: file, line: line)
    XCTAssertNotNil(try store.municipality(code: taastrup), file: file, line: line)
  }

  private func assertWritesWork(file: StaticString = #filePath, line: UInt = #line) throws {
    let before = try counts()
    try bigWrite("DK-98")
    let after = try counts()
    XCTAssertEqual(after[0], before[0] + 1, "the region is stored", file: file, line: line)
    XCTAssertEqual(after[1], before[1] + 1, "the audit entry is stored", file: file, line: line)
    let check = try store.database.read { try $0.scalar("PRAGMA integrity_check", as: String.self) }
    XCTAssertEqual(check, "ok", file: file, line: line)
  }
}
