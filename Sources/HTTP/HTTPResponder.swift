/// Answers requests. `respond` runs synchronously on the event-loop thread that owns the connection.
public protocol HTTPResponder: Sendable {
  func respond(to request: Request) throws -> Response
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
