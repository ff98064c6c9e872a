import Glibc
import HTTP

/// A blocking TCP client for tests, with a receive timeout so a broken server cannot hang the suite.
/// Shared by every test target that talks to a real server over a socket.
public final class TestClient {
  public let fd: Int32
  private var buffered: [UInt8] = []

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  public struct Reply {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var text: String { String(decoding: body, as: UTF8.self) }
  }

  public init(host: String = "127.0.0.1", port: Int, timeoutSeconds: Int = 5) throws {
    var storage = sockaddr_storage()
    var length: socklen_t
    let family: Int32
    if host.contains(":") {
      family = AF_INET6
      length = socklen_t(MemoryLayout<sockaddr_in6>.size)
      try withUnsafeMutableBytes(of: &storage) { raw in
        let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
        address.pointee.sin6_family = sa_family_t(AF_INET6)
        address.pointee.sin6_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET6, host, &address.pointee.sin6_addr) == 1 else {
          throw Failure(description: host)
        }
      }
    } else {
      family = AF_INET
      length = socklen_t(MemoryLayout<sockaddr_in>.size)
      try withUnsafeMutableBytes(of: &storage) { raw in
        let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
        address.pointee.sin_family = sa_family_t(AF_INET)
        address.pointee.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.pointee.sin_addr) == 1 else {
          throw Failure(description: host)
        }
      }
    }
    let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let result = withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
    }
    guard result == 0 else {
      let error = errno
      close(fd)
      throw Failure(description: "connect: errno \(error)")
    }
    self.fd = fd
  }

  deinit {
    close(fd)
  }

  public func send(_ text: String) throws {
    try send(Array(text.utf8))
  }

  public func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      guard written > 0 else { throw Failure(description: "send: errno \(errno)") }
      offset += written
    }
  }

  /// Reads more bytes into the buffer; false at end of stream (or on reset/timeout).
  private func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65_536)
    let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
    guard count > 0 else { return false }
    buffered.append(contentsOf: chunk[0..<count])
    return true
  }

  private func readLine() throws -> String {
    while true {
      if let lf = buffered.firstIndex(of: 0x0A) {
        guard lf > 0, buffered[lf - 1] == 0x0D else { throw Failure(description: "bare LF from server") }
        let line = String(decoding: buffered[0..<lf - 1], as: UTF8.self)
        buffered.removeFirst(lf + 1)
        return line
      }
      guard fill() else { throw Failure(description: "connection ended inside a line") }
    }
  }

  private func readExactly(_ count: Int) throws -> [UInt8] {
    while buffered.count < count {
      guard fill() else { throw Failure(description: "connection ended inside a body") }
    }
    let bytes = Array(buffered[0..<count])
    buffered.removeFirst(count)
    return bytes
  }

  /// Reads one response (interim 1xx responses are returned too).
  public func readResponse(head: Bool = false) throws -> Reply {
    let statusLine = try readLine()
    let parts = statusLine.split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
      throw Failure(description: "bad status line \(statusLine)")
    }
    var headers = HTTPHeaders()
    while true {
      let line = try readLine()
      if line.isEmpty { break }
      guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad field \(line)") }
      headers.add(
        name: String(line[..<colon]),
        value: String(
          line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }.reversed().drop {
            $0 == " " || $0 == "\t"
          }.reversed()))
    }
    if head || status < 200 || status == 204 || status == 304 {
      return Reply(status: status, headers: headers, body: [])
    }
    if headers.containsToken("chunked", in: "Transfer-Encoding") {
      var body: [UInt8] = []
      while true {
        let sizeLine = try readLine()
        guard let size = Int(sizeLine, radix: 16) else { throw Failure(description: "bad chunk \(sizeLine)") }
        if size == 0 {
          _ = try readLine()
          break
        }
        body += try readExactly(size)
        guard try readLine().isEmpty else { throw Failure(description: "chunk without CRLF") }
      }
      return Reply(status: status, headers: headers, body: body)
    }
    if let length = headers["Content-Length"].flatMap({ Int($0) }) {
      return Reply(status: status, headers: headers, body: try readExactly(length))
    }
    while fill() {}
    let body = buffered
    buffered = []
    return Reply(status: status, headers: headers, body: body)
  }

  public func request(_ method: String = "GET", _ target: String, headers: [String] = [], body: String = "")
    throws -> Reply
  {
    var text = "\(method) \(target) HTTP/1.1\r\nHost: test\r\n"
    for header in headers { text += header + "\r\n" }
    if !body.isEmpty { text += "Content-Length: \(body.utf8.count)\r\n" }
    text += "\r\n" + body
    try send(text)
    return try readResponse(head: method == "HEAD")
  }

  /// Whether the server closed the connection (EOF or reset) without sending anything more.
  public func isClosedWithoutData() -> Bool {
    if !buffered.isEmpty { return false }
    var byte: UInt8 = 0
    let count = recv(fd, &byte, 1, 0)
    return count == 0 || (count < 0 && errno == ECONNRESET)
  }

  /// Everything until the server closes (or the receive timeout passes).
  public func readToEnd() -> [UInt8] {
    while fill() {}
    let bytes = buffered
    buffered = []
    return bytes
  }
}
