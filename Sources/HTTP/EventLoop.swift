import CEpoll
import Glibc

/// Shared between the server object and its loop threads: shutdown requests and loop completion.
final class ServerControl: Sendable {
  struct State {
    var shuttingDown = false
    var force = false
    var finishedLoops = 0
  }

  let state = Locked(State())
}

/// Everything a loop thread needs to build its `EventLoop`; only Sendable values cross the thread boundary.
struct LoopSetup: Sendable {
  let index: Int
  let listeners: [Int32]
  let wakeFd: Int32
  let epollFd: Int32
  let configuration: ServerConfiguration
  let responder: any HTTPResponder
  let control: ServerControl
  let metrics: LoopMetrics?
  let gauge: ConnectionGauge
}

/// One event-loop thread: an epoll instance, its listening sockets and the connections it accepted.
/// Handlers run synchronously on this thread.
final class EventLoop {
  private static let wakeTag: UInt64 = 1 << 41
  private static let listenerTag: UInt64 = 1 << 40
  private static let readCapacity = 64 * 1024
  private static let streamBatch = 64 * 1024
  /// A byte body at least this long is sent from its own storage rather than copied behind the head.
  static let separateBodyMinimum = 8 * 1024

  private let index: Int
  private let configuration: ServerConfiguration
  private let responder: any HTTPResponder
  private let control: ServerControl
  private let metrics: LoopMetrics?
  private let gauge: ConnectionGauge
  private let limits: RequestParser.Limits
  private let epfd: Int32
  private let wakeFd: Int32
  private var listeners: [Int32]

  private var connections: [Connection?] = []
  private var connectionCount = 0
  private let readBuffer: UnsafeMutablePointer<UInt8>
  private var spare: [UInt8] = []
  private var peer = [CChar](repeating: 0, count: 80)

  private var now: Int64
  private var lastSweep: Int64
  private var wallSecond = -1
  private var dateBytes: [UInt8] = []
  private var log: AccessLog
  private var acceptPausedUntil: Int64?
  private var lastLimitNotice: Int64?
  private var draining = false
  private var drainDeadline: Int64 = 0

  private let headerTimeout: Int64
  private let idleTimeout: Int64
  private let bodyTimeout: Int64
  private let writeTimeout: Int64
  /// `100 Continue` with `configuration.responseHeaders`.
  private let continueBytes: [UInt8]
  /// `configuration.responseHeaders`, for every response the loop writes.
  private let defaultFields: DefaultHeaderFields

  init(_ setup: LoopSetup) {
    index = setup.index
    configuration = setup.configuration
    responder = setup.responder
    control = setup.control
    metrics = setup.metrics
    gauge = setup.gauge
    listeners = setup.listeners
    wakeFd = setup.wakeFd
    limits = RequestParser.Limits(
      maxRequestLine: configuration.maxRequestLine, maxHeaderBytes: configuration.maxHeaderBytes,
      maxHeaderCount: configuration.maxHeaderCount, maxBodySize: configuration.maxBodySize)
    epfd = setup.epollFd
    readBuffer = .allocate(capacity: Self.readCapacity)
    now = MonotonicClock.milliseconds()
    lastSweep = now
    log = AccessLog(enabled: configuration.accessLog)
    headerTimeout = configuration.headerTimeout.milliseconds
    idleTimeout = configuration.idleTimeout.milliseconds
    bodyTimeout = configuration.bodyTimeout.milliseconds
    writeTimeout = configuration.writeTimeout.milliseconds
    continueBytes = ResponseSerializer.interim(.continue, headers: setup.configuration.responseHeaders)
    defaultFields = DefaultHeaderFields(setup.configuration.responseHeaders)
  }

  deinit {
    readBuffer.deallocate()
  }

  func run() {
    _ = cepoll_add(epfd, wakeFd, UInt32(CEPOLL_IN), Self.wakeTag)
    for (position, listener) in listeners.enumerated() {
      _ = cepoll_add(epfd, listener, UInt32(CEPOLL_IN), Self.listenerTag | UInt64(position))
    }
    tick()
    checkControl()
    let turn = Int32(min(max(configuration.eventsPerTurn, 1), 256))
    var events = [cepoll_event](repeating: cepoll_event(), count: Int(turn))
    while !(draining && connectionCount == 0) {
      let count = events.withUnsafeMutableBufferPointer { cepoll_wait(epfd, $0.baseAddress, turn, 100) }
      if count < 0 {
        StandardStreams.error("event loop \(index): epoll_wait failed (errno \(errno)); stopping")
        break
      }
      tick()
      for position in 0..<Int(count) {
        dispatch(events[position])
      }
      if now - lastSweep >= 100 { sweep() }
      log.flushIfDue(now: now)
    }
    log.flush()
    for case let connection? in connections { closeConnection(connection) }
    for listener in listeners { close(listener) }
    listeners = []
    close(epfd)
    close(wakeFd)
  }

