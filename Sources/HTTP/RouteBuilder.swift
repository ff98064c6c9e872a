public typealias RouteHandler = @Sendable (Request) throws -> Response

/// Wraps a handler: do something before and/or after calling `next`, or answer without calling it.
/// Thrown `HTTPError`s from `next` pass through the middleware (which may catch them and rethrow).
public typealias Middleware = @Sendable (Request, _ next: (Request) throws -> Response) throws -> Response

/// Registration methods shared by `Router` and `RouteGroup`.
public protocol RouteBuilder {
  mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping RouteHandler)
}

extension RouteBuilder {
  public mutating func add(_ method: HTTPMethod, _ pattern: String, responder: some HTTPResponder) {
    add(method, pattern) { try responder.respond(to: $0) }
  }

  /// GET (and therefore HEAD).
  public mutating func get(_ pattern: String, _ handler: @escaping RouteHandler) {
    add(.get, pattern, handler)
  }

  public mutating func post(_ pattern: String, _ handler: @escaping RouteHandler) {
    add(.post, pattern, handler)
  }

  public mutating func put(_ pattern: String, _ handler: @escaping RouteHandler) {
    add(.put, pattern, handler)
  }

  public mutating func patch(_ pattern: String, _ handler: @escaping RouteHandler) {
    add(.patch, pattern, handler)
  }

  public mutating func delete(_ pattern: String, _ handler: @escaping RouteHandler) {
    add(.delete, pattern, handler)
  }

  /// Routes under `prefix`, each wrapped in `middleware` (the first element runs first, outermost).
  /// Groups nest; an outer group's middleware runs before an inner one's.
  public mutating func group(
    _ prefix: String, middleware: [Middleware] = [], _ build: (inout RouteGroup) -> Void
  ) {
    var group = RouteGroup(middleware: middleware)
    build(&group)
    for route in group.routes {
      add(route.method, RoutePattern.join(prefix, route.pattern), route.handler)
    }
  }
}

/// Collects routes for `RouteBuilder.group`; its handlers are already wrapped in the group's middleware.
public struct RouteGroup: RouteBuilder {
  struct Route {
    var method: HTTPMethod
    var pattern: String
    var handler: RouteHandler
  }

  let middleware: [Middleware]
  private(set) var routes: [Route] = []

  init(middleware: [Middleware]) {
    self.middleware = middleware
  }

  public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping RouteHandler) {
    routes.append(Route(method: method, pattern: pattern, handler: RouteGroup.wrap(handler, in: middleware)))
  }

  /// `handler` wrapped so that `middleware[0]` runs first.
  static func wrap(_ handler: @escaping RouteHandler, in middleware: [Middleware]) -> RouteHandler {
    var wrapped = handler
    for layer in middleware.reversed() {
      let inner = wrapped
      wrapped = { request in try layer(request, inner) }
    }
    return wrapped
  }
}
