/// One client connection, owned by the event loop that accepted it (never touched by another thread).
final class Connection {
  let fd: Int32
  let remoteAddress: String
  var parser: RequestParser

  /// Received bytes not yet consumed by the parser (a partial line, or requests waiting behind output).
  var inbound: [UInt8] = []
  /// Bytes queued for the client; `outboundOffset` of them are already written.
  var outbound: [UInt8] = []
  var outboundOffset = 0
  /// A large response body queued after `outbound` and sent from its own storage instead of being copied into
  /// it; `bodyOffset` of it is written. Anything queued later goes after it (`EventLoop.beginOutput` moves it
  /// into `outbound` first).
  var body: [UInt8] = []
  var bodyOffset = 0
  /// A streamed response body still being sent.
  var stream: (ResponseStream, ResponseSerializer.StreamFraming)?
  var streamRemaining = 0
  /// The stream had nothing to give last time; it is polled again by the loop's sweep, not on writability.
  var streamWaiting = false

  /// Close once everything queued is written.
  var closeAfterFlush = false
  /// The client closed its side; nothing more will be read.
  var readClosed = false
  /// Parsing stopped because of queued output or a running stream; `inbound` may hold more requests.
  var stalled = false
  var continueSent = false
  /// Whether any byte has arrived on this connection yet.
  var receivedAny = false
  /// The epoll interest currently registered.
  var interest: UInt32 = 0

  /// When the current request's first byte arrived, when any byte last arrived, when output last moved.
  var requestStart: Int64 = 0
  var lastActivity: Int64
  var lastWriteProgress: Int64 = 0

  init(fd: Int32, remoteAddress: String, limits: RequestParser.Limits, now: Int64) {
    self.fd = fd
    self.remoteAddress = remoteAddress
    self.parser = RequestParser(limits: limits)
    self.lastActivity = now
  }

  var pendingOutput: Int { outbound.count - outboundOffset + body.count - bodyOffset }

  /// Whether part of a request head has been received.
  var hasPartialHead: Bool {
    !parser.isReadingBody && (!inbound.isEmpty || parser.hasConsumedPartialRequest)
  }

  /// Nothing received, nothing to send: an idle keep-alive connection.
  var isIdle: Bool {
    inbound.isEmpty && !parser.hasConsumedPartialRequest && pendingOutput == 0 && stream == nil
  }
}
