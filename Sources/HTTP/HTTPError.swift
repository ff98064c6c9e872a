/// Thrown by a handler: becomes a response with `status`, `message` as a short text/plain body, and `headers`
/// (e.g. `Allow`).
public struct HTTPError: Error, Sendable, CustomStringConvertible {
  public var status: HTTPStatus
  public var message: String
  public var headers: HTTPHeaders

  public init(_ status: HTTPStatus, _ message: String = "", headers: HTTPHeaders = [:]) {
    self.status = status
    self.message = message
    self.headers = headers
  }

  public var description: String { message.isEmpty ? "\(status)" : "\(status): \(message)" }
}
