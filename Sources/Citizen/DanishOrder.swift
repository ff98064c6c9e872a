import Foundation

/// Sorting as a Danish reader expects: æ, ø, å after z, and "aa" as å (Aabenraa among the Å's).
enum DanishOrder {
  static func key(_ text: String) -> String {
    var key = ""
    for character in text.lowercased().replacingOccurrences(of: "aa", with: "å") {
      switch character {
      case "æ", "ä": key.append("{")
      case "ø", "ö": key.append("|")
      case "å": key.append("}")
      default: key.append(character)
      }
    }
    return key
  }

  static func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
    items.map { (key(name($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
  }
}
