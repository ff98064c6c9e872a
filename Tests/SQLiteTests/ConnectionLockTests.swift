import Foundation
import Glibc
import XCTest

@testable import SQLite

/// Opening a connection must not drop the POSIX locks this process's other connections hold on the file (closing
/// any descriptor of a file drops them all). Without its SHARED lock, an idle server looked unused to another
/// process, which then checkpointed the database on close and deleted the server's `-wal` and `-shm`.
final class ConnectionLockTests: XCTestCase {
  func testOpeningMoreConnectionsKeepsTheSharedLockOfTheFirst() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path("locks.sqlite")
    let database = try Database(path: path, readers: 0)
    try database.write { try $0.execute("CREATE TABLE t (x)") }
    XCTAssertTrue(try sharedLockHeld(on: path), "the writer holds SQLite's SHARED lock in WAL mode")
    let more = try (0..<3).map { _ in try Connection(path: path, readOnly: true) }
    XCTAssertEqual(more.count, 3)
    XCTAssertTrue(try sharedLockHeld(on: path), "opening more connections kept it")
    XCTAssertThrowsError(try Connection(path: folder.path("missing/none.sqlite"), readOnly: true))
  }

  /// A read lock of this process on SQLite's shared-lock byte range of the file (offset 2^30 + 2), from
  /// /proc/locks.
  private func sharedLockHeld(on path: String) throws -> Bool {
    var status = stat()
    guard stat(path, &status) == 0 else { throw POSIXError(.ENOENT) }
    let locks = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
    let inode = ":\(status.st_ino) 1073741826 "
    return locks.split(separator: "\n").contains { line in
      line.contains("POSIX") && line.contains(" READ ") && line.contains(" \(getpid()) ")
        && line.contains(inode)
    }
  }
}
