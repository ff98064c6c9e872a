/// Writes responses as HTTP/1.1 bytes (RFC 9112 §4, §6).
enum ResponseSerializer {
  /// How the body of a streamed response goes out.
  enum StreamFraming {
    case chunked
    /// The application gave a Content-Length: raw bytes, exactly that many.
    case fixedLength(Int)
    /// HTTP/1.0 without a length: raw bytes, then the connection closes.
    case closeDelimited
  }

  /// Appends the response's head and, for byte bodies, its body. Returns the stream still to be sent.
  /// `keepAlive` comes in as the request's wish and goes out as what the response says; `defaults` are written
  /// after the response's own fields, those it has no field of the same name for.
  static func serialize(
    _ response: Response, method: HTTPMethod?, version: HTTPVersion, keepAlive: inout Bool,
    date: [UInt8], defaults: DefaultHeaderFields = .none, into out: inout [UInt8]
  ) -> (ResponseStream, StreamFraming)? {
    var body: [UInt8] = []
    let stream = serialize(
      response, method: method, version: version, keepAlive: &keepAlive, date: date, defaults: defaults,
      into: &out, body: &body)
    out.append(contentsOf: body)
    return stream
  }

  /// As above, but a byte body to be sent after the head goes to `body` instead of being appended to `out`.
  static func serialize(
    _ response: Response, method: HTTPMethod?, version: HTTPVersion, keepAlive: inout Bool,
    date: [UInt8], defaults: DefaultHeaderFields, into out: inout [UInt8], body bodyToSend: inout [UInt8]
  ) -> (ResponseStream, StreamFraming)? {
    let status = response.status
    let isHead = method == .head
    let bodyAllowed = status.allowsBody
    if response.headers.containsToken("close", in: "Connection") { keepAlive = false }

    var appLength: Int?
    var hasDate = false
    for field in response.headers {
      let name = field.name
      if name.equalsIgnoringASCIICase("Content-Length") {
        appLength = Int(field.value)
      } else if name.equalsIgnoringASCIICase("Date") {
        hasDate = true
      }
    }

    var stream: (ResponseStream, StreamFraming)?
    var lengthToWrite: Int?
    var body: [UInt8] = []
    var chunked = false
    switch response.body {
    case .empty:
      lengthToWrite = isHead ? (appLength ?? 0) : 0
    case .bytes(let bytes):
      lengthToWrite = bytes.count
      body = bytes
    case .stream(let responseStream):
      if let appLength {
        lengthToWrite = appLength
        if !isHead && bodyAllowed { stream = (responseStream, .fixedLength(appLength)) }
      } else if version == .http1_1 {
        chunked = true
        if !isHead && bodyAllowed { stream = (responseStream, .chunked) }
      } else {
        keepAlive = false
        if !isHead && bodyAllowed { stream = (responseStream, .closeDelimited) }
      }
    }

    out.append(contentsOf: "HTTP/1.1 ".utf8)
    appendNumber(status.code, to: &out)
    out.append(ByteClass.space)
    appendSanitized(status.reasonPhrase, to: &out)
    out.append(contentsOf: "\r\n".utf8)
    for field in response.headers {
      let name = field.name
      if name.equalsIgnoringASCIICase("Content-Length") || name.equalsIgnoringASCIICase("Transfer-Encoding")
        || name.equalsIgnoringASCIICase("Connection")
      {
        continue
      }
      appendField(name: name, value: field.value, to: &out)
    }
    defaults.append(missingFrom: response.headers, to: &out)
    if !hasDate {
      out.append(contentsOf: "Date: ".utf8)
      out.append(contentsOf: date)
      out.append(contentsOf: "\r\n".utf8)
    }
    if bodyAllowed {
      if chunked {
        out.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
      } else if let lengthToWrite {
        out.append(contentsOf: "Content-Length: ".utf8)
        appendNumber(lengthToWrite, to: &out)
        out.append(contentsOf: "\r\n".utf8)
      }
    }
    if !keepAlive {
      out.append(contentsOf: "Connection: close\r\n".utf8)
    } else if version == .http1_0 {
      out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
    }
    out.append(contentsOf: "\r\n".utf8)
    if bodyAllowed && !isHead && !body.isEmpty { bodyToSend = body }
    return stream
  }

  /// An interim (1xx) response head: the status line and `headers`, no framing fields.
  static func interim(_ status: HTTPStatus, headers: HTTPHeaders) -> [UInt8] {
    var out = Array("HTTP/1.1 ".utf8)
    appendNumber(status.code, to: &out)
    out.append(ByteClass.space)
    appendSanitized(status.reasonPhrase, to: &out)
    out.append(contentsOf: "\r\n".utf8)
    for field in headers { appendField(name: field.name, value: field.value, to: &out) }
    out.append(contentsOf: "\r\n".utf8)
    return out
  }

  static func appendChunk(_ chunk: [UInt8], to out: inout [UInt8]) {
    appendHex(chunk.count, to: &out)
    out.append(contentsOf: "\r\n".utf8)
    out.append(contentsOf: chunk)
    out.append(contentsOf: "\r\n".utf8)
  }

  static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

  static func appendNumber(_ value: Int, to out: inout [UInt8]) {
    if value < 10 {
      out.append(UInt8(0x30 + value))
      return
    }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    )
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { buffer in
      while rest > 0 && count < 10 {
        buffer[count] = UInt8(0x30 + rest % 10)
        rest /= 10
        count += 1
      }
      if rest > 0 {
        out.append(contentsOf: String(value).utf8)
        return
      }
      while count > 0 {
        count -= 1
        out.append(buffer[count])
      }
    }
  }

  static func appendHex(_ value: Int, to out: inout [UInt8]) {
    let digits = Array("0123456789abcdef".utf8)
    var shift = 60
    while shift > 0 && (value >> shift) & 0xF == 0 { shift -= 4 }
    while shift >= 0 {
      out.append(digits[(value >> shift) & 0xF])
      shift -= 4
    }
  }

  /// "name: value\r\n", with CR, LF and NUL in either replaced by spaces.
  static func appendField(name: String, value: String, to out: inout [UInt8]) {
    appendSanitized(name, to: &out)
    out.append(contentsOf: ": ".utf8)
    appendSanitized(value, to: &out)
    out.append(contentsOf: "\r\n".utf8)
  }

  /// Header text with CR, LF and NUL replaced by a space, so an application cannot split a response.
  static func appendSanitized(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in  // in place for native strings (nearly all)
      let start = out.count
      out.append(contentsOf: bytes)
      for index in bytes.indices
      where bytes[index] == ByteClass.cr || bytes[index] == ByteClass.lf || bytes[index] == 0 {
        out[start + index] = ByteClass.space
      }
    }
  }

}
