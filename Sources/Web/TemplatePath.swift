/// Where a tag finds its value: `name`, `goal.title`, `this` (or `.`), `@index`, `@number`, `@first`, `@last`,
/// each optionally preceded by `../` once per loop level to climb out of.
struct TemplatePath: Sendable, Equatable {
  enum Target: Sendable, Equatable {
    case context
    case keys([String])
    case index
    case number
    case first
    case last
  }

  let up: Int
  let target: Target

  init(up: Int, target: Target) {
    self.up = up
    self.target = target
  }

  /// Nil when `text` is not a path.
  init?(parsing text: Substring) {
    let components = text.split(separator: "/", omittingEmptySubsequences: false)
    let up = components.prefix { $0 == ".." }.count
    if up == components.count {
      self.init(up: up, target: .context)
      return
    }
    guard up == components.count - 1, let target = Self.target(components[up]) else { return nil }
    self.init(up: up, target: target)
  }

  private static func target(_ text: Substring) -> Target? {
    switch text {
    case "this", ".": return .context
    case "@index": return .index
    case "@number": return .number
    case "@first": return .first
    case "@last": return .last
    default:
      let keys = text.split(separator: ".", omittingEmptySubsequences: false)
      guard keys.allSatisfy(isKey) else { return nil }
      return .keys(keys.map(String.init))
    }
  }

  /// A letter or `_`, then letters, digits, `_` and `-` (ASCII).
  private static func isKey(_ key: Substring) -> Bool {
    guard let first = key.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
    return key.utf8.allSatisfy {
      isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
        || $0 == UInt8(ascii: "-")
    }
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
  }
}
