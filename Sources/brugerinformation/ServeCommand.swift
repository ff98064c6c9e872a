import Foundation
import HTTP
import Store

enum ServeCommand: Command {
  static let name = "serve"
  static let summary = "start the portal (creates, migrates and seeds the database on first run)"
  static let flagNames: Set<String> = ["benchmark-routes", "no-access-log", "https"]
  static let optionNames: Set<String> = [
    "host", "port", "database", "public", "templates", "event-loops", "events-per-turn", "public-url",
  ]
  static let help = """
    Usage: brugerinformation serve [options]

    Starts the portal on http://HOST:PORT. A missing or empty database is created, migrated and
    seeded with the 98 municipalities, the national service areas and marked example data first.
    Stops gracefully on SIGINT or SIGTERM: requests in flight finish, then it exits 0.

    Options:
      --host HOST         address to listen on (default 127.0.0.1); '::1' for IPv6, '::' for every
                          IPv4 and IPv6 address, 'localhost' for both loopbacks
      --port PORT         TCP port (default 8080, or the PORT environment variable)
    \(DatabaseOption.help)
      --public DIR        static files served under /static (default Public)
      --templates DIR     the HTML templates (default Templates)
      --event-loops N     event-loop threads (default: one per core)
      --events-per-turn N at most N ready connections per epoll_wait (1-256, default 32)
      --no-access-log     no access-log line per request on stdout
      --public-url URL    the portal's public address (https://brugerinformation.dk) for absolute links in
                          feeds and the sitemap (default: from the request's Host)
      --https             the portal is reached over https (behind a TLS proxy): the admin session
                          cookie is then Secure and __Host- prefixed, and every response carries
                          Strict-Transport-Security (HSTS)
      --benchmark-routes  also serve /_bench/plaintext, /_bench/page and /_bench/static (the page rendered
                          once), used by Benchmarks/http.sh
      --help              this text

    """

  static func run(_ arguments: Arguments) throws {
    // Before anything can start a thread: the server's signalfd must be the only receiver of SIGINT and SIGTERM.
    HTTPServer.blockTerminationSignals()
    var configuration = ServerConfiguration()
    configuration.host = arguments.string("host") ?? "127.0.0.1"
    let environmentPort = ProcessInfo.processInfo.environment["PORT"].flatMap { Int($0) }
    configuration.port = try arguments.int("port", in: 0...65535) ?? environmentPort ?? 8080
    if let loops = try arguments.int("event-loops", in: 1...256) { configuration.eventLoops = loops }
    if let turn = try arguments.int("events-per-turn", in: 1...256) { configuration.eventsPerTurn = turn }
    configuration.accessLog = !arguments.has("no-access-log")

    let databasePath = DatabaseOption.path(from: arguments)
    let store = try Store.open(path: databasePath, readers: configuration.eventLoops)
    if store.database.isReadOnly {
      printError(
        "warning: \(databasePath) is read-only: pages and API reads are served, every write answers 503 "
          + "until the file can be written again")
    }
    if try store.isEmpty() {
      let summary = try Seeder.seed(store)
      say("seeded \(databasePath): \(summary)")
    }

    let portal = try Portal(
      store: store, publicDirectory: arguments.string("public") ?? "Public",
      templatesDirectory: arguments.string("templates") ?? "Templates",
      benchmarkRoutes: arguments.has("benchmark-routes"), https: arguments.has("https"),
      publicURL: arguments.string("public-url"))
    configuration.metrics = portal.metrics
    configuration.responseHeaders = portal.responseHeaders
    let server = HTTPServer(configuration: configuration, responder: portal.router)
    say(
      "brugerinformation serving \(databasePath) on http://\(displayHost(configuration.host)):\(configuration.port)"
        + " with \(configuration.eventLoops) event loops; SIGINT or SIGTERM stops it")
    try server.runUntilSignalled()
    say("brugerinformation stopped")
  }

  private static func displayHost(_ host: String) -> String {
    host.contains(":") ? "[\(host)]" : host
  }
}
