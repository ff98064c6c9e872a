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
    html.matches(of: /<form\b([^>]*)>(.*?)<\/form>/.dotMatchesNewlines()).map { match in
      let attributes = String(match.output.1)
      let body = String(match.output.2)
      var fields: [Field] = []
      for input in body.matches(of: /<input\b([^>]*)>/) {
        let tag = String(input.output.1)
        guard let name = value("name", in: tag) else { continue }
        fields.append(
          Field(
            name: name, kind: value("type", in: tag) ?? "text", value: value("value", in: tag) ?? "",
            inputMode: value("inputmode", in: tag)))
      }
      for area in body.matches(of: /<textarea\b([^>]*)>(.*?)<\/textarea>/.dotMatchesNewlines()) {
        guard let name = value("name", in: String(area.output.1)) else { continue }
        fields.append(Field(name: name, kind: "textarea", value: Browser.unescape(String(area.output.2))))
      }
      for select in body.matches(of: /<select\b([^>]*)>(.*?)<\/select>/.dotMatchesNewlines()) {
        guard let name = value("name", in: String(select.output.1)) else { continue }
        let options = String(select.output.2).matches(of: /<option\b([^>]*)>/).compactMap {
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

  /// The unescaped value of attribute `name` in the inside of a tag.
  static func value(_ name: String, in tag: String) -> String? {
    guard let start = tag.range(of: " \(name)=\"") else { return nil }
    let rest = tag[start.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return Browser.unescape(String(rest[..<end]))
  }
}