  private func tick() {
    now = MonotonicClock.milliseconds()
    let second = MonotonicClock.wallSeconds()
    if second != wallSecond {
      wallSecond = second
      dateBytes = HTTPDate.formatBytes(second)
    }
  }

  private func dispatch(_ event: cepoll_event) {
    let data = event.data
    if data == Self.wakeTag {
      cepoll_eventfd_drain(wakeFd)
      checkControl()
      return
    }
    if data & Self.listenerTag != 0 {
      let position = Int(data & 0xFFFF)
      if position < listeners.count { acceptConnections(listeners[position]) }
      return
    }
    let fd = Int(data)
    guard fd < connections.count, let connection = connections[fd] else { return }
    let flags = event.events
    if flags & UInt32(CEPOLL_IN | CEPOLL_HUP | CEPOLL_ERR) != 0 {
      readFrom(connection)
    }
    if flags & UInt32(CEPOLL_OUT) != 0, connections[fd] === connection {
      service(connection)
    }
  }

  // MARK: control and timers

  private func checkControl() {
    let (shuttingDown, force) = control.state.withLock { ($0.shuttingDown, $0.force) }
    if shuttingDown && !draining {
      draining = true
      drainDeadline = now + configuration.shutdownGrace.milliseconds
      for listener in listeners {
        _ = cepoll_remove(epfd, listener)
        close(listener)
      }
      listeners = []
      sweep()
    }
    if force && draining {
      drainDeadline = now
      sweep()
    }
  }

  private func sweep() {
    lastSweep = now
    if let until = acceptPausedUntil, now >= until {
      acceptPausedUntil = nil
      for (position, listener) in listeners.enumerated() {
        _ = cepoll_modify(epfd, listener, UInt32(CEPOLL_IN), Self.listenerTag | UInt64(position))
      }
    }
    for case let connection? in connections {
      if draining && now >= drainDeadline {
        closeConnection(connection, abort: connection.pendingOutput > 0 || connection.stream != nil)
      } else if connection.streamWaiting {
        service(connection)
      } else if connection.pendingOutput > 0 || connection.stream != nil {
        if now - connection.lastWriteProgress > writeTimeout { closeConnection(connection, abort: true) }
      } else if connection.parser.isReadingBody {
        if now - connection.lastActivity > bodyTimeout {
          failRequest(connection, .requestTimeout, "body timeout")
        }
      } else if connection.hasPartialHead {
        if now - connection.requestStart > headerTimeout {
          failRequest(connection, .requestTimeout, "header timeout")
        }
      } else if draining || connection.closeAfterFlush
        || now - connection.lastActivity > (connection.receivedAny ? idleTimeout : headerTimeout)
      {
        // A connection that never sent a byte gets the header timeout, not the keep-alive one: otherwise silent
        // connections could hold every place under maxConnections for a whole idle timeout.
        closeConnection(connection)
      }
    }
  }

  // MARK: accepting

  private func acceptConnections(_ listener: Int32) {
    for _ in 0..<64 {
      let fd = peer.withUnsafeMutableBufferPointer { cepoll_accept(listener, $0.baseAddress, 80) }
      if fd < 0 {
        let error = errno
        if error == EAGAIN || error == EWOULDBLOCK { return }
        if error == EINTR || error == ECONNABORTED || error == EPROTO { continue }
        pauseAccepting(error)
        return
      }
      if draining {
        close(fd)
        continue
      }
      guard gauge.tryOpen() else {
        refuse(fd)
        continue
      }
      _ = cepoll_set_nodelay(fd)
      let address = peer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
      let connection = Connection(fd: fd, remoteAddress: address, limits: limits, now: now)
      let slot = Int(fd)
      if slot >= connections.count {
        connections.append(contentsOf: repeatElement(nil, count: slot + 1 - connections.count + 64))
      }
      connections[slot] = connection
      connectionCount += 1
      metrics?.connectionOpened(openNow: connectionCount)
      connection.interest = UInt32(CEPOLL_IN)
      _ = cepoll_add(epfd, fd, connection.interest, UInt64(fd))
    }
  }

