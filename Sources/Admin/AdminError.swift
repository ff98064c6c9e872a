import HTTP

/// A request the admin module refuses, with a message in Danish for the person who asked.
struct AdminError: Error {
  var status: HTTPStatus
  var message: String

  init(_ status: HTTPStatus, _ message: String) {
    self.status = status
    self.message = message
  }

  static let forbidden = AdminError(.forbidden, "Du har ikke adgang til denne side.")

  static func notFound(_ what: String) -> AdminError {
    AdminError(.notFound, "\(what) findes ikke i denne kommune.")
  }
}
