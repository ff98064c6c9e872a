@testable import HTTP

/// Feeds bytes to a `RequestParser` in pieces of `pieceSize`, like a connection would, and records what
/// came out.
struct ParserRun: Equatable {
  enum End: Equatable {
    /// The parser wants more bytes; `partial` says whether part of a request was already received.
    case needMore(partial: Bool)
    case failed(status: Int)
    /// The last request asked to close the connection; parsing stopped there.
    case closed
  }

  var requests: [ParsedSummary] = []
  var end: End = .needMore(partial: false)
  var parsed: [Request] = []

  static func == (lhs: ParserRun, rhs: ParserRun) -> Bool {
    lhs.requests == rhs.requests && lhs.end == rhs.end
  }

  init(_ bytes: [UInt8], pieceSize: Int, limits: RequestParser.Limits = .init()) {
    var parser = RequestParser(limits: limits)
    var buffer: [UInt8] = []
    var offset = 0
    while offset < bytes.count {
      let next = min(bytes.count, offset + pieceSize)
      buffer.append(contentsOf: bytes[offset..<next])
      offset = next
      var position = 0
      var stop = false
      buffer.withUnsafeBufferPointer { input in
        while true {
          switch parser.parse(input, &position) {
          case .request(let request):
            parsed.append(request)
            requests.append(ParsedSummary(request))
            if RequestParser.mustClose(after: request) {
              end = .closed
              stop = true
              return
            }
          case .needMore:
            return
          case .failure(let error):
            end = .failed(status: error.status.code)
            stop = true
            return
          }
        }
      }
      if stop { return }
      buffer.removeFirst(position)
    }
    end = .needMore(partial: !buffer.isEmpty || parser.hasConsumedPartialRequest)
  }
}

/// The parts of a request the corpus describes. Strings are compared as the parser builds them from
/// bytes (`makeString`: UTF-8 when valid, else one character per byte).
struct ParsedSummary: Equatable, CustomStringConvertible {
  var method: String
  var target: String
  var version: String
  var headers: [[String]]
  var trailers: [[String]]
  var body: [UInt8]

  init(_ request: Request) {
    method = request.method.rawValue
    target = request.target
    version = "HTTP/\(request.version.major).\(request.version.minor)"
    headers = request.headers.map { [$0.name, $0.value] }
    trailers = request.trailers.map { [$0.name, $0.value] }
    body = request.body
  }

  init(
    method: String, target: String, version: String, headers: [[String]], trailers: [[String]], body: [UInt8]
  ) {
    self.method = method
    self.target = target
    self.version = version
    self.headers = headers
    self.trailers = trailers
    self.body = body
  }

  var description: String {
    "\(method) \(target) \(version) headers=\(headers) trailers=\(trailers) body=\(body.count)B"
  }
}
