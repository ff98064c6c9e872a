import HTTP

/// What one request on its own connection (`Connection: close`) got back, read to the end: what a 304 or a HEAD
/// really sends, body bytes included.
public struct OneShotReply {
  public var status: Int
  public var headers: HTTPHeaders
  public var body: [UInt8]
  public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Sends one request with `Connection: close` and reads until the server closes.
public func oneShot(
  port: Int, _ method: String = "GET", _ target: String, headers: [String] = []
) throws -> OneShotReply {
  let client = try TestClient(port: port)
  let head =
    ([method + " " + target + " HTTP/1.1", "Host: test", "Connection: close"] + headers)
    .joined(separator: "\r\n") + "\r\n\r\n"
  try client.send(head)
  let received = client.readToEnd()
  let separator = Array("\r\n\r\n".utf8)
  guard let end = received.indices.first(where: { received[$0...].starts(with: separator) }) else {
    throw TestClient.Failure(description: "no header section in \(received.count) bytes")
  }
  let lines = String(decoding: received[..<end], as: UTF8.self).split(
    separator: "\r\n", omittingEmptySubsequences: false)
  let statusParts = lines[0].split(separator: " ")
  guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
    throw TestClient.Failure(description: "bad status line \(lines[0])")
  }
  var fields = HTTPHeaders()
  for line in lines.dropFirst() {
    guard let colon = line.firstIndex(of: ":") else { continue }
    let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
    fields.add(name: String(line[..<colon]), value: String(value))
  }
  return OneShotReply(status: status, headers: fields, body: Array(received[(end + 4)...]))
}
