import CEpoll
import Foundation
import Glibc
import XCTest

@testable import HTTP

final class MemoryTests: XCTestCase {
  func residentBytes() -> Int {
    let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
    let fields = statm.split(separator: " ")
    guard fields.count > 1, let resident = Int(fields[1]) else { return 0 }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// Idle keep-alive connections must be cheap: the budget is 150 MB for 10,000 (15 KB each), measured
  /// here on 4,000 connections (client and server share this process, so the figure includes both sides).
  func testIdleKeepAliveConnectionsStaySmall() throws {
    let limit = cepoll_raise_fd_limit()
    let count = min(4000, (limit - 200) / 2)
    XCTAssertGreaterThan(count, 1000, "descriptor limit too low to measure")
    let server = try startTestServer()
    defer {
      server.shutdown()
      server.wait()
    }
    var clients: [TestClient] = []
    clients.reserveCapacity(count)
    for _ in 0..<count { clients.append(try TestClient(port: server.boundPort)) }
    let big = try clients[0].request("GET", "/big?300000")
    XCTAssertEqual(big.body.count, 300_000)
    let before = residentBytes()
    XCTAssertGreaterThan(before, 0, "RSS readable")
    for client in clients { try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n") }
    for client in clients { XCTAssertEqual(try client.readResponse().status, 200) }
    let perConnection = (residentBytes() - before) / count
    XCTAssertLessThan(perConnection, 15_000, "bytes of RSS per idle connection")
  }
}
