/// A template that cannot be compiled (reported at start-up, naming the file and line), or a render of a
/// template the library does not hold.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file's path relative to the templates folder, e.g. `partials/goal.html`.
  public let file: String
  /// 1-based; 0 when the error is about no particular place.
  public let line: Int
  /// 1-based, counting characters (Unicode scalars), not bytes.
  public let column: Int
  public let message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
  }
}
