/// A parsed request, handed to the responder once its head and whole body have arrived.
///
/// Strings hold the received bytes as UTF-8 when they are valid UTF-8, otherwise one character per byte
/// (ISO-8859-1), so no byte is ever replaced.
public struct Request: Sendable {
  public var method: HTTPMethod
  /// The raw request-target as received.
  public var target: String
  public var version: HTTPVersion
  public var headers: HTTPHeaders
  /// Trailer fields of a chunked body; empty otherwise.
  public var trailers: HTTPHeaders
  public var body: [UInt8]
  /// The raw (still percent-encoded) path: origin-form before `?`, the path of an absolute-form target
  /// (`/` when it has none), `*` for `OPTIONS *`.
  public var path: String
  /// The raw query after `?`, nil if there is none.
  public var query: String?
  /// "127.0.0.1:54321" or "[::1]:54321"; empty for requests built in tests.
  public var remoteAddress: String
  /// Which event loop (0..<eventLoops) runs this handler, for per-loop resources kept in arrays.
  public var eventLoopIndex: Int
  /// Decoded path parameters, filled by a router; empty from the server.
  public var parameters: [String: String]

  public init(
    method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = [:],
    body: [UInt8] = []
  ) {
    self.method = method
    self.target = target
    self.version = version
    self.headers = headers
    self.trailers = [:]
    self.body = body
    (self.path, self.query) = Request.splitTarget(target)
    self.remoteAddress = ""
    self.eventLoopIndex = 0
    self.parameters = [:]
  }

  /// Whether the connection stays open after this request (RFC 9112 §9.3).
  public var keepAlive: Bool {
    if headers.containsToken("close", in: "Connection") { return false }
    if version.major == 1 && version.minor == 0 {
      return headers.containsToken("keep-alive", in: "Connection")
    }
    return true
  }

  /// Splits a raw request-target into its path and query.
  static func splitTarget(_ target: String) -> (path: String, query: String?) {
    var rest = Substring(target)
    if rest.utf8.first != UInt8(ascii: "/") && rest != "*" {
      // absolute-form: scheme "://" authority path-abempty [ "?" query ]
      if let schemeEnd = rest.firstRange(of: "://") {
        rest = rest[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        rest = rest[authorityEnd...]
      }
    }
    var path: Substring
    var query: String?
    // Searched in the UTF-8 view: "?" is ASCII, and Character-wise search costs a grapheme walk per request.
    if let mark = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
      path = rest[..<mark]
      query = String(rest[rest.utf8.index(after: mark)...])
    } else {
      path = rest
    }
    if path.isEmpty { path = "/" }
    return (String(path), query)
  }
}
