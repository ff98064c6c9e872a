import CEpoll
import Foundation
import Glibc
import XCTest

@testable import HTTP

/// 1,000 connections trickling a request head a byte every 1–2 s while a normal client is served quickly; at the
/// header timeout each trickler gets 408 and is closed, and the open-connection count falls back.
final class SlowLorisTests: XCTestCase {
  var server: HTTPServer!

  override func tearDown() {
    server?.shutdown()
    server?.wait()
    server = nil
  }

  /// What happened to one slow connection.
  struct Trickler: Sendable {
    let fd: Int32
    var firstByte: Int64
    var nextByte: Int64
    var sent = 1
    var received: [UInt8] = []
    /// Milliseconds from the first byte to the server's close (EOF or reset); nil while open.
    var lifetime: Int64?
    var reset = false
  }

  static let head = Array(
    "GET /loris HTTP/1.1\r\nHost: t\r\nUser-Agent: slow\r\nX-Padding: \(String(repeating: "p", count: 60))\r\n\r\n"
      .utf8)

  /// A blocking connect, then non-blocking.
  static func connectRaw(port: Int) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw HostileFailure(description: "socket: errno \(errno)") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(fd)
      throw HostileFailure(description: "connect: errno \(errno)")
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    return fd
  }

  /// Runs the tricklers until every one is closed or `deadline` passes: each round reads what arrived, then sends
  /// the next head byte to those whose time has come.
  static func trickle(_ tricklers: [Trickler], seed: UInt64, deadline: Int64) -> [Trickler] {
    var tricklers = tricklers
    var generator = SplitMix(seed: seed)
    var buffer = [UInt8](repeating: 0, count: 4096)
    while MonotonicClock.milliseconds() < deadline && tricklers.contains(where: { $0.lifetime == nil }) {
      let now = MonotonicClock.milliseconds()
      for index in tricklers.indices where tricklers[index].lifetime == nil {
        let fd = tricklers[index].fd
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, Int32(MSG_DONTWAIT)) }
        if count > 0 {
          tricklers[index].received += buffer[0..<count]
          continue
        }
        if count == 0 || errno == ECONNRESET || errno == EPIPE {
          tricklers[index].lifetime = now - tricklers[index].firstByte
          tricklers[index].reset = count < 0
          continue
        }
        guard tricklers[index].received.isEmpty, now >= tricklers[index].nextByte,
          tricklers[index].sent < head.count
        else { continue }
        var byte = head[tricklers[index].sent]
        if send(fd, &byte, 1, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) == 1 { tricklers[index].sent += 1 }
        tricklers[index].nextByte = now + 1000 + Int64(generator.next() % 1000)
      }
      usleep(10_000)
    }
    return tricklers
  }

  func testThousandSlowLorisConnectionsDoNotStarveANormalClient() throws {
    _ = cepoll_raise_fd_limit()
    let seed = hostileSeed("slow loris")
    server = try startTestServer { $0.headerTimeout = .seconds(3) }
    let port = server.boundPort
    let baseline = server.openConnections

    var tricklers: [Trickler] = []
    defer { for trickler in tricklers { close(trickler.fd) } }
    var generator = SplitMix(seed: seed)
    for _ in 0..<1000 {
      let fd = try Self.connectRaw(port: port)
      var byte = Self.head[0]
      XCTAssertEqual(send(fd, &byte, 1, Int32(MSG_NOSIGNAL)), 1)
      let now = MonotonicClock.milliseconds()
      tricklers.append(
        Trickler(fd: fd, firstByte: now, nextByte: now + 1000 + Int64(generator.next() % 1000)))
    }
    let started = MonotonicClock.milliseconds()
    let report = Locked<[Trickler]?>(nil)
    let initial = tricklers
    Thread {
      let result = Self.trickle(initial, seed: seed &+ 1, deadline: started + 15_000)
      report.update { $0 = result }
    }.start()

    // The normal client: ten requests, each on a new connection, while the tricklers hold their connections.
    var latencies: [Int64] = []
    var heldWhileServing = 0
    for index in 0..<10 {
      usleep(200_000)
      let begin = MonotonicClock.microseconds()
      // No throwing out of here: the trickler thread must finish before its descriptors are closed.
      do {
        let client = try TestClient(port: port, timeoutSeconds: 3)
        let reply = try client.request("GET", "/echo?normal-\(index)")
        latencies.append(MonotonicClock.microseconds() - begin)
        XCTAssertEqual(reply.headers["X-Target"], "/echo?normal-\(index)")
      } catch {
        XCTFail("normal request \(index): \(error)")
        latencies.append(MonotonicClock.microseconds() - begin)
      }
      heldWhileServing = max(heldWhileServing, server.openConnections)
    }
    let servedWithin = MonotonicClock.milliseconds() - started
    report.wait { $0 != nil }
    let finished = report.withLock { $0 } ?? []

    let lifetimes = finished.compactMap(\.lifetime).sorted()
    let answered408 = finished.filter {
      String(decoding: $0.received.prefix(12), as: UTF8.self) == "HTTP/1.1 408"
    }.count
    let resets = finished.filter(\.reset).count
    let fast = latencies.filter { $0 < 100_000 }.count
    let shown = latencies.map { String(format: "%.1f", Double($0) / 1000) }.joined(separator: " ")
    print(
      "slow loris: 1000 tricklers, normal client latencies (ms) \(shown) within \(servedWithin) ms: "
        + "\(fast) of 10 under 100 ms; open connections held \(heldWhileServing); "
        + "tricklers answered 408: \(answered408), closed: \(lifetimes.count) (\(resets) by reset), lifetime ms "
        + "min \(lifetimes.first ?? -1) median \(lifetimes.isEmpty ? -1 : lifetimes[lifetimes.count / 2]) "
        + "max \(lifetimes.last ?? -1)")

    XCTAssertLessThan(
      servedWithin, 2900, "the normal client was measured while every trickler was still held")
    XCTAssertGreaterThanOrEqual(heldWhileServing, 1000, "the tricklers were open while the client was served")
    XCTAssertGreaterThanOrEqual(fast, 9, "normal requests under 100 ms: \(shown)")
    XCTAssertLessThan(latencies.max() ?? 0, 1_000_000, "no normal request took a second: \(shown)")
    XCTAssertEqual(lifetimes.count, 1000, "every trickler was closed by the server")
    XCTAssertGreaterThanOrEqual(answered408, 990, "the tricklers were told 408 before the close")
    XCTAssertGreaterThanOrEqual(lifetimes.first ?? 0, 2900, "none was cut before the header timeout")
    XCTAssertLessThan(lifetimes.last ?? .max, 6000, "each was cut soon after the header timeout")
    XCTAssertEqual(waitForOpenConnections(server, atMost: baseline, seconds: 3), baseline)
  }
}
