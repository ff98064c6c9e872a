import Foundation
import Glibc

/// Reads exactly `length` bytes of an open file in chunks for `ResponseStream` (the response announced that
/// Content-Length), closing it at the end or when dropped. A file that shrank meanwhile throws, which aborts the
/// connection rather than sending a short body.
/// A class because the stream's `next` closure must keep the descriptor between calls; the lock makes the
/// shared state safe if the server ever calls `next` from another thread.
final class FileChunkReader: @unchecked Sendable {
  private let lock = NSLock()
  private var descriptor: Int32
  private var remaining: Int
  private let chunkSize: Int

  init(descriptor: Int32, length: Int, chunkSize: Int = 64 * 1024) {
    self.descriptor = descriptor
    self.remaining = length
    self.chunkSize = chunkSize
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  func next() throws -> [UInt8]? {
    lock.lock()
    defer { lock.unlock() }
    guard descriptor >= 0 else { return nil }
    guard remaining > 0 else {
      close(descriptor)
      descriptor = -1
      return nil
    }
    var chunk = [UInt8](repeating: 0, count: min(chunkSize, remaining))
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
      throw HTTPError(.internalServerError, "A static file could not be read to its end.")
    }
    remaining -= count
    chunk.removeSubrange(count...)
    return chunk
  }
}
