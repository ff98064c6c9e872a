/// What one `{{ … }}` says.
enum TemplateTag: Sendable {
  case comment
  /// `{{! layout: name }}`
  case layout(String)
  case open(SectionKind, TemplatePath, source: String)
  case close(SectionKind)
  case otherwise
  case partial(String)
  case value(TemplatePath)
  case raw(TemplatePath)
  case slot

  /// Tags that produce no output of their own: alone on a line, the whole line goes (see `Templates/README.md`).
  var removesItsLine: Bool {
    switch self {
    case .comment, .layout, .open, .close, .otherwise, .partial: true
    case .value, .raw, .slot: false
    }
  }

  /// Classifies the text between `{{` and `}}`; throws a message for a bad tag.
  init(parsing inner: String) throws(TagProblem) {
    let text = inner.trimmingSpaces
    guard let first = text.first else { throw TagProblem("empty tag {{ }}") }
    let rest = text.dropFirst().trimmingSpaces
    switch first {
    case "!":
      if rest.hasPrefix("layout:") {
        let name = rest.dropFirst("layout:".count).trimmingSpaces
        guard Self.isName(name) else { throw TagProblem("bad layout name '\(name)'") }
        self = .layout(String(name))
      } else {
        self = .comment
      }
    case "#":
      let words = rest.split(maxSplits: 1, whereSeparator: \.isWhitespace)
      guard let word = words.first, let kind = SectionKind(rawValue: String(word)) else {
        throw TagProblem("unknown section '{{# \(rest) }}' (use if, unless or each)")
      }
      guard words.count == 2, let path = TemplatePath(parsing: words[1].trimmingSpaces) else {
        throw TagProblem("'{{# \(word) }}' needs a value name, e.g. {{# \(word) items }}")
      }
      self = .open(kind, path, source: String(text))
    case "/":
      guard let kind = SectionKind(rawValue: String(rest)) else {
        throw TagProblem("unknown closing tag '{{/ \(rest) }}' (use if, unless or each)")
      }
      self = .close(kind)
    case ">":
      guard Self.isName(rest) else { throw TagProblem("bad partial name '\(rest)'") }
      self = .partial(String(rest))
    case "{":
      throw TagProblem("triple braces are not supported: write {{ raw(name) }} for trusted HTML")
    default:
      if text == "else" {
        self = .otherwise
      } else if text == "@content" {
        self = .slot
      } else if text.hasPrefix("raw(") && text.hasSuffix(")") {
        let name = text.dropFirst(4).dropLast().trimmingSpaces
        guard let path = TemplatePath(parsing: name) else { throw TagProblem("bad value name '\(name)'") }
        self = .raw(path)
      } else {
        guard let path = TemplatePath(parsing: text) else { throw TagProblem("bad tag '{{ \(text) }}'") }
        self = .value(path)
      }
    }
  }

  /// Partial and layout names: letters, digits, `_`, `-`, and `/` between folders (no `..`).
  private static func isName(_ name: Substring) -> Bool {
    !name.isEmpty && !name.hasPrefix("/") && !name.hasSuffix("/") && !name.contains("//")
      && name.split(separator: "/").allSatisfy { $0 != ".." }
      && name.utf8.allSatisfy {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
          || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/")
          || $0 == UInt8(ascii: ".")
      }
  }
}

struct TagProblem: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

extension StringProtocol {
  var trimmingSpaces: Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    let sub = Substring(self)
    guard let start = sub.firstIndex(where: { !isSpace($0) }) else { return "" }
    let end = sub.lastIndex(where: { !isSpace($0) })!
    return sub[start...end]
  }
}
