import Foundation
import Glibc

/// What identifies one version of a file: if any of these change, cached data is stale.
struct FileSignature: Equatable, Sendable {
  var device: UInt64
  var inode: UInt64
  var size: Int
  var modifiedSeconds: Int
  var modifiedNanoseconds: Int

  init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int(info.st_size)
    modifiedSeconds = Int(info.st_mtim.tv_sec)
    modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
  }
}

/// Cached content (small files only) and content hash of a file version.
struct CachedFile: Sendable {
  var signature: FileSignature
  var bytes: [UInt8]?
  var hash: UInt64?
}

/// A relative path already checked to resolve to a regular file below the root.
struct VerifiedPath: Sendable {
  var resolvedPath: String
  var device: UInt64
  var inode: UInt64
}

/// Small static files kept in memory, keyed by resolved path and invalidated by `FileSignature`, plus the
/// relative paths already verified to stay below the root.
/// A class with a lock because every event loop thread reads and fills the same cache.
final class StaticFileCache: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [String: CachedFile] = [:]
  private var verified: [String: VerifiedPath] = [:]
  private var cachedBytes = 0
  let maximumBytes: Int

  init(maximumBytes: Int) {
    self.maximumBytes = maximumBytes
  }

  func entry(for path: String, signature: FileSignature) -> CachedFile? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = entries[path], entry.signature == signature else { return nil }
    return entry
  }

  func verifiedPath(for relativePath: String) -> VerifiedPath? {
    lock.withLock { verified[relativePath] }
  }

  func storeVerifiedPath(_ path: VerifiedPath, for relativePath: String) {
    lock.withLock { verified[relativePath] = path }
  }

  /// Stores `entry`, dropping its bytes if they would take the cache over its limit.
  func store(_ entry: CachedFile, for path: String) {
    lock.lock()
    defer { lock.unlock() }
    var entry = entry
    let previous = entries[path]?.bytes?.count ?? 0
    let added = entry.bytes?.count ?? 0
    if cachedBytes - previous + added > maximumBytes {
      entry.bytes = nil
    }
    cachedBytes += (entry.bytes?.count ?? 0) - previous
    entries[path] = entry
  }
}

/// 64-bit FNV-1a: a fast, stable content fingerprint for ETags and asset URLs (not a security hash).
struct FNV1a {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    var hash = value
    for byte in bytes {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    value = hash
  }

  static func hash(_ bytes: [UInt8]) -> UInt64 {
    var hasher = FNV1a()
    bytes.withUnsafeBytes { hasher.update($0) }
    return hasher.value
  }
}
