import Foundation
import Glibc
import XCTest

/// Real write faults for tests: a write-protected file (`chattr +i`, which stops even root and files already open;
/// `chmod a-w` for a file opened afterwards when not root) and a full file system (a small `tmpfs`). What needs root
/// and the tools is skipped with the reason without them.
public enum StoreFaults {
  /// Runs a program, returning its exit status and what it wrote (stdout and stderr).
  @discardableResult
  public static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  /// Sets or clears the immutable attribute (`chattr +i` / `-i`) on `paths`; throws XCTSkip when that is not
  /// permitted here (not root, no chattr, a file system without attributes).
  public static func setImmutable(_ on: Bool, _ paths: [String]) throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") else {
      throw XCTSkip("chattr is not installed")
    }
    let result = try run("/usr/bin/chattr", [on ? "+i" : "-i"] + paths)
    guard result.status == 0 else {
      if on { throw XCTSkip("chattr +i is not permitted here: \(result.output)") }
      throw NSError(domain: "chattr", code: Int(result.status), userInfo: ["output": result.output])
    }
  }

  /// Makes `paths` unwritable for a process that opens them afterwards: `chattr +i` as root (permissions do not
  /// stop root), `chmod a-w` otherwise; `on: false` undoes it.
  public static func writeProtect(_ on: Bool, _ paths: [String]) throws {
    guard getuid() != 0 else { return try setImmutable(on, paths) }
    for path in paths {
      try FileManager.default.setAttributes([.posixPermissions: on ? 0o444 : 0o644], ofItemAtPath: path)
    }
  }

  /// Mounts a tmpfs of `size` (e.g. "4m") on `folder`; XCTSkip when mounting is not permitted.
  public static func mountTmpfs(_ folder: String, size: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let result = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder])
    guard result.status == 0 else {
      throw XCTSkip("mounting a tmpfs is not permitted here: \(result.output)")
    }
  }

  /// Unmounts lazily (files may still be open by connections the test has not released yet).
  public static func unmount(_ folder: String) {
    _ = try? run("/bin/umount", ["-l", folder])
  }

  /// Fills the file system holding `folder` with a file of its own until the disk reports it full; returns the
  /// file (remove it to end the fault).
  public static func fillDisk(in folder: String) throws -> String {
    let path = folder + "/filler"
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    let block = Data(count: 64 << 10)
    var written = 0
    while true {
      do {
        try handle.write(contentsOf: block)
        written += block.count
      } catch {
        break
      }
      guard written < 1 << 30 else { throw XCTSkip("the file system at \(folder) did not fill up") }
    }
    // The last partial block may fit; write single bytes until nothing fits.
    while (try? handle.write(contentsOf: Data(count: 1))) != nil {}
    return path
  }
}
