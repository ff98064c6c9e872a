import Foundation
import Glibc

/// Reads an open file in chunks for `ResponseStream`, closing it at the end or when dropped.
/// A class because the stream's `next` closure must keep the descriptor between calls; the lock makes the
/// shared state safe if the server ever calls `next` from another thread.
final class FileChunkReader: @unchecked Sendable {
  private let lock = NSLock()
  private var descriptor: Int32
  private let chunkSize: Int

  init(descriptor: Int32, chunkSize: Int = 64 * 1024) {
    self.descriptor = descriptor
    self.chunkSize = chunkSize
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  func next() throws -> [UInt8]? {
    lock.lock()
    defer { lock.unlock() }
    guard descriptor >= 0 else { return nil }
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    let count = chunk.withUnsafeMutableBytes { buffer -> Int in
      var result: Int
      repeat {
        result = read(descriptor, buffer.baseAddress, buffer.count)
      } while result < 0 && errno == EINTR
      return result
    }
    guard count > 0 else {
      close(descriptor)
      descriptor = -1
      if count < 0 { throw HTTPError(.internalServerError, "Reading a static file failed.") }
      return nil
    }
    chunk.removeSubrange(count...)
    return chunk
  }
}
