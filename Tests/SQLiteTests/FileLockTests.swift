import Foundation
import Glibc
import SQLite
import XCTest

/// While a `Database` is open, its process must hold SQLite's SHARED lock on the file, as every WAL connection does:
/// it is what keeps another process (the sqlite3 shell, a second `brugerinformation` command) that closes its last
/// connection from checkpointing and deleting the WAL and the shared-memory index under the open connections,
/// which corrupts the database. Closing any descriptor of the file drops all of a process's POSIX locks on it.
final class FileLockTests: XCTestCase {
  /// Where SQLite's unix VFS takes the SHARED lock: 510 bytes after the pending and reserved bytes at 1 GiB.
  private let sharedLockStart = 0x4000_0002
  private let sharedLockLength = 510

  func testAnOpenDatabaseKeepsTheSharedLockAfterOpeningItsReaders() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path("db.sqlite")
    let database = try Database(path: path, readers: 2)
    try database.write { try $0.execute("CREATE TABLE t (x INTEGER NOT NULL); INSERT INTO t VALUES (1)") }
    let count = try database.read(loop: 1) { try $0.scalar("SELECT count(*) FROM t", as: Int.self) }
    XCTAssertEqual(count, 1)
    XCTAssertEqual(
      try lockSeenByAnotherOwner(path), Int16(F_RDLCK),
      "another process could take the exclusive lock and delete the WAL of the open database")
    withExtendedLifetime(database) {}
  }

  func testAReopenedDatabaseKeepsTheSharedLockOfTheFirst() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path("db.sqlite")
    let first = try Database(path: path, readers: 1)
    try first.write { try $0.execute("CREATE TABLE t (x INTEGER NOT NULL)") }
    let second = try Database(path: path, readers: 1)
    XCTAssertEqual(try lockSeenByAnotherOwner(path), Int16(F_RDLCK))
    withExtendedLifetime((first, second)) {}
  }

  /// The lock type another owner would run into when asking for a write lock on the SHARED range (`F_UNLCK`: none).
  /// Asked with an open-file-description lock (`F_OFD_GETLK`), which conflicts with this process's own POSIX locks.
  /// Closing the descriptor afterwards drops this process's locks too, so call it last.
  private func lockSeenByAnotherOwner(_ path: String) throws -> Int16 {
    let descriptor = open(path, O_RDWR)
    guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    defer { close(descriptor) }
    var lock = flock()
    lock.l_type = Int16(F_WRLCK)
    lock.l_whence = Int16(SEEK_SET)
    lock.l_start = off_t(sharedLockStart)
    lock.l_len = off_t(sharedLockLength)
    let ofdGetLock: Int32 = 36  // F_OFD_GETLK (Linux)
    guard fcntl(descriptor, ofdGetLock, &lock) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    return lock.l_type
  }
}
