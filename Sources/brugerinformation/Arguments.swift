/// The words after a command: `--name value`, `--name=value`, bare `--flag`s and positionals.
struct Arguments {
  private(set) var options: [String: String] = [:]
  private(set) var flags: Set<String> = []
  private(set) var positionals: [String] = []

  /// Parses `words`; `flagNames` are the options that take no value, `valueNames` those that take one. Any other
  /// `--name` is an error, so a typo is not silently ignored.
  init(_ words: [String], flagNames: Set<String>, valueNames: Set<String>) throws(UsageError) {
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard word.hasPrefix("--"), word.count > 2 else {
        positionals.append(word)
        continue
      }
      let body = word.dropFirst(2)
      let name = String(body.prefix { $0 != "=" })
      guard flagNames.contains(name) || valueNames.contains(name) else {
        throw UsageError("unknown option --\(name)")
      }
      if let equals = body.firstIndex(of: "=") {
        guard valueNames.contains(name) else { throw UsageError("--\(name) takes no value") }
        options[name] = String(body[body.index(after: equals)...])
      } else if flagNames.contains(name) {
        flags.insert(String(body))
      } else {
        guard index < words.count else { throw UsageError("--\(body) needs a value") }
        options[String(body)] = words[index]
        index += 1
      }
    }
  }

  func has(_ flag: String) -> Bool { flags.contains(flag) }

  func string(_ name: String) -> String? { options[name] }

  func int(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
    guard let text = options[name] else { return nil }
    guard let value = Int(text), range.contains(value) else {
      throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return value
  }
}

struct UsageError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
