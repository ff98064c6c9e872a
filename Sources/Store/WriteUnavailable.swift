import SQLite

extension Store {
  /// A write the database cannot take right now for a reason outside the request: the disk is full, the file is
  /// read-only, the disk reports an I/O error, or the file cannot be opened. The transaction was rolled back, so
  /// nothing of it is stored; reads go on working. Web pages answer 503 with `message`, the CLI prints it.
  public struct WriteUnavailable: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Reason: String, Sendable {
      case diskFull = "disk full"
      case readOnly = "read-only"
      case ioError = "I/O error"
      case cannotOpen = "cannot open"
    }

    public var reason: Reason
    /// SQLite's own error, for the server's log (never shown to the public).
    public var underlying: SQLiteError

    /// nil unless `error` is `SQLITE_FULL`, `SQLITE_READONLY*`, `SQLITE_IOERR*` or `SQLITE_CANTOPEN*`.
    public init?(_ error: SQLiteError) {
      // SQLite's primary result codes (C macros): SQLITE_READONLY 8, SQLITE_IOERR 10, SQLITE_FULL 13,
      // SQLITE_CANTOPEN 14.
      switch error.primaryCode {
      case 13: reason = .diskFull
      case 8: reason = .readOnly
      case 10: reason = .ioError
      case 14: reason = .cannotOpen
      default: return nil
      }
      underlying = error
    }

    /// What a person is told, in Danish: what happened, that nothing was saved, and that reading still works.
    public var message: String {
      let cause =
        switch reason {
        case .diskFull: "der ikke er mere plads på serverens disk"
        case .readOnly: "databasen lige nu kun kan læses (den er skrivebeskyttet)"
        case .ioError: "serveren ikke kunne skrive til sin disk"
        case .cannotOpen: "databasefilen ikke kan åbnes til skrivning"
        }
      return "Ændringen kunne ikke gemmes, fordi \(cause). Intet er gemt. Portalen kan stadig læses; "
        + "prøv igen senere, eller kontakt portalens drift."
    }

    /// The Danish message, then the reason and SQLite's error on one line (for logs and the command line).
    public var description: String {
      let detail = underlying.description.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      return "\(message) (\(reason.rawValue): \(detail.prefix(300)))"
    }
  }
}

extension Store {
  /// `error` as a `RuleViolation` or a `WriteUnavailable` when it is one, else unchanged.
  static func mapped(_ error: SQLiteError) -> any Error {
    if let violation = RuleViolation(error) { return violation }
    if let unavailable = WriteUnavailable(error) { return unavailable }
    return error
  }
}
