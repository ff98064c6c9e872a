import Foundation
import Glibc
import XCTest

@testable import HTTP

final class SignalShutdownTests: XCTestCase {
  /// `runUntilSignalled` on its own thread; SIGTERM aimed at that thread (which blocks it and reads it from
  /// a signalfd) makes it shut down gracefully and return.
  func testSIGTERMStopsRunUntilSignalled() throws {
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.eventLoops = 1
    configuration.accessLog = false
    let server = HTTPServer(configuration: configuration, responder: ClosureResponder { _ in .text("up") })
    let threadID = Locked<pthread_t?>(nil)
    let outcome = Locked<String?>(nil)
    let thread = Thread {
      threadID.update { $0 = pthread_self() }
      do {
        try server.runUntilSignalled()
        outcome.update { $0 = "returned" }
      } catch {
        outcome.update { $0 = "threw \(error)" }
      }
    }
    thread.start()
    threadID.wait { $0 != nil }
    var port = 0
    for _ in 0..<200 where port == 0 {
      port = server.boundPort
      usleep(10_000)
    }
    let client = try TestClient(port: port)
    XCTAssertEqual(try client.request("GET", "/").text, "up")
    pthread_kill(threadID.withLock { $0! }, SIGTERM)
    outcome.wait { $0 != nil }
    XCTAssertEqual(outcome.withLock { $0 }, "returned")
    XCTAssertThrowsError(try TestClient(port: port), "the listener is gone")
  }
}
