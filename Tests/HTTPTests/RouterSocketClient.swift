import Foundation
import Glibc
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

/// Sends raw bytes to 127.0.0.1:port and reads one response, for socket-level tests.
enum RawHTTPClient {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Sends `request` and reads the response that answers it. `bodyless` is for responses to HEAD.
  static func exchange(_ request: [UInt8], port: Int, bodyless: Bool = false) throws -> RawResponse {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketFD >= 0 else { throw Failure(description: "socket() failed") }
    defer { close(socketFD) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure(description: "connect() failed: \(errno)") }
    var sent = 0
    while sent < request.count {
      let count = request[sent...].withUnsafeBytes {
        send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard count > 0 else { throw Failure(description: "send() failed: \(errno)") }
      sent += count
    }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      if let response = try parse(received, bodyless: bodyless) { return response }
      let count = buffer.withUnsafeMutableBytes { recv(socketFD, $0.baseAddress, $0.count, 0) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        if let response = try parse(received, bodyless: bodyless, atEOF: true) { return response }
        throw Failure(description: "connection ended after \(received.count) bytes without a full response")
      }
      received += buffer[..<count]
    }
  }

  static func exchange(_ request: String, port: Int, bodyless: Bool = false) throws -> RawResponse {
    try exchange(Array(request.utf8), port: port, bodyless: bodyless)
  }

  /// A complete response from the start of `bytes`, or nil if more bytes are needed.
  static func parse(_ bytes: [UInt8], bodyless: Bool, atEOF: Bool = false) throws -> RawResponse? {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard let headEnd = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator })
    else { return nil }
    let lines = String(decoding: bytes[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
    let statusParts = lines[0].split(separator: " ")
    guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
      throw Failure(description: "bad status line \(lines[0])")
    }
    var headers: [(name: String, value: String)] = []
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad header \(line)") }
      headers.append(
        (
          String(line[..<colon]),
          String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        ))
    }
    var response = RawResponse(status: status, headers: headers, body: [])
    let rest = Array(bytes[(headEnd + 4)...])
    if bodyless || status == 204 || status == 304 || (100..<200).contains(status) { return response }
    if let length = response.header("Content-Length").flatMap({ Int($0) }) {
      guard rest.count >= length else { return nil }
      response.body = Array(rest[..<length])
      return response
    }
    if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
      var position = 0
      var body: [UInt8] = []
      while true {
        guard
          let lineEnd = (position..<max(position, rest.count - 1)).first(where: {
            rest[$0] == 13 && rest[$0 + 1] == 10
          })
        else { return nil }
        let sizeText = String(decoding: rest[position..<lineEnd], as: UTF8.self).split(separator: ";")[0]
        guard let size = Int(sizeText, radix: 16) else {
          throw Failure(description: "bad chunk size \(sizeText)")
        }
        position = lineEnd + 2
        if size == 0 {
          response.body = body
          return response
        }
        guard rest.count >= position + size + 2 else { return nil }
        body += rest[position..<position + size]
        position += size + 2
      }
    }
    guard atEOF else { return nil }
    response.body = rest
    return response
  }
}
