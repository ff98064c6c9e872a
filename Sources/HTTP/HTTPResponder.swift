/// Answers requests. `respond` runs synchronously on the event-loop thread that owns the connection.
public protocol HTTPResponder: Sendable {
  func respond(to request: Request) throws -> Response
  /// Like `respond(to:)`, also naming the route pattern that answered (a bounded label for `ServerMetrics`);
  /// leaving it nil counts the request as unmatched. The server calls this one.
  func respond(to request: Request, route: inout String?) throws -> Response
}

extension HTTPResponder {
  public func respond(to request: Request, route: inout String?) throws -> Response {
    try respond(to: request)
  }
}

public struct ClosureResponder: HTTPResponder {
  private let body: @Sendable (Request) throws -> Response

  public init(_ body: @escaping @Sendable (Request) throws -> Response) {
    self.body = body
  }

  public func respond(to request: Request) throws -> Response {
    try body(request)
  }
}
