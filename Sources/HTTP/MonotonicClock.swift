import Glibc

enum MonotonicClock {
  /// Milliseconds on a coarse monotonic clock (cheap; a few ms of resolution is enough for timeouts).
  static func milliseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC_COARSE, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
  }

  static func microseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
  }

  static func wallSeconds() -> Int {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME_COARSE, &spec)
    return Int(spec.tv_sec)
  }
}

extension Duration {
  var milliseconds: Int64 {
    let (seconds, attoseconds) = components
    return seconds * 1000 + attoseconds / 1_000_000_000_000_000
  }
}
