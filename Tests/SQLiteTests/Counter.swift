import Foundation

/// A counter shared by test threads.
final class Counter: @unchecked Sendable {
  // @unchecked: `count` is only touched while holding `lock`.
  private let lock = NSLock()
  private var count = 0

  func add() {
    lock.lock()
    count += 1
    lock.unlock()
  }

  var value: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }
}
