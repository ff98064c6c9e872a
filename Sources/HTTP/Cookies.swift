/// The cookies a client sent in its `Cookie` header field(s), parsed leniently (RFC 6265 §5.4 / §4.2.1).
///
/// Pairs are separated by `;`; a pair without `=` or with an empty or non-token name is skipped; a value in
/// double quotes loses its quotes. The first pair with a given name wins lookups (browsers send the most
/// specific cookie first).
public struct Cookies: Sendable, Equatable, Sequence {
  public struct Cookie: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  public private(set) var all: [Cookie]

  public init(_ all: [Cookie] = []) {
    self.all = all
  }

  /// Parses the values of all `Cookie` fields of a request.
  public init(headers: HTTPHeaders) {
    all = []
    for field in headers.values(for: "Cookie") {
      all += Cookies(parsing: field).all
    }
  }

  public init(parsing header: String) {
    all = []
    for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
      guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
      let name = trimmed(pair[..<equals])
      var value = trimmed(pair[pair.index(after: equals)...])
      guard !name.isEmpty, name.allSatisfy(isTokenByte) else { continue }
      if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
        value = value.dropFirst().dropLast()
      }
      guard let nameText = String(validating: name, as: UTF8.self),
        let valueText = String(validating: value, as: UTF8.self)
      else { continue }
      all.append(Cookie(name: nameText, value: valueText))
    }
  }

  /// The value of the first cookie called `name`.
  public subscript(name: String) -> String? {
    all.first { $0.name == name }?.value
  }

  public func values(for name: String) -> [String] {
    all.filter { $0.name == name }.map(\.value)
  }

  public var isEmpty: Bool { all.isEmpty }

  public func makeIterator() -> IndexingIterator<[Cookie]> {
    all.makeIterator()
  }
}

private func trimmed(_ bytes: Substring.UTF8View.SubSequence) -> Substring.UTF8View.SubSequence {
  var result = bytes
  while let first = result.first, first == 0x20 || first == 0x09 { result = result.dropFirst() }
  while let last = result.last, last == 0x20 || last == 0x09 { result = result.dropLast() }
  return result
}

extension Request {
  /// The cookies from the request's `Cookie` header field(s).
  public var cookies: Cookies { Cookies(headers: headers) }
}
