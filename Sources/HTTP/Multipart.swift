/// One part of a `multipart/form-data` body.
public struct MultipartPart: Sendable {
  public var headers: HTTPHeaders
  /// The `name` of the form field (from Content-Disposition).
  public var name: String
  /// The file name as the client sent it (`filename*=UTF-8''…` preferred over `filename`). Untrusted: it may
  /// hold path separators or be empty.
  public var filename: String?
  /// The part's Content-Type field, if any.
  public var contentType: String? { headers["Content-Type"] }
  public var body: [UInt8]

  /// The body as UTF-8 text, nil if it is not valid UTF-8.
  public var text: String? { String(validating: body, as: UTF8.self) }

  public init(headers: HTTPHeaders, name: String, filename: String?, body: [UInt8]) {
    self.headers = headers
    self.name = name
    self.filename = filename
    self.body = body
  }
}

/// A parsed `multipart/form-data` body (RFC 7578, RFC 2046 §5.1.1).
///
/// Malformed bodies throw `HTTPError(.badRequest, …)`; bodies over the limits throw
/// `HTTPError(.payloadTooLarge, …)`.
public struct MultipartFormData: Sendable {
  public struct Limits: Sendable {
    public var maximumParts: Int
    /// Bytes in one part's header block.
    public var maximumHeaderBytes: Int
    /// Header fields in one part.
    public var maximumHeaderFields: Int

    public init(maximumParts: Int = 100, maximumHeaderBytes: Int = 8 * 1024, maximumHeaderFields: Int = 16) {
      self.maximumParts = maximumParts
      self.maximumHeaderBytes = maximumHeaderBytes
      self.maximumHeaderFields = maximumHeaderFields
    }
  }

  public var parts: [MultipartPart]

  public init(parts: [MultipartPart]) {
    self.parts = parts
  }

  /// The first part called `name`.
  public subscript(name: String) -> MultipartPart? {
    parts.first { $0.name == name }
  }

  public func parts(named name: String) -> [MultipartPart] {
    parts.filter { $0.name == name }
  }

  /// The text of the first part called `name` that is not a file upload.
  public func text(for name: String) -> String? {
    parts.first { $0.name == name && $0.filename == nil }?.text
  }

  /// The `boundary` parameter of a `multipart/form-data` Content-Type (quoted or not), validated per RFC 2046.
  public static func boundary(fromContentType contentType: String?) throws -> String {
    guard let contentType, let mediaType = MediaType(parsing: contentType),
      mediaType.essence == "multipart/form-data"
    else {
      throw HTTPError(.unsupportedMediaType, "Expected multipart/form-data.")
    }
    guard let boundary = mediaType.parameters["boundary"] else {
      throw HTTPError(.badRequest, "The multipart Content-Type has no boundary.")
    }
    let bytes = Array(boundary.utf8)
    guard (1...70).contains(bytes.count), bytes.allSatisfy(isBoundaryByte), bytes.last != 0x20 else {
      throw HTTPError(.badRequest, "The multipart boundary is not valid (1-70 characters, RFC 2046).")
    }
    return boundary
  }

  public init(parsing body: [UInt8], boundary: String, limits: Limits = Limits()) throws {
    let parser = MultipartParser(boundary: Array(boundary.utf8), limits: limits)
    parts = try body.withUnsafeBufferPointer { try parser.parse($0) }
  }

  private static func isBoundaryByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "A")...UInt8(ascii: "Z"):
      return true
    default:
      return "'()+_,-./:=? ".utf8.contains(byte)
    }
  }
}

extension Request {
  /// The request body parsed as `multipart/form-data` (415 for another Content-Type).
  public func multipartFormData(limits: MultipartFormData.Limits = .init()) throws -> MultipartFormData {
    let boundary = try MultipartFormData.boundary(fromContentType: headers["Content-Type"])
    return try MultipartFormData(parsing: body, boundary: boundary, limits: limits)
  }
}

private struct MultipartParser {
  /// "\r\n--boundary"
  let delimiter: ByteSearch
  let limits: MultipartFormData.Limits
  static let headerEnd = ByteSearch(Array("\r\n\r\n".utf8))

  init(boundary: [UInt8], limits: MultipartFormData.Limits) {
    delimiter = ByteSearch(Array("\r\n--".utf8) + boundary)
    self.limits = limits
  }

  static func malformed(_ message: String) -> HTTPError {
    HTTPError(.badRequest, "Malformed multipart body: \(message)")
  }

