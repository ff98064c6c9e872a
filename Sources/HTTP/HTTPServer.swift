import CEpoll
import Glibc

public struct ServerError: Error, CustomStringConvertible, Sendable {
  public var description: String
}

/// The HTTP/1.1 server: `eventLoops` threads, each with its own epoll instance and SO_REUSEPORT listeners.
public final class HTTPServer: Sendable {
  public let configuration: ServerConfiguration
  private let responder: any HTTPResponder
  private let control = ServerControl()
  private let started = Locked(StartState())

  private struct StartState {
    var started = false
    var port = 0
    var loops = 0
    var wakeFds: [Int32] = []
    var gauge: ConnectionGauge?
  }

  public init(configuration: ServerConfiguration, responder: any HTTPResponder) {
    self.configuration = configuration
    self.responder = responder
  }

  /// The port listened on (useful with port 0); 0 before `start()`.
  public var boundPort: Int { started.withLock { $0.port } }

  /// Connections open now, all loops together; 0 before `start()`.
  public var openConnections: Int { started.withLock { $0.gauge }?.count ?? 0 }

  /// The `maxConnections` in force (the configured one, or the default derived at start); 0 before `start()`.
  public var connectionLimit: Int { started.withLock { $0.gauge }?.limit ?? 0 }

  /// Binds (throwing a clear error if the address is taken) and starts the loop threads.
  public func start() throws {
    try started.withLock { state in
      guard !state.started else { throw ServerError(description: "server already started") }
      let descriptorLimit = cepoll_raise_fd_limit()
      let gauge = ConnectionGauge(
        limit: configuration.maxConnections
          ?? ServerConfiguration.defaultMaxConnections(
            descriptorLimit: descriptorLimit > 0 ? descriptorLimit : 1024))
      signal(SIGPIPE, SIG_IGN)
      let loopCount = max(1, configuration.eventLoops)
      let hosts = configuration.host == "localhost" ? ["127.0.0.1", "::1"] : [configuration.host]
      var port = configuration.port
      if port != 0 { try checkAvailable(hosts[0], port) }
      var listenersPerLoop = [[Int32]](repeating: [], count: loopCount)
      do {
        for (hostIndex, host) in hosts.enumerated() {
          for loop in 0..<loopCount {
            let fd = cepoll_listen(host, Int32(port), 1, 1024)
            if fd < 0 {
              if hostIndex > 0 && configuration.host == "localhost" { break }  // no IPv6 loopback here
              throw ServerError(description: "cannot listen on \(host) port \(port): \(errorText(-fd))")
            }
            listenersPerLoop[loop].append(fd)
            if port == 0 { port = Int(cepoll_local_port(fd)) }
          }
        }
      } catch {
        for fd in listenersPerLoop.joined() { close(fd) }
        throw error
      }
      var wakeFds: [Int32] = []
      let loopMetrics = configuration.metrics?.makeLoops(loopCount)
      for loop in 0..<loopCount {
        let wakeFd = cepoll_eventfd()
        let epollFd = cepoll_create()
        guard wakeFd >= 0, epollFd >= 0 else {
          let error = errno
          for fd in listenersPerLoop[loop...].joined() { close(fd) }
          if wakeFd >= 0 { close(wakeFd) }
          if epollFd >= 0 { close(epollFd) }
          state = StartState(started: true, port: port, loops: loop, wakeFds: wakeFds, gauge: gauge)
          throw ServerError(description: "cannot create event loop: \(errorText(error))")
        }
        wakeFds.append(wakeFd)
        let setup = LoopSetup(
          index: loop, listeners: listenersPerLoop[loop], wakeFd: wakeFd, epollFd: epollFd,
          configuration: configuration, responder: responder, control: control, metrics: loopMetrics?[loop],
          gauge: gauge)
        try spawnLoop(setup)
      }
      state = StartState(started: true, port: port, loops: loopCount, wakeFds: wakeFds, gauge: gauge)
    }
  }

  /// Graceful: stop accepting, close idle connections, let requests in flight finish (bounded by
  /// `shutdownGrace`), then end the loops. Calling it again forces the remaining connections closed.
  public func shutdown() {
    control.state.update { state in
      if state.shuttingDown { state.force = true }
      state.shuttingDown = true
    }
    for fd in started.withLock({ $0.wakeFds }) { _ = cepoll_eventfd_signal(fd) }
  }

  /// Blocks until every loop has ended (returns at once if the server never started).
  public func wait() {
    let loops = started.withLock { $0.loops }
    control.state.wait { $0.finishedLoops >= loops }
  }

  /// Blocks SIGINT and SIGTERM in the calling thread and every thread it starts afterwards, so that
  /// `runUntilSignalled` receives them. Call it first thing in `main`, before anything may start a thread;
  /// `runUntilSignalled` calls it too.
  public static func blockTerminationSignals() {
    _ = cepoll_block_termination_signals()
  }

  /// Starts, then serves until SIGINT or SIGTERM, shuts down gracefully and returns once all loops ended.
  /// A second signal closes the remaining connections at once.
  public func runUntilSignalled() throws {
    Self.blockTerminationSignals()
    let signals = cepoll_termination_signalfd()
    guard signals >= 0 else { throw ServerError(description: "cannot create signalfd") }
    defer { close(signals) }
    try start()
    let loops = started.withLock { $0.loops }
    while control.state.withLock({ $0.finishedLoops < loops }) {
      var poller = pollfd(fd: signals, events: Int16(POLLIN), revents: 0)
      if poll(&poller, 1, 250) > 0 && cepoll_read_signal(signals) > 0 {
        shutdown()
      }
    }
  }

  private func checkAvailable(_ host: String, _ port: Int) throws {
    let probe = cepoll_listen(host, Int32(port), 0, 1)
    guard probe >= 0 else {
      throw ServerError(description: "cannot listen on \(host) port \(port): \(errorText(-probe))")
    }
    close(probe)
  }

  private func spawnLoop(_ setup: LoopSetup) throws {
    let box = Unmanaged.passRetained(LoopStart(setup)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    defer { pthread_attr_destroy(&attributes) }
    var thread = pthread_t()
    let result = pthread_create(
      &thread, &attributes,
      { argument in
        let start = Unmanaged<LoopStart>.fromOpaque(argument!).takeRetainedValue()
        start.run()
        return nil
      }, box)
    if result != 0 {
      Unmanaged<LoopStart>.fromOpaque(box).release()
      throw ServerError(description: "cannot start event loop thread: \(errorText(result))")
    }
  }
}

/// Carries a loop's setup onto its thread; the loop itself is created there and never leaves it.
private final class LoopStart: Sendable {
  let setup: LoopSetup

  init(_ setup: LoopSetup) {
    self.setup = setup
  }

  func run() {
    let loop = EventLoop(setup)
    loop.run()
    setup.control.state.update { $0.finishedLoops += 1 }
  }
}

func errorText(_ code: Int32) -> String {
  String(cString: strerror(code))
}