  /// Past `maxConnections`: a 503 written straight to the new socket (a few hundred bytes always fit its empty send
  /// buffer, so nothing is queued and the loop never waits), then closed. The request is never parsed; bytes that
  /// already arrived are discarded first so that closing sends FIN, not a reset that could destroy the 503.
  private func refuse(_ fd: Int32) {
    var response = Response.text(
      "Service Unavailable: too many connections, retry shortly\n", status: .serviceUnavailable)
    response.headers.add(name: "Retry-After", value: "2")
    var keepAlive = false
    var bytes: [UInt8] = []
    _ = ResponseSerializer.serialize(
      response, method: nil, version: .http1_1, keepAlive: &keepAlive, date: dateBytes,
      defaults: defaultFields, into: &bytes)
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
    shutdown(fd, Int32(SHUT_WR))
    var reads = 0
    while reads < 4 && recv(fd, readBuffer, Self.readCapacity, Int32(MSG_DONTWAIT)) > 0 { reads += 1 }
    close(fd)
    metrics?.recordRejected(status: HTTPStatus.serviceUnavailable.code)
    if lastLimitNotice.map({ now - $0 >= 10_000 }) ?? true {
      lastLimitNotice = now
      StandardStreams.error(
        "event loop \(index): \(gauge.limit) connections open (maxConnections); answering new ones 503")
    }
    log.record(
      wallSecond: wallSecond, method: "-", target: "-", status: HTTPStatus.serviceUnavailable.code,
      bytes: bytes.count, microseconds: 0)
  }

  /// Out of descriptors (or memory): stop watching the listeners for a moment instead of spinning on them.
  private func pauseAccepting(_ error: Int32) {
    if acceptPausedUntil == nil {
      StandardStreams.error("accept failed (errno \(error)); pausing accepts for 100 ms")
    }
    acceptPausedUntil = now + 100
    for listener in listeners { _ = cepoll_modify(epfd, listener, 0, 0) }
  }

  // MARK: reading and parsing

  private func readFrom(_ connection: Connection) {
    guard !connection.readClosed else {
      closeConnection(connection)
      return
    }
    let count = recv(connection.fd, readBuffer, Self.readCapacity, 0)
    if count > 0 {
      if !connection.hasPartialHead && !connection.parser.isReadingBody { connection.requestStart = now }
      connection.lastActivity = now
      connection.receivedAny = true
      if connection.inbound.isEmpty {
        process(connection, UnsafeBufferPointer(start: readBuffer, count: count))
      } else {
        connection.inbound.append(contentsOf: UnsafeBufferPointer(start: readBuffer, count: count))
        processInbound(connection)
      }
      if isOpen(connection) { service(connection) }
    } else if count == 0 {
      // The client finished sending; answer what it already sent, then close (see updateInterest).
      connection.readClosed = true
      if connection.pendingOutput == 0 && connection.stream == nil && !connection.stalled {
        closeConnection(connection)
      } else {
        service(connection)
      }
    } else if errno != EAGAIN && errno != EINTR {
      closeConnection(connection)
    }
  }

  private func processInbound(_ connection: Connection) {
    let buffered = connection.inbound
    connection.inbound = []
    buffered.withUnsafeBufferPointer { process(connection, $0) }
  }

  /// Parses and answers the requests in `input` until it runs out, output backs up, or a stream starts.
  /// Unconsumed bytes go to `connection.inbound`.
  private func process(_ connection: Connection, _ input: UnsafeBufferPointer<UInt8>) {
    var position = 0
    connection.stalled = false
    parsing: while !connection.closeAfterFlush {
      if connection.stream != nil || connection.pendingOutput >= configuration.maxOutputBuffer {
        connection.stalled = true
        break
      }
      switch connection.parser.parse(input, &position) {
      case .request(let request):
        handle(connection, request)
        connection.requestStart = now
      case .needMore:
        let parser = connection.parser
        if parser.isReadingBody && parser.expectsContinue && parser.version == .http1_1
          && !connection.continueSent
        {
          beginOutput(connection)
          connection.outbound.append(contentsOf: continueBytes)
          connection.continueSent = true
        }
        break parsing
      case .failure(let error):
        failRequest(connection, error.status, error.reason)
        break parsing
      }
    }
    if position < input.count && !connection.closeAfterFlush {
      connection.inbound = Array(input[position...])
    } else {
      connection.inbound = []
    }
  }

  // MARK: responding

