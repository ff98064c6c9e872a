/// A value a template renders. Handlers build contexts with literals:
/// `["title": "Høje-Taastrup", "goals": .array(goals.map(\.templateValue)), "count": 3]`.
public enum TemplateValue: Sendable, Equatable {
  case string(String)
  case int(Int)
  case double(Double)
  case bool(Bool)
  case array([TemplateValue])
  case object(TemplateObject)
  /// Trusted HTML: written unescaped by `{{ raw(name) }}` only.
  case raw(RawHTML)
  case null

  /// False for `false`, `nil`, the empty string, the empty array and empty raw HTML; true for everything else,
  /// numbers included (0 is true: test the array itself, not its count).
  public var isTruthy: Bool {
    switch self {
    case .bool(let value): value
    case .null: false
    case .string(let text): !text.isEmpty
    case .array(let items): !items.isEmpty
    case .raw(let html): !html.bytes.isEmpty
    case .int, .double, .object: true
    }
  }

  /// The value at `key` of an object; `.null` for anything else.
  public subscript(key: String) -> TemplateValue {
    if case .object(let object) = self { return object[key] ?? .null }
    return .null
  }
}

/// A Swift type that can turn itself into a template value.
public protocol TemplateRenderable {
  var templateValue: TemplateValue { get }
}

extension TemplateValue {
  public init(_ renderable: some TemplateRenderable) { self = renderable.templateValue }

  /// An array of the values of `items`.
  public init(_ items: some Sequence<some TemplateRenderable>) { self = .array(items.map(\.templateValue)) }

  /// `value`, or `.null` when it is nil.
  public init(_ value: (some TemplateRenderable)?) { self = value?.templateValue ?? .null }
}

extension TemplateValue: TemplateRenderable {
  public var templateValue: TemplateValue { self }
}

extension String: TemplateRenderable {
  public var templateValue: TemplateValue { .string(self) }
}

extension Int: TemplateRenderable {
  public var templateValue: TemplateValue { .int(self) }
}

extension Double: TemplateRenderable {
  public var templateValue: TemplateValue { .double(self) }
}

extension Bool: TemplateRenderable {
  public var templateValue: TemplateValue { .bool(self) }
}

extension RawHTML: TemplateRenderable {
  public var templateValue: TemplateValue { .raw(self) }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
  public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue: ExpressibleByFloatLiteral {
  public init(floatLiteral value: Double) { self = .double(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
  public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByNilLiteral {
  public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: TemplateValue...) { self = .array(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
  /// A later duplicate key wins.
  public init(dictionaryLiteral elements: (String, TemplateValue)...) {
    var object = TemplateObject()
    for (key, value) in elements { object[key] = value }
    self = .object(object)
  }
}
