import HTTP

/// A request the ministry's pages refuse, with a message in Danish.
struct MinistryError: Error {
  var status: HTTPStatus
  var message: String

  init(_ status: HTTPStatus, _ message: String) {
    self.status = status
    self.message = message
  }
}
