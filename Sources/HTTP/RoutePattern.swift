/// A parsed route pattern such as `/kommuner/:code`, `/admin/mål/:id(int)` or `/static/*path`.
///
/// Segments are literals (matched against the percent-decoded request path, so write Danish letters as they
/// are), `:name` or `:name(string)` (any non-empty segment), `:name(int)` (an optionally negative decimal that
/// fits in `Int`), and a final `*name` that takes the rest of the path (one or more segments).
struct RoutePattern: Equatable, Sendable {
  enum Segment: Equatable {
    case literal(String)
    case parameter(name: String, kind: ParameterKind)
    case catchAll(name: String)
  }

  enum ParameterKind: Int, Comparable {
    // Raw values order matching: more specific kinds are tried first.
    case int = 0
    case string = 1

    static func < (lhs: ParameterKind, rhs: ParameterKind) -> Bool { lhs.rawValue < rhs.rawValue }

    func accepts(_ value: String) -> Bool {
      switch self {
      case .string:
        return !value.isEmpty
      case .int:
        var digits = Substring(value).utf8
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
          && Int(value) != nil
      }
    }
  }

  let segments: [Segment]

  init(_ pattern: String) {
    precondition(pattern.hasPrefix("/"), "route pattern \(pattern.debugDescription) must start with /")
    let pieces = pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    var segments: [Segment] = []
    for (index, piece) in pieces.enumerated() {
      if pattern == "/" { break }
      if piece.hasPrefix("*") {
        precondition(
          index == pieces.count - 1, "*catch-all must be the last segment of \(pattern.debugDescription)")
        let name = String(piece.dropFirst())
        precondition(!name.isEmpty, "*catch-all needs a name in \(pattern.debugDescription)")
        segments.append(.catchAll(name: name))
      } else if piece.hasPrefix(":") {
        segments.append(RoutePattern.parameter(piece.dropFirst(), in: pattern))
      } else {
        segments.append(.literal(String(piece)))
      }
    }
    self.segments = segments
  }

  private static func parameter(_ text: Substring, in pattern: String) -> Segment {
    var name = text
    var kind = ParameterKind.string
    if let open = text.firstIndex(of: "(") {
      precondition(text.hasSuffix(")"), "unclosed parameter type in \(pattern.debugDescription)")
      name = text[..<open]
      switch text[text.index(after: open)..<text.index(before: text.endIndex)] {
      case "int": kind = .int
      case "string": kind = .string
      case let other: preconditionFailure("unknown parameter type \(other) in \(pattern.debugDescription)")
      }
    }
    precondition(!name.isEmpty, "a parameter needs a name in \(pattern.debugDescription)")
    return .parameter(name: String(name), kind: kind)
  }

  /// `prefix` and `pattern` joined with one `/`; a pattern of "/" gives the prefix itself.
  static func join(_ prefix: String, _ pattern: String) -> String {
    var base = prefix
    while base.hasSuffix("/") { base.removeLast() }
    if !base.isEmpty && !base.hasPrefix("/") { base = "/" + base }
    if pattern == "/" || pattern.isEmpty { return base.isEmpty ? "/" : base }
    return base + (pattern.hasPrefix("/") ? pattern : "/" + pattern)
  }
}
