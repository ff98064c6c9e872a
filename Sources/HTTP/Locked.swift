import Glibc

/// A value guarded by a pthread mutex, with a condition variable for waiting on changes.
/// `@unchecked Sendable` is sound because every access to `value` happens with the mutex held.
final class Locked<Value>: @unchecked Sendable {
  private var value: Value
  private var mutex = pthread_mutex_t()
  private var condition = pthread_cond_t()

  init(_ value: Value) {
    self.value = value
    pthread_mutex_init(&mutex, nil)
    pthread_cond_init(&condition, nil)
  }

  deinit {
    pthread_cond_destroy(&condition)
    pthread_mutex_destroy(&mutex)
  }

  func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    return try body(&value)
  }

  /// Changes the value and wakes every `wait(until:)`.
  func update(_ body: (inout Value) -> Void) {
    pthread_mutex_lock(&mutex)
    body(&value)
    pthread_cond_broadcast(&condition)
    pthread_mutex_unlock(&mutex)
  }

  /// Blocks until `predicate` holds.
  func wait(until predicate: (Value) -> Bool) {
    pthread_mutex_lock(&mutex)
    while !predicate(value) { pthread_cond_wait(&condition, &mutex) }
    pthread_mutex_unlock(&mutex)
  }
}
