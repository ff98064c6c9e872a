import Foundation
import HTTPTestSupport

/// A form as a page serves it: its action, method and fields (inputs, text areas, selects with their options).
struct HTMLForm {
  struct Field {
    var name: String
    /// `text`, `hidden`, `date`, `password`, `email`, `search`, `file`, `textarea`, `select`, …
    var kind: String
    var value: String
    var options: [String] = []
    var inputMode: String?

    /// Fields a person types text into.
    var isTyped: Bool { !["hidden", "select", "file", "submit", "checkbox", "radio"].contains(kind) }
    /// Fields whose value the server parses (dates, numbers) rather than stores as text.
    var isParsed: Bool { kind == "date" || inputMode == "decimal" || inputMode == "numeric" }
  }

  var action: String
  var method: String
  var multipart: Bool
  var fields: [Field]

  /// Every form of `html`.
  static func all(in html: String) -> [HTMLForm] {
    matches(of: Self.form, at: "<form", in: html[...]).map { match in
      let attributes = String(match.output.1)
      let body = String(match.output.2)
      var fields: [Field] = []
      for input in matches(of: Self.input, at: "<input", in: body[...]) {
        let tag = String(input.output.1)
        guard let name = value("name", in: tag) else { continue }
        fields.append(
          Field(
            name: name, kind: value("type", in: tag) ?? "text", value: value("value", in: tag) ?? "",
            inputMode: value("inputmode", in: tag)))
      }
      for area in matches(of: Self.textarea, at: "<textarea", in: body[...]) {
        guard let name = value("name", in: String(area.output.1)) else { continue }
        fields.append(Field(name: name, kind: "textarea", value: Browser.unescape(String(area.output.2))))
      }
      for select in matches(of: Self.select, at: "<select", in: body[...]) {
        guard let name = value("name", in: String(select.output.1)) else { continue }
        let options = matches(of: Self.option, at: "<option", in: select.output.2).compactMap {
          value("value", in: String($0.output.1))
        }
        fields.append(Field(name: name, kind: "select", value: options.first ?? "", options: options))
      }
      return HTMLForm(
        action: value("action", in: attributes) ?? "",
        method: (value("method", in: attributes) ?? "get").lowercased(),
        multipart: value("enctype", in: attributes) == "multipart/form-data", fields: fields)
    }
  }

  nonisolated(unsafe) private static let form = /<form\b([^>]*)>(.*?)<\/form>/.dotMatchesNewlines()
  nonisolated(unsafe) private static let input = /<input\b([^>]*)>/
  nonisolated(unsafe) private static let textarea = /<textarea\b([^>]*)>(.*?)<\/textarea>/
    .dotMatchesNewlines()
  nonisolated(unsafe) private static let select = /<select\b([^>]*)>(.*?)<\/select>/.dotMatchesNewlines()
  nonisolated(unsafe) private static let option = /<option\b([^>]*)>/

  /// `text.matches(of: regex)` for a regex that starts with `start`, tried only where `start` is found (a regex
  /// run over a whole page is slow).
  private static func matches<Output>(of regex: Regex<Output>, at start: String, in text: Substring)
    -> [Regex<Output>.Match]
  {
    var found: [Regex<Output>.Match] = []
    var from = 0
    while let offset = text.utf8Offset(of: start, from: from) {
      let candidate = text.utf8.index(text.startIndex, offsetBy: offset)
      guard let match = text[candidate...].prefixMatch(of: regex) else {
        from = offset + 1
        continue
      }
      found.append(match)
      from = text.utf8.distance(from: text.startIndex, to: match.range.upperBound)
    }
    return found
  }

  /// The unescaped value of attribute `name` in the inside of a tag.
  static func value(_ name: String, in tag: String) -> String? {
    let opening = " \(name)=\""
    guard let start = tag.utf8Offset(of: opening) else { return nil }
    let rest = tag.utf8.dropFirst(start + opening.utf8.count)
    guard let end = rest.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
    return Browser.unescape(String(Substring(rest[..<end])))
  }
}
