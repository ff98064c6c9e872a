enum RestoreCommand: Command {
  static let name = "restore"
  static let summary = "replace the database by a backup (refused while a server has it open)"
  static let flagNames: Set<String> = []
  static let optionNames: Set<String> = ["database"]
  static let operand: String? = "FILE"
  static let help = """
    Usage: brugerinformation restore FILE [--database PATH]

    Replaces the database by the backup FILE. FILE is checked first (PRAGMA integrity_check, a
    brugerinformation schema this program knows); then the database is locked exclusively, so
    the restore is refused while a server (or any other process) has it open: stop the server
    first. The copy goes through SQLite, so a -wal or -shm left beside the database cannot mix
    with it. Start the server afterwards; it applies any newer migrations.

    Options:
    \(DatabaseOption.help)
      --help            this text

    """

  static func run(_ arguments: Arguments) throws {
    let database = DatabaseOption.path(from: arguments)
    let backup = arguments.positionals[0]
    let summary = try DatabaseCopy.restore(backup: backup, into: database)
    say("restored \(database) from \(backup): \(summary.text)")
  }
}
