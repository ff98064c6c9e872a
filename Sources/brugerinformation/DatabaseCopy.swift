import Foundation
import Glibc
import SQLite
import Store

/// What a backup or a restore copied, read from the copy itself after `PRAGMA integrity_check` said ok.
struct DatabaseCopySummary: Equatable {
  var bytes: Int64
  var schemaVersion: Int
  var municipalities: Int
  var versions: Int
  var followUps: Int
  var users: Int

  /// One line for the command line.
  var text: String {
    let megabytes = String(format: "%.1f", Double(bytes) / 1_048_576)
    return
      "\(megabytes) MB (\(bytes) bytes), schema version \(schemaVersion), \(municipalities) municipalities, "
      + "\(versions) contract versions, \(followUps) follow-ups, \(users) users; integrity ok"
  }
}

/// A backup or restore that cannot be done, with the reason in words (the database and FILE are left as they were).
struct DatabaseCopyError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// `brugerinformation backup` and `restore`: the online copy, its checks, and the atomic placing of the file.
enum DatabaseCopy {
  /// Copies the database at `source` (which may be open and written by a running server) to `target` with SQLite's
  /// online backup: into a temporary file in `target`'s folder, checked, then renamed into place, so `target` is
  /// either the complete checked copy or untouched. Returns the copy's summary and when its snapshot was taken.
  /// `afterStep` runs after each step of `pagesPerStep` pages (tests write meanwhile).
  static func backUp(
    database source: String, to target: String, pagesPerStep: Int = 256, afterStep: () throws -> Void = {}
  ) throws -> (
    summary: DatabaseCopySummary, snapshotAt: Date
  ) {
    guard FileManager.default.fileExists(atPath: source) else {
      throw DatabaseCopyError("there is no database at \(source)")
    }
    try checkTarget(target, source: source)
    let folder = URL(fileURLWithPath: target).deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(
      ".\(URL(fileURLWithPath: target).lastPathComponent).partial-\(getpid())"
    ).path
    removeDatabaseFiles(temporary)
    defer { removeDatabaseFiles(temporary) }

    let origin = try Connection(path: source, readOnly: true)
    let sourceVersion = try origin.scalar("PRAGMA user_version", as: Int.self) ?? 0
    let snapshotAt = Date()
    try origin.backup(to: temporary, pagesPerStep: pagesPerStep, afterStep: afterStep)
    let summary = try check(temporary, expectedVersion: sourceVersion)
    guard !sidecarsExist(temporary) else {
      throw DatabaseCopyError("the copy \(temporary) kept a -wal or -shm file after it was closed")
    }
    guard rename(temporary, target) == 0 else {
      throw DatabaseCopyError("cannot rename \(temporary) to \(target): \(String(cString: strerror(errno)))")
    }
    syncFolder(folder.path)
    return (summary, snapshotAt)
  }

  /// Replaces the database at `database` by the backup `backup`, after checking the backup (integrity, a schema
  /// this program knows; `serve` and `migrate` apply newer migrations), and only when no other process has the
  /// database open: it takes SQLite's exclusive lock for the whole copy, so a running server makes it refuse.
  static func restore(backup: String, into database: String) throws -> DatabaseCopySummary {
    guard FileManager.default.fileExists(atPath: backup) else {
      throw DatabaseCopyError("there is no backup at \(backup)")
    }
    guard !sameFile(backup, database) else {
      throw DatabaseCopyError("\(backup) is the database itself")
    }
    guard try isDatabaseFile(backup) else {
      throw DatabaseCopyError("\(backup) is not an SQLite database")
    }
    let latest = try Migrator(Store.migrations).latestVersion
    let checked = try check(backup, expectedVersion: nil)
    guard checked.schemaVersion >= 1 else {
      throw DatabaseCopyError("\(backup) is an SQLite database but not a brugerinformation database")
    }
    guard checked.schemaVersion <= latest else {
      throw DatabaseCopyError(
        "\(backup) has schema version \(checked.schemaVersion), newer than this program's \(latest)")
    }
    if FileManager.default.fileExists(atPath: database), try !isDatabaseFile(database) {
      throw DatabaseCopyError("\(database) exists and is not an SQLite database; move it away first")
    }
    let userLock = try WALUserLock(database: database)
    defer { withExtendedLifetime(userLock) {} }
    let live: Connection
    do {
      live = try Connection(path: database, readOnly: false, busyTimeout: .milliseconds(500), exclusive: true)
      try live.execute("BEGIN EXCLUSIVE; COMMIT")
    } catch let error as SQLiteError where error.isBusy {
      throw DatabaseCopyError(
        "\(database) is in use by another process (a running server?): stop it first, then restore")
    }
    try live.replaceContents(from: backup)
    let summary = try summarize(live, path: database)
    guard summary == checked else {
      throw DatabaseCopyError("the restored database differs from the backup: \(summary.text)")
    }
    try live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return summary
  }

