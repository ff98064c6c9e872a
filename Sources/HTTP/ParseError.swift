/// Why a request could not be parsed; the connection answers `status` and closes.
struct ParseError: Error, Equatable, Sendable {
  var status: HTTPStatus
  var reason: String

  init(_ status: HTTPStatus, _ reason: String) {
    self.status = status
    self.reason = reason
  }

  static func bad(_ reason: String) -> ParseError { ParseError(.badRequest, reason) }
}
