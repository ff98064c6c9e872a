/// An incremental HTTP/1.1 request parser (RFC 9112), strict where leniency enables request smuggling.
///
/// Feed it whatever bytes have arrived; it consumes complete lines and body bytes and leaves a partial line
/// in the input for the next call, so the same bytes parse identically whole or one byte at a time.
struct RequestParser {
  struct Limits: Sendable {
    var maxRequestLine = 8 * 1024
    var maxHeaderBytes = 32 * 1024
    var maxHeaderCount = 100
    var maxBodySize = 10 * 1024 * 1024
    var maxChunkLine = 4 * 1024
  }

  enum Outcome {
    case request(Request)
    case needMore
    case failure(ParseError)
  }

  enum Stage: Equatable {
    case requestLine
    case headers
    case body
    case chunkSize
    case chunkData
    case chunkDataEnd
    case trailers
  }

  let limits: Limits
  private(set) var stage = Stage.requestLine
  /// Whether the request being read carries `Expect: 100-continue`.
  private(set) var expectsContinue = false

  private var scanned = 0
  private var leadingEmptyBytes = 0
  private var sectionBytes = 0
  private var fieldCount = 0
  private var remaining = 0

  private var method = HTTPMethod.get
  private var target = ""
  private(set) var version = HTTPVersion.http1_1
  private var headers = HTTPHeaders()
  private var trailers = HTTPHeaders()
  private var body: [UInt8] = []
  private var framing = Framing()

  /// What the framing-relevant fields of the current head said.
  private struct Framing {
    var hostCount = 0
    var contentLengthSeen = false
    var contentLength = 0
    var contentLengthTooLarge = false
    var transferEncodingSeen = false
    var chunkedCount = 0
    var otherCoding = false
    var lastIsChunked = false
  }

  init(limits: Limits = Limits()) {
    self.limits = limits
  }

  /// Whether a request head is complete and its body is still being read.
  var isReadingBody: Bool {
    switch stage {
    case .requestLine, .headers: return false
    default: return true
    }
  }

  /// Whether part of a request has been consumed (a partial line may also sit unconsumed in the input).
  var hasConsumedPartialRequest: Bool { stage != .requestLine }

