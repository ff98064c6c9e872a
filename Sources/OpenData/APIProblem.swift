import HTTP
import Store
import Web

/// An API error answered as `application/problem+json` (RFC 9457): a stable `type`, a short English `title` and a
/// Danish `detail` a person understands.
public struct APIProblem: Error, Sendable {
  public var status: HTTPStatus
  public var title: String
  public var detail: String
  /// Extra members (e.g. `rule` or `problems`), written after the standard ones.
  public var extensions: [(String, JSONValue)]

  public init(_ status: HTTPStatus, title: String, detail: String, extensions: [(String, JSONValue)] = []) {
    self.status = status
    self.title = title
    self.detail = detail
    self.extensions = extensions
  }

  public static func notFound(_ detail: String) -> APIProblem {
    APIProblem(.notFound, title: "Not Found", detail: detail)
  }

  public static func badRequest(_ detail: String) -> APIProblem {
    APIProblem(.badRequest, title: "Bad Request", detail: detail)
  }

  /// 503: the database cannot take writes now (disk full, read-only); nothing was stored, reads still work.
  public static func writeUnavailable(_ error: Store.WriteUnavailable) -> APIProblem {
    APIProblem(
      .serviceUnavailable, title: "Service Unavailable", detail: error.message,
      extensions: [("reason", .string(error.reason.rawValue))])
  }

  /// The problem document; `type` is `about:blank` with the status's own title, as RFC 9457 §4.2 allows.
  public var response: Response {
    var members: [(String, JSONValue)] = [
      ("type", "about:blank"), ("title", .string(title)), ("status", .int(status.code)),
      ("detail", .string(detail)),
    ]
    members += extensions
    var response = Response(
      status: status, headers: ["Content-Type": "application/problem+json; charset=utf-8"],
      body: .bytes(JSONValue.object(members).bytes))
    response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
    return response
  }
}