  private func handle(_ connection: Connection, _ parsed: Request) {
    var request = parsed
    request.remoteAddress = connection.remoteAddress
    request.eventLoopIndex = index
    let timed = log.enabled || metrics != nil
    let started = timed ? MonotonicClock.microseconds() : 0
    var route: String?
    var response: Response
    do {
      response = try responder.respond(to: request, route: &route)
    } catch let error as HTTPError {
      // A 500's message describes a fault inside the server: it goes to stderr, the client gets the generic page.
      let isInternal = error.status.code == 500
      if isInternal && !error.message.isEmpty {
        StandardStreams.error("error answering \(request.method) \(request.target): \(error)")
      }
      response = errorResponse(error.status, isInternal ? "" : error.message, request)
      for field in error.headers { response.headers.replaceOrAdd(name: field.name, value: field.value) }
    } catch {
      StandardStreams.error("error answering \(request.method) \(request.target): \(error)")
      response = errorResponse(.internalServerError, "", request)
    }
    if let notModified = ConditionalRequest.notModified(for: request, response) { response = notModified }
    var keepAlive = !RequestParser.mustClose(after: request) && !draining
    beginOutput(connection)
    let before = connection.outbound.count
    var body: [UInt8] = []
    let stream = ResponseSerializer.serialize(
      response, method: request.method, version: request.version, keepAlive: &keepAlive, date: dateBytes,
      defaults: defaultFields, into: &connection.outbound, body: &body)
    if body.count >= Self.separateBodyMinimum {
      connection.body = body  // empty before: beginOutput moved any earlier one into outbound
    } else {
      connection.outbound.append(contentsOf: body)
    }
    if let stream {
      connection.stream = stream
      if case .fixedLength(let length) = stream.1 { connection.streamRemaining = length }
    }
    if !keepAlive { connection.closeAfterFlush = true }
    connection.continueSent = false
    guard timed else { return }
    let elapsed = MonotonicClock.microseconds() - started
    metrics?.record(method: request.method, route: route, status: response.status.code, microseconds: elapsed)
    if log.enabled {
      log.record(
        wallSecond: wallSecond, method: request.method.rawValue, target: request.target,
        status: response.status.code,
        bytes: stream == nil ? connection.outbound.count - before + connection.body.count : nil,
        microseconds: elapsed)
    }
  }

  private func errorResponse(_ status: HTTPStatus, _ message: String, _ request: Request?) -> Response {
    if let page = configuration.errorPage { return page(status, message, request) }
    return .text(message.isEmpty ? status.reasonPhrase : message, status: status)
  }

  /// Answers a request that cannot be served (parse error, timeout) and closes the connection after it.
  private func failRequest(_ connection: Connection, _ status: HTTPStatus, _ reason: String) {
    var keepAlive = false
    let response = errorResponse(status, "\(status.reasonPhrase): \(reason)", nil)
    beginOutput(connection)
    let before = connection.outbound.count
    _ = ResponseSerializer.serialize(
      response, method: nil, version: .http1_1, keepAlive: &keepAlive, date: dateBytes,
      defaults: defaultFields,
      into: &connection.outbound)
    connection.closeAfterFlush = true
    connection.inbound = []
    metrics?.recordRejected(status: status.code)
    log.record(
      wallSecond: wallSecond, method: "-", target: "-", status: status.code,
      bytes: connection.outbound.count - before, microseconds: 0)
    service(connection)
  }

  /// Gives the connection an output buffer (the loop's spare one when it has none) before bytes are queued, and
  /// moves a body still waiting to be sent into it, so that what is queued now goes out after it.
  private func beginOutput(_ connection: Connection) {
    if connection.pendingOutput == 0 {
      connection.lastWriteProgress = now
      if connection.outbound.capacity == 0 {
        connection.outbound = spare
        spare = []
      }
    } else if !connection.body.isEmpty {
      connection.outbound.append(contentsOf: connection.body[connection.bodyOffset...])
      connection.body = []
      connection.bodyOffset = 0
    }
  }

  // MARK: writing

  /// Writes queued output, pulls streams, resumes parsing once output drained, and updates epoll interest.
  private func service(_ connection: Connection) {
    var rounds = 0
    while rounds < 16 {
      rounds += 1
      guard write(connection) else { return }
      if connection.pendingOutput == 0, connection.stream != nil {
        guard pump(connection) else { return }
        if connection.pendingOutput > 0 { continue }
        if connection.streamWaiting { break }
      }
      if connection.pendingOutput == 0 && connection.stream == nil {
        if connection.closeAfterFlush {
          closeConnection(connection)
          return
        }
        if connection.stalled {
          if connection.inbound.isEmpty {
            connection.stalled = false
          } else {
            processInbound(connection)
            continue
          }
        }
      }
      break
    }
    updateInterest(connection)
  }

