/// Ordered name/value pairs from a query string or an `application/x-www-form-urlencoded` body.
///
/// `a=1&b=2&b=3`: repeated names are kept in order, `params["b"]` is the first value and
/// `params.values(for: "b")` all of them. Empty pieces (`a=1&&b=2`) are skipped; a piece without `=` has the value "".
public struct QueryParameters: Sendable, Equatable, Sequence {
  public struct Field: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  public private(set) var fields: [Field]

  /// The default limit on the number of fields in one query string or form body.
  public static let defaultMaximumFields = 1000

  public init(_ fields: [Field] = []) {
    self.fields = fields
  }

  /// Parses a raw query string (the part after `?`, without it). nil parses to no fields.
  /// Bad escapes, invalid UTF-8 or more than `maximumFields` fields throw `HTTPError(.badRequest, …)`.
  public init(parsing raw: String?, maximumFields: Int = QueryParameters.defaultMaximumFields) throws {
    try self.init(parsing: Array((raw ?? "").utf8), maximumFields: maximumFields)
  }

  /// Parses raw bytes, e.g. a form body; raw bytes that are not UTF-8 throw like bad escapes do.
  public init(parsing raw: [UInt8], maximumFields: Int = QueryParameters.defaultMaximumFields) throws {
    fields = []
    for piece in raw.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
      guard fields.count < maximumFields else {
        throw HTTPError(.badRequest, "Too many parameters (at most \(maximumFields) are accepted).")
      }
      let name: String
      let value: String
      if let equals = piece.firstIndex(of: UInt8(ascii: "=")) {
        name = try PercentDecoding.decode(piece[..<equals], plusAsSpace: true, what: "query or form data")
        value = try PercentDecoding.decode(
          piece[piece.index(after: equals)...], plusAsSpace: true, what: "query or form data")
      } else {
        name = try PercentDecoding.decode(piece, plusAsSpace: true, what: "query or form data")
        value = ""
      }
      fields.append(Field(name: name, value: value))
    }
  }

  /// The first value for `name`.
  public subscript(name: String) -> String? {
    fields.first { $0.name == name }?.value
  }

  public func values(for name: String) -> [String] {
    fields.filter { $0.name == name }.map(\.value)
  }

  public func contains(_ name: String) -> Bool {
    fields.contains { $0.name == name }
  }

  public var isEmpty: Bool { fields.isEmpty }
  public var count: Int { fields.count }

  public mutating func append(name: String, value: String) {
    fields.append(Field(name: name, value: value))
  }

  /// The fields encoded as `a=1&b=x%20y` (for building links and redirects).
  public var encoded: String {
    fields.map {
      PercentEncoding.encodeFormComponent($0.name) + "=" + PercentEncoding.encodeFormComponent($0.value)
    }.joined(separator: "&")
  }

  public func makeIterator() -> IndexingIterator<[Field]> {
    fields.makeIterator()
  }
}

extension Request {
  /// The decoded query string (400 on bad escapes or invalid UTF-8).
  public func queryParameters(maximumFields: Int = QueryParameters.defaultMaximumFields) throws
    -> QueryParameters
  {
    try QueryParameters(parsing: query, maximumFields: maximumFields)
  }

  /// The decoded `application/x-www-form-urlencoded` body.
  ///
  /// Another Content-Type, or a charset other than UTF-8, is answered with 415; bad escapes or invalid UTF-8 with 400.
  public func formParameters(maximumFields: Int = QueryParameters.defaultMaximumFields) throws
    -> QueryParameters
  {
    guard let header = headers["Content-Type"], let mediaType = MediaType(parsing: header),
      mediaType.essence == "application/x-www-form-urlencoded"
    else {
      throw HTTPError(.unsupportedMediaType, "Expected a form (application/x-www-form-urlencoded).")
    }
    if let charset = mediaType.parameters["charset"], charset.lowercased() != "utf-8" {
      throw HTTPError(.unsupportedMediaType, "Only UTF-8 form data is accepted, not \(charset).")
    }
    return try QueryParameters(parsing: body, maximumFields: maximumFields)
  }
}
