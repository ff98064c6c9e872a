import Domain
import SQLite

/// A change the rules refuse, with the database's Danish message (starting with the rule, e.g. "§2: …") and,
/// where the Store can name them, every problem found, so a form can show each next to its field.
public struct RuleViolation: Error, Equatable, CustomStringConvertible {
  public var rule: Rule
  public var message: String
  public var problems: [RuleProblem]

  public init(rule: Rule, message: String, problems: [RuleProblem] = []) {
    self.rule = rule
    self.message = message
    self.problems = problems
  }

  /// nil unless the error is a constraint whose message names a rule (a trigger's RAISE or a named CHECK).
  public init?(_ error: SQLiteError) {
    guard error.isConstraintViolation else { return nil }
    var text = Substring(error.message)
    for prefix in ["CHECK constraint failed: ", "UNIQUE constraint failed: "] where text.hasPrefix(prefix) {
      text = text.dropFirst(prefix.count)
    }
    guard let rule = Rule.allCases.first(where: { text.hasPrefix($0.rawValue + ":") }) else { return nil }
    self.init(rule: rule, message: String(text))
  }

  public var description: String { message }
}

/// A request the Store cannot carry out for a reason that is not one of the regulation's rules.
public enum StoreError: Error, Equatable, CustomStringConvertible {
  case notFound(String)
  case invalid(String)

  public var description: String {
    switch self {
    case .notFound(let what): return "findes ikke: \(what)"
    case .invalid(let why): return why
    }
  }
}
