/// Dispatches requests by method and path pattern (see `RoutePattern` syntax: `/kommuner/:code`,
/// `/admin/mål/:id(int)`, `/static/*path`) through a segment trie.
///
/// - The request path is split on `/` and each segment percent-decoded before matching (a malformed `%` escape
///   → 400; escapes that are not UTF-8 → 404); decoded parameters land in `request.parameters`.
/// - No route for the path → 404. A route for the path but not the method → 405 with `Allow`.
/// - HEAD is answered by the GET handler unless a HEAD handler exists; OPTIONS by 204 with `Allow`
///   unless an OPTIONS handler exists; `OPTIONS *` by 204 with `Allow` listing every method in use.
/// - `use` adds middleware around everything, 404s and 405s included.
public struct Router: HTTPResponder, RouteBuilder {
  private var root = RouteNode()
  private var middleware: [Middleware] = []

  public init() {}

  public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping RouteHandler) {
    let parsed = RoutePattern(pattern)
    root.insert(parsed.segments[...], method: method, handler: handler, pattern: pattern)
  }

  /// Middleware around every request (the first added runs first).
  public mutating func use(_ middleware: @escaping Middleware) {
    self.middleware.append(middleware)
  }

  public func respond(to request: Request) throws -> Response {
    var route: String?
    return try run(middlewareAt: 0, request, route: &route)
  }

  /// Also sets `route` to the pattern of the route that matched (kept when the handler throws; a 405 names the
  /// pattern whose path matched), nil when none did or a middleware answered first.
  public func respond(to request: Request, route: inout String?) throws -> Response {
    try run(middlewareAt: 0, request, route: &route)
  }

  private func run(middlewareAt index: Int, _ request: Request, route: inout String?) throws -> Response {
    guard index < middleware.count else { return try dispatch(request, route: &route) }
    return try middleware[index](request) { try run(middlewareAt: index + 1, $0, route: &route) }
  }

  private func dispatch(_ request: Request, route: inout String?) throws -> Response {
    let method = request.method
    if request.path == "*" {
      guard method == .options else { throw HTTPError(.notFound, "Not found.") }
      return Router.allowResponse(Router.allowHeader(root.allMethods()))
    }
    let segments = try Router.decodedSegments(request.path)
    var captured: [(String, String)] = []
    let found = root.match(segments, from: 0, parameters: &captured) { handlers in
      handlers[method] != nil || (method == .head && handlers[.get] != nil) || method == .options
    }
    if let (handlers, pattern) = found {
      route = pattern
      guard let handler = handlers[method] ?? (method == .head ? handlers[.get] : nil) else {
        return Router.allowResponse(Router.allowHeader(Set(handlers.keys)))  // OPTIONS
      }
      var routed = request
      for (name, value) in captured { routed.parameters[name] = value }
      return try handler(routed)
    }
    captured.removeAll()
    if let (handlers, pattern) = root.match(segments, from: 0, parameters: &captured, accept: { _ in true }) {
      route = pattern
      throw HTTPError(
        .methodNotAllowed, "\(method) is not allowed here.",
        headers: ["Allow": Router.allowHeader(Set(handlers.keys))])
    }
    throw HTTPError(.notFound, "Not found.")
  }

  /// The percent-decoded segments of a raw path: "/" → [], "/a/b%20c" → ["a", "b c"], "/a/" → ["a", ""].
  static func decodedSegments(_ path: String) throws -> [String] {
    let utf8 = path.utf8
    guard utf8.first == UInt8(ascii: "/") else { throw HTTPError(.notFound, "Not found.") }
    var segments: [String] = []
    var start = utf8.index(after: utf8.startIndex)
    if start == utf8.endIndex { return segments }
    var index = start
    var escaped = false
    while true {
      let end = index == utf8.endIndex
      if end || utf8[index] == UInt8(ascii: "/") {
        // Cut at an ASCII "/", a piece of a String is whole characters: without a "%" it is the segment itself.
        segments.append(escaped ? try decoded(utf8[start..<index]) : String(path[start..<index]))
        if end { return segments }
        index = utf8.index(after: index)
        start = index
        escaped = false
      } else {
        if utf8[index] == UInt8(ascii: "%") { escaped = true }
        index = utf8.index(after: index)
      }
    }
  }

  /// A segment with escapes; well-formed escapes that are not UTF-8 name nothing a route could have: 404.
  private static func decoded(_ raw: Substring.UTF8View) throws -> String {
    try PercentDecoding.decode(
      raw, plusAsSpace: false, what: "path", invalidUTF8: HTTPError(.notFound, "Not found."))
  }

  private static let canonicalOrder: [HTTPMethod] = [.get, .head, .post, .put, .patch, .delete, .options]

  /// `methods` plus HEAD (when GET is there) and OPTIONS, in a stable order.
  static func allowHeader(_ methods: Set<HTTPMethod>) -> String {
    var all = methods
    if all.contains(.get) { all.insert(.head) }
    all.insert(.options)
    let known = canonicalOrder.filter { all.contains($0) }
    let others = all.subtracting(canonicalOrder).map(\.rawValue).sorted()
    return (known.map(\.rawValue) + others).joined(separator: ", ")
  }

  private static func allowResponse(_ allow: String) -> Response {
    Response(status: .noContent, headers: ["Allow": allow])
  }
}
