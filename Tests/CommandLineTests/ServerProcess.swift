import Foundation
import Glibc
import HTTPTestSupport
import XCTest

/// `brugerinformation serve` as a process of its own (the binary built next to the tests), on a free port, run
/// from the project folder (Public, Templates); stopped with SIGTERM.
final class ServerProcess {
  let port: Int
  private let process = Process()
  private let errorFile: URL

  /// The built binary, or XCTSkip when it is not there.
  static func binary() throws -> String {
    let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("brugerinformation").path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw XCTSkip("the brugerinformation binary is not built next to the tests (\(path))")
    }
    return path
  }

  /// Starts the server and waits (up to 30 s) until it answers /healthz.
  init(database: String, folder: URL) throws {
    port = try Self.freePort()
    errorFile = folder.appendingPathComponent("server-\(port).stderr")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    process.executableURL = URL(fileURLWithPath: try Self.binary())
    process.arguments = [
      "serve", "--port", String(port), "--database", database, "--no-access-log", "--event-loops", "1",
    ]
    process.currentDirectoryURL = repositoryRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    for _ in 0..<300 {
      if (try? get("/healthz"))?.status == 200 { return }
      guard process.isRunning else { break }
      usleep(100_000)
    }
    stop()
    throw ServerProcessError(description: "the server did not start: \(standardError)")
  }

  func get(_ target: String) throws -> TestClient.Reply {
    try TestClient(port: port).request("GET", target)
  }

  func request(_ method: String, _ target: String, headers: [String] = [], body: String = "") throws
    -> TestClient.Reply
  {
    try TestClient(port: port).request(method, target, headers: headers, body: body)
  }

  /// What the server wrote on stderr so far.
  var standardError: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

  /// SIGTERM and wait; nothing when it has stopped already.
  func stop() {
    if process.isRunning {
      Glibc.kill(process.processIdentifier, SIGTERM)
    }
    process.waitUntilExit()
  }

  /// SIGKILL and wait: as a crash leaves the database (its `-wal` and `-shm` stay).
  func kill() {
    if process.isRunning {
      Glibc.kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
  }

  deinit {
    stop()
  }

  /// A port nothing listens on now: bound to port 0, read, released.
  private static func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
      }
    }
    guard bound else { throw ServerProcessError(description: "no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

struct ServerProcessError: Error, CustomStringConvertible {
  var description: String
}
