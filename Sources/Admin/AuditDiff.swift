import Foundation

/// An audit entry's before and after, field by field: nested objects become `a.b` fields, lists and other values
/// are shown as compact JSON, strings as they are.
struct AuditDiff: Equatable {
  struct Row: Equatable {
    var field: String
    /// nil when the field is absent on that side.
    var before: String?
    var after: String?
    var changed: Bool { before != after }
  }

  var rows: [Row]

  init(beforeJSON: String?, afterJSON: String?) {
    let before = Self.flatten(beforeJSON)
    let after = Self.flatten(afterJSON)
    var names = before.map(\.0)
    for (name, _) in after where !names.contains(name) { names.append(name) }
    let beforeValues = Dictionary(before, uniquingKeysWith: { first, _ in first })
    let afterValues = Dictionary(after, uniquingKeysWith: { first, _ in first })
    rows = names.map { Row(field: $0, before: beforeValues[$0], after: afterValues[$0]) }
  }

  /// The JSON's fields in order (an object's keys sorted), each with its value as text; a JSON that is not an
  /// object is one field named "værdi".
  static func flatten(_ json: String?) -> [(String, String)] {
    guard let json,
      let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    else { return [] }
    guard let object = value as? [String: Any] else { return [("værdi", text(value))] }
    var fields: [(String, String)] = []
    func walk(_ object: [String: Any], prefix: String) {
      for key in object.keys.sorted() {
        let name = prefix.isEmpty ? key : prefix + "." + key
        if let nested = object[key] as? [String: Any], !nested.isEmpty {
          walk(nested, prefix: name)
        } else {
          fields.append((name, text(object[key]!)))
        }
      }
    }
    walk(object, prefix: "")
    return fields
  }

  /// A value for a reader: strings as they are, `null` as "(tom)", true/false as ja/nej, the rest as JSON.
  static func text(_ value: Any) -> String {
    if value is NSNull { return "(tom)" }
    if let string = value as? String { return string }
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes])
    else { return String(describing: value) }
    let json = String(decoding: data, as: UTF8.self)
    switch json {
    case "true": return "ja"
    case "false": return "nej"
    default: return json
    }
  }

  /// The stored JSON indented for reading, or nil when there is none.
  static func pretty(_ json: String?) -> String? {
    guard let json,
      let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]),
      let data = try? JSONSerialization.data(
        withJSONObject: value,
        options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    else { return json }
    return String(decoding: data, as: UTF8.self)
  }
}
