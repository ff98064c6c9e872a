import XCTest

/// A response read off a socket by `RawHTTPClient`.
struct RawResponse {
  var status: Int
  var headers: [(name: String, value: String)]
  var body: [UInt8]

  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  func headerValues(_ name: String) -> [String] {
    headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
  }

  var text: String { String(decoding: body, as: UTF8.self) }
}

/// One request, one response, on a new connection to 127.0.0.1:port (over `TestClient`).
enum RawHTTPClient {
  /// Sends `request` and reads the response that answers it. `bodyless` is for responses to HEAD.
  static func exchange(_ request: [UInt8], port: Int, bodyless: Bool = false) throws -> RawResponse {
    let client = try TestClient(port: port, timeoutSeconds: 10)
    try client.send(request)
    let reply = try client.readResponse(head: bodyless)
    return RawResponse(
      status: reply.status, headers: reply.headers.map { ($0.name, $0.value) }, body: reply.body)
  }

  static func exchange(_ request: String, port: Int, bodyless: Bool = false) throws -> RawResponse {
    try exchange(Array(request.utf8), port: port, bodyless: bodyless)
  }
}