  func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [MultipartPart] {
    // The first delimiter may start the body without a preceding CRLF; anything before it is preamble.
    let dashBoundary = delimiter.pattern.count - 2
    var lineEnd: Int
    if bytes.count >= dashBoundary, let end = delimiterLineEnd(bytes, afterDelimiterAt: -2) {
      lineEnd = end
    } else {
      guard let first = nextDelimiter(bytes, from: 0) else {
        throw Self.malformed("the boundary does not occur in the body.")
      }
      lineEnd = first.lineEnd
    }
    var parts: [MultipartPart] = []
    // A close delimiter is signalled by a `lineEnd` of -1.
    while lineEnd >= 0 {
      guard parts.count < limits.maximumParts else {
        throw HTTPError(
          .payloadTooLarge, "Too many parts in the multipart body (at most \(limits.maximumParts)).")
      }
      let headerStart = lineEnd
      let (headers, bodyStart) = try readHeaders(bytes, from: headerStart)
      guard let next = nextDelimiter(bytes, from: bodyStart) else {
        throw Self.malformed("a part is not ended by a boundary (the body may be truncated).")
      }
      parts.append(try makePart(headers: headers, body: Array(bytes[bodyStart..<next.start])))
      lineEnd = next.lineEnd
    }
    return parts
  }

  /// The next real delimiter line at or after `from`: its start (the CRLF before the dashes) and where the
  /// following part begins (`-1` for the close delimiter).
  func nextDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> (start: Int, lineEnd: Int)? {
    var searchFrom = from
    while let found = delimiter.firstIndex(in: bytes, from: searchFrom) {
      if let lineEnd = delimiterLineEnd(bytes, afterDelimiterAt: found) {
        return (found, lineEnd)
      }
      // "\r\n--boundary" followed by something else is content, not a delimiter.
      searchFrom = found + 1
    }
    return nil
  }

  /// Checks that the delimiter at `start` (pointing at its CRLF; -2 for a body that begins with the dashes)
  /// ends its line: `--` for the close delimiter (-1), or optional SP/HTAB padding then CRLF.
  func delimiterLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, afterDelimiterAt start: Int) -> Int? {
    let pattern = delimiter.pattern
    if start < 0 {
      guard bytes.count >= pattern.count - 2 else { return nil }
      for offset in 2..<pattern.count where bytes[offset - 2] != pattern[offset] { return nil }
    }
    var position = start + pattern.count
    if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "-"),
      bytes[position + 1] == UInt8(ascii: "-")
    {
      return -1
    }
    while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
    guard position + 1 < bytes.count, bytes[position] == 0x0D, bytes[position + 1] == 0x0A else { return nil }
    return position + 2
  }

  func readHeaders(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws -> (HTTPHeaders, Int) {
    if start + 1 < bytes.count, bytes[start] == 0x0D, bytes[start + 1] == 0x0A {
      return ([:], start + 2)  // an empty header block
    }
    let window = min(bytes.count, start + limits.maximumHeaderBytes + 4)
    guard let end = Self.headerEnd.firstIndex(in: bytes, from: start, to: window) else {
      if window < bytes.count {
        throw HTTPError(
          .payloadTooLarge, "A part's headers are too large (at most \(limits.maximumHeaderBytes) bytes).")
      }
      throw Self.malformed("a part's headers are not ended by an empty line.")
    }
    var headers = HTTPHeaders()
    var lineStart = start
    while lineStart < end + 2 {
      var lineEnd = lineStart
      while !(bytes[lineEnd] == 0x0D && bytes[lineEnd + 1] == 0x0A) { lineEnd += 1 }
      guard headers.count < limits.maximumHeaderFields else {
        throw HTTPError(.payloadTooLarge, "A part has too many header fields.")
      }
      headers.add(try headerField(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])))
      lineStart = lineEnd + 2
    }
    return (headers, end + 4)
  }

  func headerField(_ line: UnsafeBufferPointer<UInt8>) throws -> (name: String, value: String) {
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
      line[..<colon].allSatisfy(isTokenByte)
    else {
      throw Self.malformed("a part has a header line that is not “name: value”.")
    }
    let value = line[(colon + 1)...]
    guard !value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else {
      throw Self.malformed("a part header holds a control character.")
    }
    guard let text = String(validating: value, as: UTF8.self) else {
      throw Self.malformed("a part header is not valid UTF-8.")
    }
    return (String(decoding: line[..<colon], as: UTF8.self), String(text.trimmingOWS()))
  }

  func makePart(headers: HTTPHeaders, body: [UInt8]) throws -> MultipartPart {
    guard let disposition = headers["Content-Disposition"],
      let parsed = HeaderValueWithParameters(parsing: disposition), parsed.value == "form-data",
      let name = parsed.parameters["name"]
    else {
      throw Self.malformed("every part needs “Content-Disposition: form-data; name=…”.")
    }
    var filename = parsed.parameters["filename"]
    if let extended = parsed.parameters["filename*"], let decoded = Self.decodeExtendedValue(extended) {
      filename = decoded
    }
    return MultipartPart(headers: headers, name: name, filename: filename, body: body)
  }

  /// RFC 8187 `UTF-8'language'percent-encoded`; nil for another charset or a bad encoding.
  static func decodeExtendedValue(_ value: String) -> String? {
    let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
    guard pieces.count == 3, pieces[0].equalsIgnoringASCIICase("UTF-8") else { return nil }
    return try? PercentDecoding.decode(pieces[2].utf8, plusAsSpace: false)
  }
}

extension HTTPHeaders {
  fileprivate mutating func add(_ field: (name: String, value: String)) {
    add(name: field.name, value: field.value)
  }
}
