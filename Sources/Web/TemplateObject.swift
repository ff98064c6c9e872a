/// The fields of an object value. Lookups compare keys one by one: for the handful of fields a template context
/// has, that is faster than hashing (a render looks up every value it writes).
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  public private(set) var keys: [String] = []
  public private(set) var values: [TemplateValue] = []

  public init() {}

  public init(_ fields: [String: TemplateValue]) {
    for (key, value) in fields { self[key] = value }
  }

  /// A later duplicate key wins.
  public init(dictionaryLiteral elements: (String, TemplateValue)...) {
    keys.reserveCapacity(elements.count)
    values.reserveCapacity(elements.count)
    for (key, value) in elements { self[key] = value }
  }

  public var count: Int { keys.count }

  public subscript(key: String) -> TemplateValue? {
    get {
      for index in keys.indices where keys[index] == key { return values[index] }
      return nil
    }
    set {
      if let index = keys.firstIndex(of: key) {
        if let newValue {
          values[index] = newValue
        } else {
          keys.remove(at: index)
          values.remove(at: index)
        }
      } else if let newValue {
        keys.append(key)
        values.append(newValue)
      }
    }
  }

  /// Equal when they hold the same fields, in any order.
  public static func == (lhs: TemplateObject, rhs: TemplateObject) -> Bool {
    lhs.count == rhs.count && zip(lhs.keys, lhs.values).allSatisfy { rhs[$0] == $1 }
  }
}
