import FuzzSupport

@testable import HTTP

/// The request parser fed the input whole and in random-sized pieces (the way a connection receives it), with
/// the default limits and with small ones: both feeds must give the same requests, the same error and the same
/// unconsumed bytes, and every request must be one the parser may accept.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = fuzzBytes(start, count)
  for limits in [RequestParser.Limits(), smallLimits] {
    let whole = ParserRun(bytes: bytes, pieces: [bytes.count], limits: limits)
    let split = ParserRun(bytes: bytes, pieces: PieceSizes(seed: bytes), limits: limits)
    fuzzRequire(whole.events == split.events, "whole and split feeds differ:\n\(whole)\n---\n\(split)")
    // After a failure the connection closes: what was left unread does not matter.
    fuzzRequire(
      whole.failed || whole.rest == split.rest, "whole and split feeds leave different bytes unconsumed")
    fuzzRequire(whole.stage == split.stage, "whole and split feeds end in different stages")
    for case .request(let request) in whole.events {
      checkRequest(request, limits)
    }
  }
  return 0
}

private let smallLimits = RequestParser.Limits(
  maxRequestLine: 64, maxHeaderBytes: 256, maxHeaderCount: 8, maxBodySize: 512, maxChunkLine: 32)

/// What one feed produced.
private struct ParserRun: CustomStringConvertible {
  enum Event: Equatable {
    case request(Parsed)
    case failure(ParseError)
  }

  var events: [Event] = []
  var rest: [UInt8] = []
  var stage = RequestParser.Stage.requestLine
  var failed: Bool {
    if case .failure = events.last { return true }
    return false
  }

  /// Feeds `bytes` in pieces of the given sizes the way `EventLoop.process` does: unconsumed bytes are kept and
  /// the next piece is appended to them; a failure ends the connection.
  init(bytes: [UInt8], pieces: some Sequence<Int>, limits: RequestParser.Limits) {
    var parser = RequestParser(limits: limits)
    var offset = 0
    var sizes = pieces.makeIterator()
    feeding: while offset < bytes.count, let size = sizes.next() {
      let end = min(bytes.count, offset + size)
      rest += bytes[offset..<end]
      offset = end
      var position = 0
      let input = rest
      parsing: while true {
        let outcome = input.withUnsafeBufferPointer { parser.parse($0, &position) }
        switch outcome {
        case .request(let request): events.append(.request(Parsed(request)))
        case .needMore: break parsing
        case .failure(let error):
          events.append(.failure(error))
          break feeding
        }
      }
      rest = Array(input[position...])
    }
    stage = parser.stage
  }

  var description: String {
    events.map { "\($0)" }.joined(separator: "\n") + "\nrest: \(rest.count) bytes, stage \(stage)"
  }
}

/// The parts of a request the parser fills in.
private struct Parsed: Equatable {
  var method: String
  var target: String
  var version: HTTPVersion
  var headers: HTTPHeaders
  var trailers: HTTPHeaders
  var body: [UInt8]
  var request: Request

  init(_ request: Request) {
    method = request.method.rawValue
    target = request.target
    version = request.version
    headers = request.headers
    trailers = request.trailers
    body = request.body
    self.request = request
  }

  static func == (lhs: Parsed, rhs: Parsed) -> Bool {
    lhs.method == rhs.method && lhs.target == rhs.target && lhs.version == rhs.version
      && lhs.headers == rhs.headers && lhs.trailers == rhs.trailers && lhs.body == rhs.body
  }
}

private func checkRequest(_ parsed: Parsed, _ limits: RequestParser.Limits) {
  let request = parsed.request
  fuzzRequire(!parsed.method.isEmpty && parsed.method.utf8.allSatisfy { ByteClass.token[Int($0)] }, "method")
  fuzzRequire(request.version == .http1_0 || request.version == .http1_1, "version \(request.version)")
  fuzzRequire(
    !parsed.target.isEmpty && parsed.target.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F },
    "target \(parsed.target.debugDescription)")
  fuzzRequire(parsed.body.count <= limits.maxBodySize, "body over the limit")
  fuzzRequire(parsed.headers.count <= limits.maxHeaderCount, "more header fields than the limit")
  for (name, value) in Array(parsed.headers) + Array(parsed.trailers) {
    fuzzRequire(!name.isEmpty && name.utf8.allSatisfy { ByteClass.token[Int($0)] }, "field name \(name)")
    fuzzRequire(
      value.unicodeScalars.allSatisfy { $0.value == 0x09 || ($0.value >= 0x20 && $0.value != 0x7F) },
      "control character in field value \(value.debugDescription)")
    fuzzRequire(
      value.unicodeScalars.first.map { $0 != " " && $0 != "\t" } ?? true
        && value.unicodeScalars.last.map { $0 != " " && $0 != "\t" } ?? true,
      "field value not trimmed: \(value.debugDescription)")
  }
  let hosts = parsed.headers.values(for: "Host").count
  fuzzRequire(hosts <= 1 && (hosts == 1 || request.version == .http1_0), "Host fields: \(hosts)")
  let chunked = parsed.headers.contains("Transfer-Encoding")
  if chunked {
    fuzzRequire(!parsed.headers.contains("Content-Length"), "Transfer-Encoding with Content-Length accepted")
  } else {
    fuzzRequire(parsed.trailers.isEmpty, "trailers without chunked framing")
    if let length = parsed.headers["Content-Length"] {
      let first = length.split(separator: ",").first.map { $0.trimmingOWS() } ?? ""
      fuzzRequire(
        Int(first) == parsed.body.count, "body of \(parsed.body.count) bytes, Content-Length \(length)")
    } else {
      fuzzRequire(parsed.body.isEmpty, "a body without Content-Length or chunked")
    }
  }
  // What handlers do with a request must not trap either.
  fuzzRequire(!request.path.isEmpty, "empty path")
  _ = request.keepAlive
  _ = RequestParser.mustClose(after: request)
  _ = try? request.queryParameters()
  _ = request.cookies
}
