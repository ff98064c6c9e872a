/// One field of an HTML form as the `partials/form-field` template draws it: label, hint, the value as the user
/// typed it (kept when the form comes back) and the problem next to the field, tied to it with
/// `aria-describedby` and `aria-invalid`.
public struct FormField: Sendable, Equatable, TemplateRenderable {
  public enum Kind: String, Sendable, CaseIterable {
    case text, textarea, number, date, email, password, select, hidden
  }

  public struct Option: Sendable, Equatable {
    public var value: String
    public var label: String

    public init(_ value: String, _ label: String) {
      self.value = value
      self.label = label
    }
  }

  public var name: String
  public var label: String
  public var kind: Kind
  public var value: String
  public var hint: String?
  public var error: String?
  public var required: Bool
  public var options: [Option]
  /// The `autocomplete` attribute (WCAG 1.3.5 for personal data: `email`, `current-password`, `new-password`).
  public var autocomplete: String?

  public init(
    _ name: String, label: String, kind: Kind = .text, value: String = "", hint: String? = nil,
    error: String? = nil, required: Bool = false, options: [Option] = [], autocomplete: String? = nil
  ) {
    self.name = name
    self.label = label
    self.kind = kind
    self.value = value
    self.hint = hint
    self.error = error
    self.required = required
    self.options = options
    self.autocomplete = autocomplete
  }

  /// The element id: `felt-` and the name with anything but letters, digits and `-` made `-`.
  public var id: String {
    "felt-"
      + String(
        name.unicodeScalars.map {
          ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
            ? Character($0) : "-"
        })
  }

  /// A date field whose kept value is not `YYYY-MM-DD` (typed as "24-06-2010", or mistyped) is drawn as a text
  /// field: `<input type="date">` can only hold an ISO date, and would show the value empty.
  var shownKind: Kind {
    guard kind == .date, !value.isEmpty else { return kind }
    let bytes = Array(value.utf8)
    let isISODate =
      bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
      && bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (48...57).contains($0.element) }
    return isISODate ? .date : .text
  }

  public var templateValue: TemplateValue {
    var object: TemplateObject = [
      "name": .string(name), "label": .string(label), "id": .string(id), "value": .string(value),
      "hint": hint.map(TemplateValue.string) ?? .null, "error": error.map(TemplateValue.string) ?? .null,
      "required": .bool(required), "kind": .object([shownKind.rawValue: true]),
      "autocomplete": autocomplete.map(TemplateValue.string) ?? .null,
      "options": .array(
        options.map {
          ["value": .string($0.value), "label": .string($0.label), "selected": .bool($0.value == value)]
        }),
    ]
    var describedBy: [String] = []
    if hint != nil { describedBy.append(id + "-hjaelp") }
    if error != nil { describedBy.append(id + "-fejl") }
    object["describedby"] = describedBy.isEmpty ? .null : .string(describedBy.joined(separator: " "))
    return .object(object)
  }
}

/// The problems found in a submitted form, by field name, in the order found; an `Error`, so that a validation can
/// return it as a `Result`'s failure.
public struct FormErrors: Error, Sendable, Equatable {
  public private(set) var messages: [(field: String, message: String)] = []

  public init() {}

  public var isEmpty: Bool { messages.isEmpty }

  public subscript(field: String) -> String? {
    messages.first { $0.field == field }?.message
  }

  /// Adds a problem for `field`; the first problem of a field is the one shown.
  public mutating func add(_ field: String, _ message: String) {
    messages.append((field, message))
  }

  /// The summary at the top of a form that came back: each problem links to its field.
  public var summary: TemplateValue {
    .array(
      messages.map {
        ["message": .string($0.message), "href": .string("#" + FormField($0.field, label: "").id)]
      })
  }

  public static func == (lhs: FormErrors, rhs: FormErrors) -> Bool {
    lhs.messages.elementsEqual(rhs.messages) { $0.field == $1.field && $0.message == $1.message }
  }
}