  /// `PRAGMA integrity_check` and the figures of the database at `path`; with `expectedVersion`, the schema
  /// version must be that one.
  static func check(_ path: String, expectedVersion: Int?) throws -> DatabaseCopySummary {
    let connection = try Connection(path: path, readOnly: false)
    let summary = try summarize(connection, path: path)
    if let expectedVersion, summary.schemaVersion != expectedVersion {
      throw DatabaseCopyError(
        "the copy has schema version \(summary.schemaVersion), the database \(expectedVersion)")
    }
    return summary
  }

  private static func summarize(_ connection: Connection, path: String) throws -> DatabaseCopySummary {
    let problems: [String]
    do {
      problems = try connection.query("PRAGMA integrity_check").map { try $0.get(0, as: String.self) }
    } catch let error as SQLiteError {
      problems = [error.message]
    }
    guard problems == ["ok"] else {
      throw DatabaseCopyError(
        "\(path) fails PRAGMA integrity_check: " + problems.prefix(5).joined(separator: "; "))
    }
    let version = try connection.scalar("PRAGMA user_version", as: Int.self) ?? 0
    let tables = Set(
      try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table'").map {
        try $0.get(0, as: String.self)
      })
    func count(_ table: String) throws -> Int {
      tables.contains(table) ? try connection.scalar("SELECT count(*) FROM \(table)", as: Int.self) ?? 0 : 0
    }
    let pages = try connection.scalar("PRAGMA page_count", as: Int64.self) ?? 0
    let pageSize = try connection.scalar("PRAGMA page_size", as: Int64.self) ?? 0
    return DatabaseCopySummary(
      bytes: pages * pageSize, schemaVersion: version, municipalities: try count("municipality"),
      versions: try count("contract_version"), followUps: try count("follow_up"), users: try count("app_user")
    )
  }

  /// FILE must be a new name, an empty file, or an SQLite database that no process has open and that has no
  /// non-empty `-wal` beside it (its frames would be replayed onto the new copy), and not the database itself.
  private static func checkTarget(_ target: String, source: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) else { return }
    guard !isFolder.boolValue else {
      throw DatabaseCopyError("\(target) is a folder; name the backup file, e.g. \(target)/backup.sqlite")
    }
    guard !sameFile(target, source) else {
      throw DatabaseCopyError("\(target) is the database itself; choose another file")
    }
    guard try isDatabaseFile(target) else {
      throw DatabaseCopyError("\(target) exists and is not an SQLite database; it is not overwritten")
    }
    let walSize =
      (try? FileManager.default.attributesOfItem(atPath: target + "-wal")[.size] as? NSNumber) ?? 0
    var inUse = false
    do { _ = try WALUserLock(database: target) } catch { inUse = true }
    guard walSize.intValue == 0, !inUse else {
      throw DatabaseCopyError(
        "\(target) is open in another program or was not closed cleanly (its -wal holds changes); "
          + "it is not overwritten")
    }
  }

  /// True for an empty file or one that starts with SQLite's header.
  private static func isDatabaseFile(_ path: String) throws -> Bool {
    guard let file = FileHandle(forReadingAtPath: path) else {
      throw DatabaseCopyError("cannot read \(path)")
    }
    defer { try? file.close() }
    let header = (try? file.read(upToCount: 16)) ?? Data()
    return header.isEmpty || header == Data("SQLite format 3\0".utf8)
  }

  private static func sameFile(_ first: String, _ second: String) -> Bool {
    var a = stat()
    var b = stat()
    guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino
  }

  private static func sidecarsExist(_ path: String) -> Bool {
    ["-wal", "-shm"].contains { FileManager.default.fileExists(atPath: path + $0) }
  }

  private static func removeDatabaseFiles(_ path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
  }

  /// Makes the rename durable: fsync of the folder that holds the new name.
  private static func syncFolder(_ path: String) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }
}
