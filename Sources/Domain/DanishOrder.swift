/// Sorting as a Danish reader expects: æ, ø, å after z, and "aa" as å (Aabenraa among the Å's).
public enum DanishOrder {
  /// A key that sorts with `<` in Danish order.
  public static func key(_ text: String) -> String {
    var key = ""
    for character in lowercasedWithAaAsÅ(text) {
      switch character {
      case "æ", "ä": key.append("{")
      case "ø", "ö": key.append("|")
      case "å": key.append("}")
      default: key.append(character)
      }
    }
    return key
  }

  public static func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
    items.map { (key(name($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
  }
}

/// "Aabenraa" → "åbenrå": the old spelling of å, read as the letter it is.
private func lowercasedWithAaAsÅ(_ text: String) -> String {
  var result = ""
  var previousWasA = false
  for character in text.lowercased() {
    if character == "a" && previousWasA {
      result.removeLast()
      result.append("å")
      previousWasA = false
    } else {
      result.append(character)
      previousWasA = character == "a"
    }
  }
  return result
}
