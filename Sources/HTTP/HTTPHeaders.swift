/// Header (or trailer) fields in received order. Duplicates are kept and names keep their case;
/// every lookup compares names ASCII case-insensitively.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral, Equatable,
  CustomStringConvertible
{
  public typealias Element = (name: String, value: String)

  private var fields: [(name: String, value: String)]

  public init() {
    fields = []
  }

  public init(_ fields: [(name: String, value: String)]) {
    self.fields = fields
  }

  public init(dictionaryLiteral elements: (String, String)...) {
    fields = elements.map { (name: $0.0, value: $0.1) }
  }

  /// The first value of the field `name`, or nil.
  public subscript(name: String) -> String? {
    for field in fields where field.name.equalsIgnoringASCIICase(name) {
      return field.value
    }
    return nil
  }

  public func values(for name: String) -> [String] {
    fields.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
  }

  public func contains(_ name: String) -> Bool {
    fields.contains { $0.name.equalsIgnoringASCIICase(name) }
  }

  public mutating func add(name: String, value: String) {
    fields.append((name: name, value: value))
  }

  /// Replaces the first field called `name` (removing any others of that name), or appends it.
  public mutating func replaceOrAdd(name: String, value: String) {
    guard let first = fields.firstIndex(where: { $0.name.equalsIgnoringASCIICase(name) }) else {
      fields.append((name: name, value: value))
      return
    }
    fields[first] = (name: name, value: value)
    var index = fields.count - 1
    while index > first {
      if fields[index].name.equalsIgnoringASCIICase(name) { fields.remove(at: index) }
      index -= 1
    }
  }

  public mutating func remove(name: String) {
    fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
  }

  public var count: Int { fields.count }

  public var isEmpty: Bool { fields.isEmpty }

  public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
    fields.makeIterator()
  }

  /// Whether the comma-separated list in any field called `name` holds `token` (case-insensitive),
  /// e.g. `containsToken("close", in: "Connection")`.
  public func containsToken(_ token: String, in name: String) -> Bool {
    for field in fields where field.name.equalsIgnoringASCIICase(name) {
      for member in field.value.split(separator: ",") {
        if member.trimmingOWS().equalsIgnoringASCIICase(token) { return true }
      }
    }
    return false
  }

  public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
    lhs.fields.count == rhs.fields.count
      && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
  }

  public var description: String {
    fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
  }
}