  /// Parses from `input[position...]`, advancing `position` past what it consumed.
  mutating func parse(_ input: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Outcome {
    while true {
      let step: Step
      switch stage {
      case .requestLine: step = parseRequestLine(input, &position)
      case .headers: step = parseFields(input, &position, trailer: false)
      case .body: step = parseBody(input, &position)
      case .chunkSize: step = parseChunkSize(input, &position)
      case .chunkData: step = parseChunkData(input, &position)
      case .chunkDataEnd: step = parseChunkDataEnd(input, &position)
      case .trailers: step = parseFields(input, &position, trailer: true)
      }
      switch step {
      case .proceed: continue
      case .needMore: return .needMore
      case .failed(let error): return .failure(error)
      case .complete: return .request(finishRequest())
      }
    }
  }

  private enum Step {
    case proceed
    case needMore
    case complete
    case failed(ParseError)
  }

  private enum Line {
    case line(Range<Int>)
    case needMore
    case bareCR
    case bareLF
    case tooLong
  }

  /// The next CRLF-terminated line starting at `start`, its content without the CRLF.
  private mutating func readLine(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, limit: Int) -> Line {
    var index = start + scanned
    let end = input.count
    while index < end {
      let byte = input[index]
      if byte == ByteClass.lf {
        if index > start && input[index - 1] == ByteClass.cr {
          scanned = 0
          return .line(start..<index - 1)
        }
        return .bareLF
      }
      if byte == ByteClass.cr {
        if index + 1 == end {
          scanned = index - start
          return .needMore
        }
        if input[index + 1] != ByteClass.lf { return .bareCR }
        index += 1
        continue
      }
      if index - start >= limit { return .tooLong }
      index += 1
    }
    scanned = index - start
    return .needMore
  }

  private func lineError(_ line: Line, tooLong: ParseError) -> Step {
    switch line {
    case .bareCR: return .failed(.bad("bare CR"))
    case .bareLF: return .failed(.bad("bare LF"))
    case .tooLong: return .failed(tooLong)
    default: return .needMore
    }
  }

  // MARK: request line

  private mutating func parseRequestLine(_ input: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Step {
    while true {
      let line = readLine(input, position, limit: limits.maxRequestLine)
      guard case .line(let range) = line else {
        return lineError(line, tooLong: ParseError(.uriTooLong, "request line too long"))
      }
      position = range.upperBound + 2
      if range.isEmpty {
        leadingEmptyBytes += 2
        if leadingEmptyBytes > limits.maxRequestLine { return .failed(.bad("too many empty lines")) }
        continue
      }
      leadingEmptyBytes = 0
      if let error = readRequestLine(input, range) { return .failed(error) }
      stage = .headers
      return .proceed
    }
  }

  private mutating func readRequestLine(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> ParseError?
  {
    var methodEnd = range.lowerBound
    while methodEnd < range.upperBound && input[methodEnd] != ByteClass.space { methodEnd += 1 }
    guard methodEnd > range.lowerBound, methodEnd < range.upperBound else {
      return .bad("malformed request line")
    }
    for index in range.lowerBound..<methodEnd where !ByteClass.token[Int(input[index])] {
      return .bad("invalid method")
    }
    let targetStart = methodEnd + 1
    var targetEnd = targetStart
    while targetEnd < range.upperBound && input[targetEnd] != ByteClass.space {
      if !ByteClass.target[Int(input[targetEnd])] { return .bad("invalid request-target") }
      targetEnd += 1
    }
    guard targetEnd > targetStart, targetEnd < range.upperBound else { return .bad("malformed request line") }
    let versionStart = targetEnd + 1
    guard range.upperBound - versionStart == 8,
      input[versionStart] == UInt8(ascii: "H"), input[versionStart + 1] == UInt8(ascii: "T"),
      input[versionStart + 2] == UInt8(ascii: "T"), input[versionStart + 3] == UInt8(ascii: "P"),
      input[versionStart + 4] == UInt8(ascii: "/"), ByteClass.isDigit(input[versionStart + 5]),
      input[versionStart + 6] == UInt8(ascii: "."), ByteClass.isDigit(input[versionStart + 7])
    else { return .bad("malformed HTTP version") }
    let major = Int(input[versionStart + 5] - 0x30)
    let minor = Int(input[versionStart + 7] - 0x30)
    guard major == 1, minor <= 1 else {
      return ParseError(.httpVersionNotSupported, "HTTP version not supported")
    }
    version = minor == 0 ? .http1_0 : .http1_1
    method = makeMethod(input, range.lowerBound..<methodEnd)
    if let error = checkTargetForm(input, targetStart..<targetEnd) { return error }
    target = makeString(UnsafeBufferPointer(rebasing: input[targetStart..<targetEnd]))
    return nil
  }

  private func makeMethod(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> HTTPMethod {
    let bytes = UnsafeBufferPointer(rebasing: input[range])
    if bytes.count == 3 && bytes[0] == UInt8(ascii: "G") && bytes[1] == UInt8(ascii: "E")
      && bytes[2] == UInt8(ascii: "T")
    {
      return .get
    }
    return HTTPMethod(String(decoding: bytes, as: UTF8.self))
  }

  /// origin-form, absolute-form, or asterisk-form for OPTIONS; never authority-form (RFC 9112 §3.2).
  private func checkTargetForm(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ParseError? {
    let first = input[range.lowerBound]
    if first == UInt8(ascii: "/") { return nil }
    if first == UInt8(ascii: "*") && range.count == 1 {
      return method == .options ? nil : .bad("asterisk-form is only for OPTIONS")
    }
    // absolute-form: scheme "://" authority ...
    guard ByteClass.isAlphaNumeric(first), !ByteClass.isDigit(first) else {
      return .bad("invalid request-target")
    }
    var index = range.lowerBound + 1
    while index < range.upperBound {
      let byte = input[index]
      if ByteClass.isAlphaNumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: ".")
      {
        index += 1
        continue
      }
      break
    }
    guard range.upperBound - index > 3, input[index] == UInt8(ascii: ":"),
      input[index + 1] == UInt8(ascii: "/"), input[index + 2] == UInt8(ascii: "/"),
      input[index + 3] != UInt8(ascii: "/")
    else { return .bad("invalid request-target") }
    return nil
  }

  // MARK: fields

  private mutating func parseFields(
    _ input: UnsafeBufferPointer<UInt8>, _ position: inout Int, trailer: Bool
  ) -> Step {
    while true {
      let line = readLine(input, position, limit: max(0, limits.maxHeaderBytes - sectionBytes - 2))
      guard case .line(let range) = line else {
        return lineError(line, tooLong: ParseError(.requestHeaderFieldsTooLarge, "header section too large"))
      }
      position = range.upperBound + 2
      if range.isEmpty {
        return trailer ? .complete : finishHead()
      }
      fieldCount += 1
      sectionBytes += range.count + 2
      if fieldCount > limits.maxHeaderCount {
        return .failed(ParseError(.requestHeaderFieldsTooLarge, "too many header fields"))
      }
      if let error = readField(input, range, trailer: trailer) { return .failed(error) }
    }
  }

  /// `field-name ":" OWS field-value OWS` (RFC 9112 §5).
  private mutating func readField(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, trailer: Bool)
    -> ParseError?
  {
    var colon = range.lowerBound
    while colon < range.upperBound && input[colon] != UInt8(ascii: ":") {
      if !ByteClass.token[Int(input[colon])] {
        let byte = input[colon]
        if colon == range.lowerBound && (byte == ByteClass.space || byte == ByteClass.tab) {
          return .bad("obs-fold or whitespace before a field line")
        }
        return .bad("invalid field name")
      }
      colon += 1
    }
    guard colon < range.upperBound else { return .bad("field line without colon") }
    guard colon > range.lowerBound else { return .bad("empty field name") }
    var valueStart = colon + 1
    var valueEnd = range.upperBound
    while valueStart < valueEnd && isOWS(input[valueStart]) { valueStart += 1 }
    while valueEnd > valueStart && isOWS(input[valueEnd - 1]) { valueEnd -= 1 }
    for index in valueStart..<valueEnd where !ByteClass.fieldValue[Int(input[index])] {
      return .bad("invalid character in field value")
    }
    let nameRange = range.lowerBound..<colon
    let valueRange = valueStart..<valueEnd
    let name = String(decoding: UnsafeBufferPointer(rebasing: input[nameRange]), as: UTF8.self)
    let value = makeString(UnsafeBufferPointer(rebasing: input[valueRange]))
    if trailer {
      trailers.add(name: name, value: value)
      return nil
    }
    headers.add(name: name, value: value)
    return noteFramingField(input, nameRange, valueRange, value: value)
  }

  private mutating func noteFramingField(
    _ input: UnsafeBufferPointer<UInt8>, _ name: Range<Int>, _ valueRange: Range<Int>, value: String
  ) -> ParseError? {
    switch name.count {
    case 4 where equalsLowercase(input, name, "host"):
      framing.hostCount += 1
      if !isValidHost(UnsafeBufferPointer(rebasing: input[valueRange])) { return .bad("invalid Host") }
    case 6 where equalsLowercase(input, name, "expect"):
      if value.equalsIgnoringASCIICase("100-continue") { expectsContinue = true }
    case 14 where equalsLowercase(input, name, "content-length"):
      return noteContentLength(UnsafeBufferPointer(rebasing: input[valueRange]))
    case 17 where equalsLowercase(input, name, "transfer-encoding"):
      framing.transferEncodingSeen = true
      for member in value.split(separator: ",", omittingEmptySubsequences: false) {
        let coding = member.trimmingOWS()
        if coding.isEmpty { continue }
        if coding.equalsIgnoringASCIICase("chunked") {
          framing.chunkedCount += 1
          framing.lastIsChunked = true
        } else {
          framing.otherCoding = true
          framing.lastIsChunked = false
        }
      }
    default:
      break
    }
    return nil
  }

  /// `Content-Length = 1*DIGIT`, possibly as a list of identical values (RFC 9110 §8.6).
  private mutating func noteContentLength(_ value: UnsafeBufferPointer<UInt8>) -> ParseError? {
    var index = 0
    repeat {
      while index < value.count && isOWS(value[index]) { index += 1 }
      var digits = 0
      var number = 0
      var tooLarge = false
      while index < value.count && ByteClass.isDigit(value[index]) {
        if number > (Int.max - 9) / 10 {
          tooLarge = true
        } else {
          number = number * 10 + Int(value[index] - 0x30)
        }
        digits += 1
        index += 1
      }
      guard digits > 0 else { return .bad("invalid Content-Length") }
      while index < value.count && isOWS(value[index]) { index += 1 }
      if index < value.count {
        guard value[index] == UInt8(ascii: ",") else { return .bad("invalid Content-Length") }
        index += 1
        guard index < value.count else { return .bad("invalid Content-Length") }
      }
      if framing.contentLengthSeen
        && (framing.contentLength != number || framing.contentLengthTooLarge != tooLarge)
      {
        return .bad("differing Content-Length values")
      }
      framing.contentLengthSeen = true
      framing.contentLength = number
      framing.contentLengthTooLarge = tooLarge
    } while index < value.count
    return nil
  }

  /// `uri-host [ ":" port ]`, or empty (RFC 9112 §3.2, RFC 3986 §3.2.2).
  private func isValidHost(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    if value.first == UInt8(ascii: "[") {
      index = 1
      while index < value.count && value[index] != UInt8(ascii: "]") {
        let byte = value[index]
        guard ByteClass.hexValue(byte) != nil || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
        else { return false }
        index += 1
      }
      guard index < value.count, index > 1 else { return false }
      index += 1
    } else {
      while index < value.count && value[index] != UInt8(ascii: ":") {
        let byte = value[index]
        if byte == UInt8(ascii: "%") {
          guard index + 2 < value.count, ByteClass.hexValue(value[index + 1]) != nil,
            ByteClass.hexValue(value[index + 2]) != nil
          else { return false }
          index += 3
          continue
        }
        guard ByteClass.regName[Int(byte)] else { return false }
        index += 1
      }
    }
    if index == value.count { return true }
    guard value[index] == UInt8(ascii: ":") else { return false }
    index += 1
    while index < value.count {
      guard ByteClass.isDigit(value[index]) else { return false }
      index += 1
    }
    return true
  }

  private func equalsLowercase(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ name: StaticString)
    -> Bool
  {
    let bytes = name.utf8Start
    for offset in 0..<range.count where asciiLowercased(input[range.lowerBound + offset]) != bytes[offset] {
      return false
    }
    return true
  }

  /// Host and framing checks once the head is complete (RFC 9112 §3.2, §6).
  private mutating func finishHead() -> Step {
    if framing.hostCount > 1 { return .failed(.bad("repeated Host")) }
    if framing.hostCount == 0 && version == .http1_1 { return .failed(.bad("missing Host")) }
    if framing.transferEncodingSeen {
      if framing.contentLengthSeen { return .failed(.bad("Transfer-Encoding with Content-Length")) }
      if framing.chunkedCount == 0 && !framing.otherCoding { return .failed(.bad("empty Transfer-Encoding")) }
      if framing.chunkedCount > 1 { return .failed(.bad("chunked applied twice")) }
      if framing.chunkedCount == 1 && !framing.lastIsChunked { return .failed(.bad("chunked is not last")) }
      if framing.otherCoding {
        return .failed(ParseError(.notImplemented, "unsupported transfer coding"))
      }
      stage = .chunkSize
      return .proceed
    }
    if framing.contentLengthSeen {
      if framing.contentLengthTooLarge || framing.contentLength > limits.maxBodySize {
        return .failed(ParseError(.payloadTooLarge, "body too large"))
      }
      if framing.contentLength > 0 {
        remaining = framing.contentLength
        body.reserveCapacity(min(remaining, 64 * 1024))
        stage = .body
        return .proceed
      }
    }
    return .complete
  }

  // MARK: body

  private mutating func parseBody(_ input: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Step {
    let count = min(remaining, input.count - position)
    if count > 0 {
      body.append(contentsOf: UnsafeBufferPointer(rebasing: input[position..<position + count]))
      position += count
      remaining -= count
    }
    return remaining == 0 ? .complete : .needMore
  }

  private mutating func parseChunkSize(_ input: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Step {
    let line = readLine(input, position, limit: limits.maxChunkLine)
    guard case .line(let range) = line else {
      return lineError(line, tooLong: .bad("chunk line too long"))
    }
    position = range.upperBound + 2
    guard let (size, tooLarge) = readChunkLine(input, range) else {
      return .failed(.bad("invalid chunk line"))
    }
    if size == 0 && !tooLarge {
      stage = .trailers
      sectionBytes = 0
      fieldCount = 0
      return .proceed
    }
    if tooLarge || size > limits.maxBodySize - body.count {
      return .failed(ParseError(.payloadTooLarge, "body too large"))
    }
    remaining = size
    stage = .chunkData
    return .proceed
  }

  /// `chunk-size [ chunk-ext ]` (RFC 9112 §7.1.1); nil when malformed.
  private func readChunkLine(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (Int, Bool)? {
    var index = range.lowerBound
    var size = 0
    var tooLarge = false
    while index < range.upperBound, let digit = ByteClass.hexValue(input[index]) {
      if size > (Int.max >> 4) - 1 { tooLarge = true } else { size = size << 4 | digit }
      index += 1
    }
    guard index > range.lowerBound else { return nil }
    let end = range.upperBound
    func skipBWS() { while index < end && isOWS(input[index]) { index += 1 } }
    while index < end {
      skipBWS()
      guard index < end, input[index] == UInt8(ascii: ";") else { return nil }
      index += 1
      skipBWS()
      let nameStart = index
      while index < end && ByteClass.token[Int(input[index])] { index += 1 }
      guard index > nameStart else { return nil }
      let afterName = index
      skipBWS()
      if index < end && input[index] == UInt8(ascii: "=") {
        index += 1
        skipBWS()
        guard index < end else { return nil }
        if input[index] == UInt8(ascii: "\"") {
          guard let after = quotedStringEnd(input, index, end) else { return nil }
          index = after
        } else {
          let valueStart = index
          while index < end && ByteClass.token[Int(input[index])] { index += 1 }
          guard index > valueStart else { return nil }
        }
      } else {
        index = afterName
      }
      // Whitespace is only allowed before another ";".
      let beforeSpace = index
      skipBWS()
      if index == end && index != beforeSpace { return nil }
    }
    return (size, tooLarge)
  }

  /// The index after the quoted-string starting at `start` (RFC 9110 §5.6.4).
  private func quotedStringEnd(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
    var index = start + 1
    while index < end {
      let byte = input[index]
      if byte == UInt8(ascii: "\"") { return index + 1 }
      if byte == UInt8(ascii: "\\") {
        index += 1
        guard index < end, ByteClass.fieldValue[Int(input[index])] else { return nil }
      } else if !ByteClass.fieldValue[Int(byte)] {
        return nil
      }
      index += 1
    }
    return nil
  }

  private mutating func parseChunkData(_ input: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Step {
    let count = min(remaining, input.count - position)
    if count > 0 {
      body.append(contentsOf: UnsafeBufferPointer(rebasing: input[position..<position + count]))
      position += count
      remaining -= count
    }
    if remaining > 0 { return .needMore }
    stage = .chunkDataEnd
    return .proceed
  }

  private mutating func parseChunkDataEnd(_ input: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Step
  {
    let available = input.count - position
    if available >= 1 && input[position] != ByteClass.cr {
      return .failed(.bad("chunk data not followed by CRLF"))
    }
    if available >= 2 && input[position + 1] != ByteClass.lf {
      return .failed(.bad("chunk data not followed by CRLF"))
    }
    guard available >= 2 else { return .needMore }
    position += 2
    stage = .chunkSize
    return .proceed
  }

  // MARK: completion

  private mutating func finishRequest() -> Request {
    var request = Request(method: method, target: target, version: version, headers: headers, body: body)
    request.trailers = trailers
    self = RequestParser(limits: limits)
    return request
  }

  /// Whether the connection must close after the request just returned: the parser's own view
  /// (HTTP/1.0 with Transfer-Encoding is processed and then closed, RFC 9112 §6.1).
  static func mustClose(after request: Request) -> Bool {
    !request.keepAlive || (request.version == .http1_0 && request.headers.contains("Transfer-Encoding"))
  }
}
