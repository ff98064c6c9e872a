import Glibc

public struct ServerConfiguration: Sendable {
  /// An IPv4 or IPv6 literal, "::" for dual-stack, or "localhost".
  public var host: String = "127.0.0.1"
  /// 0 picks an ephemeral port (see `HTTPServer.boundPort`).
  public var port: Int = 8080
  public var eventLoops: Int = ServerConfiguration.processorCount
  /// At most this many ready connections per `epoll_wait` (1–256). Smaller turns keep the slowest responses closer
  /// to the typical ones under load: with 256 connections each waiting for a 20 KB page, turns of 32 instead of 256
  /// brought p99/p50 from 2.38 to 1.93 in four paired runs, at the same throughput (README, Performance).
  public var eventsPerTurn = 32

  public var maxRequestLine = 8 * 1024
  public var maxHeaderBytes = 32 * 1024
  public var maxHeaderCount = 100
  public var maxBodySize = 10 * 1024 * 1024

  /// A request head still incomplete after this long gets 408 and the connection is closed; a new connection that
  /// sends nothing for this long is closed silently.
  public var headerTimeout: Duration = .seconds(10)
  /// An idle keep-alive connection (one that sent a request before) is closed silently after this long.
  public var idleTimeout: Duration = .seconds(60)
  /// A body that receives no byte for this long gets 408 and the connection is closed.
  public var bodyTimeout: Duration = .seconds(10)
  /// A client that accepts no output for this long is dropped.
  public var writeTimeout: Duration = .seconds(30)
  /// How long shutdown waits for requests in flight.
  public var shutdownGrace: Duration = .seconds(10)
  /// While more than this many bytes are queued for a client, no further pipelined request is read or parsed.
  public var maxOutputBuffer = 1024 * 1024
  /// Open connections (all loops together) beyond which a new connection is answered at once with
  /// `503 Service Unavailable`, `Retry-After` and `Connection: close`, and closed without reading its request.
  /// Nil: `defaultMaxConnections(descriptorLimit:)` of the descriptor limit as raised at start.
  public var maxConnections: Int?
  /// Fields the server adds to every response it sends that lacks them: handler responses, errors, and the answers
  /// it builds itself before routing (400, 408, 413, 414, 431, 501, 505, the 503 above, 100 Continue).
  public var responseHeaders: HTTPHeaders = [:]

  /// One line per request on stdout.
  public var accessLog = true
  /// Counts requests, latencies and connections per loop (see `ServerMetrics`); nil counts nothing.
  public var metrics: ServerMetrics?
  /// Builds error responses (parse errors, thrown errors, timeouts). The request is nil when the error
  /// happened before a request was parsed. Nil means a short text/plain body.
  public var errorPage: (@Sendable (HTTPStatus, String, Request?) -> Response)?

  public init() {}

  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// The descriptor limit less a reserve of an eighth (at least 128) for the database, files being streamed,
  /// listeners, epoll and the brief accept of a refused connection: 17,500 of 20,000, 896 of 1,024.
  public static func defaultMaxConnections(descriptorLimit: Int) -> Int {
    max(1, descriptorLimit - max(128, descriptorLimit / 8))
  }

  public static var processorCount: Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }
}
