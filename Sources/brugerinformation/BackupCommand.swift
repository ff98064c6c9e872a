import Foundation

enum BackupCommand: Command {
  static let name = "backup"
  static let summary = "copy the database to FILE while the portal serves (SQLite's online backup)"
  static let flagNames: Set<String> = []
  static let optionNames: Set<String> = ["database"]
  static let operand: String? = "FILE"
  static let help = """
    Usage: brugerinformation backup FILE [--database PATH]

    Copies the database to FILE with SQLite's online backup: the server may go on serving and
    writing meanwhile, and the copy is the state committed when the backup began. The copy is
    written to a temporary file in FILE's folder, checked (PRAGMA integrity_check, the schema
    version) and only then renamed to FILE, so FILE is never half written. An existing FILE is
    replaced only when it is an SQLite database with no -wal or -shm beside it. Prints the copy's
    size, its schema version, what it holds and the time of the snapshot.

    Restore with 'brugerinformation restore FILE' (see docs/reliability-backup.md).

    Options:
    \(DatabaseOption.help)
      --help            this text

    """

  static func run(_ arguments: Arguments) throws {
    let source = DatabaseOption.path(from: arguments)
    let target = arguments.positionals[0]
    let (summary, snapshotAt) = try DatabaseCopy.backUp(database: source, to: target)
    let time = ISO8601DateFormatter.string(
      from: snapshotAt, timeZone: TimeZone(identifier: "UTC")!,
      formatOptions: [.withInternetDateTime, .withFractionalSeconds])
    say("backed up \(source) to \(target): \(summary.text); snapshot taken \(time)")
  }
}
