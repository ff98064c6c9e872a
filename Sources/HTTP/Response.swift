public enum ResponseBody: Sendable {
  case empty
  case bytes([UInt8])
  /// Sent chunked on HTTP/1.1, close-delimited on HTTP/1.0.
  case stream(ResponseStream)
}

/// A pull-based body: `next` is called on the loop thread whenever the socket can take more, and returns
/// nil at the end. It must not block for long; a thrown error aborts the connection. An empty chunk means
/// "nothing yet": after a run of them the stream is polled again about every 100 ms.
public struct ResponseStream: Sendable {
  public let next: @Sendable () throws -> [UInt8]?

  public init(next: @escaping @Sendable () throws -> [UInt8]?) {
    self.next = next
  }

  /// A stream that yields the given chunks in order.
  public init(chunks: [[UInt8]]) {
    let source = ChunkSource(chunks)
    self.next = { source.next() }
  }
}

public struct Response: Sendable {
  public var status: HTTPStatus
  public var headers: HTTPHeaders
  public var body: ResponseBody

  public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: ResponseBody = .empty) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// `text/plain; charset=utf-8`
  public static func text(_ s: String, status: HTTPStatus = .ok) -> Response {
    Response(
      status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .bytes(Array(s.utf8)))
  }

  /// `text/html; charset=utf-8`
  public static func html(_ s: String, status: HTTPStatus = .ok) -> Response {
    Response(
      status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: .bytes(Array(s.utf8)))
  }
}
