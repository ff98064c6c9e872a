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
    // /proc/locks lists each processor's locks newest first: 200 locks taken after SQLite's (on the same processor,
    // most likely) put its line past the first 4 KB, all that String(contentsOfFile:) reads of the file. With
    // hundreds of SQLite connections leaked by other tests, this check failed now and then before it read the
    // whole file.
    let path = folder.path("locks.sqlite")
    let database = try Database(path: path, readers: 0)
    try database.write { try $0.execute("CREATE TABLE t (x)") }
    let others = try (0..<200).map { try lockedFile(folder.path("other-\($0)")) }
    defer { for fd in others { close(fd) } }
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
    let locks = try Self.wholeFile("/proc/locks")
    let inode = ":\(status.st_ino) 1073741826 "
    return locks.split(separator: "\n").contains { line in
      line.contains("POSIX") && line.contains(" READ ") && line.contains(" \(getpid()) ")
        && line.contains(inode)
    }
  }

  /// A new file with a write lock of this process on its first byte; returns the descriptor.
  private func lockedFile(_ path: String) throws -> Int32 {
    let fd = open(path, O_RDWR | O_CREAT, 0o644)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    var lock = flock()
    lock.l_type = Int16(F_WRLCK)
    lock.l_whence = Int16(SEEK_SET)
    lock.l_start = 0
    lock.l_len = 1
    guard fcntl(fd, F_SETLK, &lock) == 0 else { throw POSIXError(.EAGAIN) }
    return fd
  }

  /// A /proc file read to its end (its size reads as 0, and Foundation stops after one page of it).
  static func wholeFile(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw POSIXError(.ENOENT) }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = read(fd, &buffer, buffer.count)
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { throw POSIXError(.EIO) }
      if count == 0 { break }
      bytes += buffer[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
