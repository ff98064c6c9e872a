import HTTP

/// A request the site cannot answer with a page, with a message in Danish for the person who asked: the error page
/// shows it. (The HTTP layer's own errors are answered with the site's generic text.)
struct PageError: Error {
  var status: HTTPStatus
  var message: String

  init(_ status: HTTPStatus, _ message: String) {
    self.status = status
    self.message = message
  }
}
