/// The fields of an object value. Lookups compare keys one by one: for the handful of fields a template context
/// has, that is faster than hashing (a render looks up every value it writes). Each key's UTF-8 length is kept
/// beside it, so most keys are passed over without comparing strings.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  private struct Field: Sendable {
    var key: String
    var length: Int
    var value: TemplateValue
  }

  /// One array for the whole object: building and dropping a context allocates once per object.
  private var fields: [Field] = []

  public var keys: [String] { fields.map(\.key) }
  public var values: [TemplateValue] { fields.map(\.value) }

  public init() {}

  public init(_ fields: [String: TemplateValue]) {
    for (key, value) in fields { self[key] = value }
  }

  /// A later duplicate key wins.
  public init(dictionaryLiteral elements: (String, TemplateValue)...) {
    fields.reserveCapacity(elements.count)
    for (key, value) in elements { self[key] = value }
  }

  public var count: Int { fields.count }

  private func index(of key: String) -> Int? {
    let length = key.utf8.count
    for index in fields.indices where fields[index].length == length && fields[index].key == key {
      return index
    }
    return nil
  }

  public subscript(key: String) -> TemplateValue? {
    get {
      index(of: key).map { fields[$0].value }
    }
    set {
      if let index = index(of: key) {
        if let newValue {
          fields[index].value = newValue
        } else {
          fields.remove(at: index)
        }
      } else if let newValue {
        fields.append(Field(key: key, length: key.utf8.count, value: newValue))
      }
    }
  }

  /// Equal when they hold the same fields, in any order.
  public static func == (lhs: TemplateObject, rhs: TemplateObject) -> Bool {
    lhs.count == rhs.count && lhs.fields.allSatisfy { rhs[$0.key] == $0.value }
  }
}
