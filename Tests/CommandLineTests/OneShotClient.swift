import Foundation
import Glibc
import HTTP

/// One request per connection (`Connection: close`), read to the end: what a 304 or a HEAD really sends back,
/// body bytes included.
struct OneShotReply {
  var status: Int
  var headers: HTTPHeaders
  var body: [UInt8]
  var text: String { String(decoding: body, as: UTF8.self) }
}

struct OneShotFailure: Error, CustomStringConvertible {
  var description: String
}

func oneShot(
  port: Int, _ method: String = "GET", _ target: String, headers: [String] = []
) throws -> OneShotReply {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw OneShotFailure(description: "socket: errno \(errno)") }
  defer { close(fd) }
  var timeout = timeval(tv_sec: 5, tv_usec: 0)
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = in_port_t(UInt16(port).bigEndian)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  let connected = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  guard connected == 0 else { throw OneShotFailure(description: "connect: errno \(errno)") }
  let head =
    ([method + " " + target + " HTTP/1.1", "Host: test", "Connection: close"] + headers)
    .joined(separator: "\r\n") + "\r\n\r\n"
  let bytes = Array(head.utf8)
  guard send(fd, bytes, bytes.count, 0) == bytes.count else { throw OneShotFailure(description: "send") }
  var received: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65_536)
  while true {
    let count = recv(fd, &buffer, buffer.count, 0)
    if count < 0 { throw OneShotFailure(description: "recv: errno \(errno)") }
    if count == 0 { break }
    received += buffer[0..<count]
  }
  let separator = Array("\r\n\r\n".utf8)
  guard let end = received.indices.first(where: { received[$0...].starts(with: separator) }) else {
    throw OneShotFailure(description: "no header section in \(received.count) bytes")
  }
  let lines = String(decoding: received[..<end], as: UTF8.self).components(separatedBy: "\r\n")
  let statusParts = lines[0].split(separator: " ")
  guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
    throw OneShotFailure(description: "bad status line \(lines[0])")
  }
  var fields = HTTPHeaders()
  for line in lines.dropFirst() {
    guard let colon = line.firstIndex(of: ":") else { continue }
    fields.add(
      name: String(line[..<colon]),
      value: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
  }
  return OneShotReply(status: status, headers: fields, body: Array(received[(end + 4)...]))
}
