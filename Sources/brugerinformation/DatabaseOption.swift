import Foundation

/// `--database PATH`, else `DATABASE_PATH`, else `data/brugerinformation.sqlite` (relative to the working directory).
enum DatabaseOption {
  static let defaultPath = "data/brugerinformation.sqlite"

  static let help = """
      --database PATH     the SQLite database (default \(defaultPath),
                          or DATABASE_PATH); a missing folder is created
    """

  static func path(from arguments: Arguments) -> String {
    if let path = arguments.string("database"), !path.isEmpty { return path }
    if let path = ProcessInfo.processInfo.environment["DATABASE_PATH"], !path.isEmpty { return path }
    return defaultPath
  }
}
