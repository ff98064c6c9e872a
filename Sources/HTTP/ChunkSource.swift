import Glibc

/// Hands out a fixed list of chunks one at a time. A class with a mutex because `ResponseStream.next`
/// is a `@Sendable` closure that must keep state between calls; the lock makes the state safe to share.
final class ChunkSource: @unchecked Sendable {
  private var chunks: [[UInt8]]
  private var position = 0
  private var mutex = pthread_mutex_t()

  init(_ chunks: [[UInt8]]) {
    self.chunks = chunks
    pthread_mutex_init(&mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(&mutex)
  }

  func next() -> [UInt8]? {
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    guard position < chunks.count else { return nil }
    position += 1
    return chunks[position - 1]
  }
}
