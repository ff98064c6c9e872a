import Store

enum MigrateCommand: Command {
  static let name = "migrate"
  static let summary = "create the database or bring its schema up to date"
  static let flagNames: Set<String> = []
  static let optionNames: Set<String> = ["database"]
  static let help = """
    Usage: brugerinformation migrate [--database PATH]

    Creates the database when it is missing and applies the pending schema migrations, each in one
    transaction, recording the version in PRAGMA user_version. A database made by a newer
    brugerinformation is refused and left untouched.

    Options:
    \(DatabaseOption.help)
      --help            this text

    """

  static func run(_ arguments: Arguments) throws {
    let path = DatabaseOption.path(from: arguments)
    let result = try Store.migrate(path: path)
    if result.applied.isEmpty {
      say("\(path): schema is up to date (version \(result.version))")
    } else {
      let list = result.applied.map(String.init).joined(separator: ", ")
      say("\(path): applied migration \(list); schema version is now \(result.version)")
    }
  }
}