  /// One write of what is queued (the output buffer, then a separate body); false when the connection had to be
  /// closed.
  private func write(_ connection: Connection) -> Bool {
    guard connection.pendingOutput > 0 else { return true }
    let offset = connection.outboundOffset
    let queued = connection.outbound.count - offset
    let written = connection.outbound.withUnsafeBytes { raw in
      let head = raw.baseAddress.map { $0 + offset }
      guard !connection.body.isEmpty else { return send(connection.fd, head, queued, Int32(MSG_NOSIGNAL)) }
      let bodyOffset = connection.bodyOffset
      return connection.body.withUnsafeBytes { body in
        cepoll_send2(connection.fd, head, queued, body.baseAddress! + bodyOffset, body.count - bodyOffset)
      }
    }
    if written > 0 {
      let fromOutbound = min(written, queued)
      connection.outboundOffset += fromOutbound
      connection.bodyOffset += written - fromOutbound
      connection.lastWriteProgress = now
      if connection.pendingOutput == 0 { releaseOutput(connection) }
      return true
    }
    if written < 0 && (errno == EAGAIN || errno == EINTR) { return true }
    closeConnection(connection)
    return false
  }

  /// Hands a drained output buffer back to the loop so idle connections hold no buffers.
  private func releaseOutput(_ connection: Connection) {
    connection.outboundOffset = 0
    connection.body = []
    connection.bodyOffset = 0
    if spare.capacity == 0 && connection.outbound.capacity <= 4 * configuration.maxOutputBuffer {
      connection.outbound.removeAll(keepingCapacity: true)
      spare = connection.outbound
    }
    connection.outbound = []
  }

  /// Pulls stream chunks into the output; false when the connection had to be closed.
  private func pump(_ connection: Connection) -> Bool {
    guard let (stream, framing) = connection.stream else { return true }
    beginOutput(connection)
    var pulls = 0
    connection.streamWaiting = false
    while connection.pendingOutput < Self.streamBatch {
      if pulls == 64 {
        if connection.pendingOutput == 0 {
          connection.streamWaiting = true
          connection.lastWriteProgress = now
        }
        return true
      }
      pulls += 1
      let next: [UInt8]?
      do {
        next = try stream.next()
      } catch {
        StandardStreams.error("response stream failed: \(error)")
        closeConnection(connection)
        return false
      }
      guard let chunk = next else {
        switch framing {
        case .chunked: connection.outbound.append(contentsOf: ResponseSerializer.lastChunk)
        case .fixedLength: if connection.streamRemaining > 0 { connection.closeAfterFlush = true }
        case .closeDelimited: connection.closeAfterFlush = true
        }
        connection.stream = nil
        return true
      }
      if chunk.isEmpty { continue }
      switch framing {
      case .chunked:
        ResponseSerializer.appendChunk(chunk, to: &connection.outbound)
      case .closeDelimited:
        connection.outbound.append(contentsOf: chunk)
      case .fixedLength:
        let count = min(chunk.count, connection.streamRemaining)
        connection.outbound.append(contentsOf: chunk[0..<count])
        connection.streamRemaining -= count
        if connection.streamRemaining == 0 {
          connection.stream = nil
          return true
        }
      }
    }
    return true
  }

  private func updateInterest(_ connection: Connection) {
    var wanted: UInt32 = 0
    if !connection.readClosed && !connection.stalled && !connection.closeAfterFlush {
      wanted |= UInt32(CEPOLL_IN)
    }
    if connection.pendingOutput > 0 || (connection.stream != nil && !connection.streamWaiting) {
      wanted |= UInt32(CEPOLL_OUT)
    }
    if wanted == 0 && connection.readClosed {
      closeConnection(connection)
      return
    }
    if wanted != connection.interest {
      connection.interest = wanted
      _ = cepoll_modify(epfd, connection.fd, wanted, UInt64(connection.fd))
    }
  }

  private func isOpen(_ connection: Connection) -> Bool {
    let slot = Int(connection.fd)
    return slot < connections.count && connections[slot] === connection
  }

  /// `abort` resets the connection so the kernel drops unsent output (for clients that stopped reading).
  private func closeConnection(_ connection: Connection, abort: Bool = false) {
    guard isOpen(connection) else { return }
    connections[Int(connection.fd)] = nil
    connectionCount -= 1
    gauge.closed()
    metrics?.connectionClosed(openNow: connectionCount)
    if abort { _ = cepoll_abort(connection.fd) } else { close(connection.fd) }
    connection.stream = nil
  }
}
