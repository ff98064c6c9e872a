import Glibc

/// Whether another process has a WAL database open, and keeping new ones out meanwhile. Every process with the
/// database open holds a shared POSIX lock on one byte of its `-shm` file (SQLite's "DMS" byte, offset 128 in the
/// unix VFS) for as long as it has it open; a write lock on that byte is granted only when nobody does. An
/// exclusive-mode SQLite connection alone does not see those processes (it never looks at the `-shm`).
///
/// POSIX locks belong to the process: connections in this process never conflict with it, and closing any
/// descriptor of the `-shm` in this process drops them all. Take it before opening the database here.
final class WALUserLock {
  private let descriptor: Int32

  /// Nil when no `-shm` exists (no process has the database open in WAL mode).
  /// Throws `DatabaseCopyError` when another process holds the database open.
  init?(database path: String) throws {
    let descriptor = open(path + "-shm", O_RDWR | O_CLOEXEC)
    guard descriptor >= 0 else {
      if errno == ENOENT { return nil }
      throw DatabaseCopyError("cannot open \(path)-shm: \(String(cString: strerror(errno)))")
    }
    var lock = flock()
    lock.l_type = Int16(F_WRLCK)
    lock.l_whence = Int16(SEEK_SET)
    lock.l_start = 128
    lock.l_len = 1
    guard fcntl(descriptor, F_SETLK, &lock) == 0 else {
      close(descriptor)
      throw DatabaseCopyError(
        "\(path) is open in another process (a running server?): stop it first, then restore")
    }
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }
}
