import Glibc

/// One loop's access log: lines are buffered and written to stdout in batches.
struct AccessLog {
  private var buffer: [UInt8] = []
  private var lastFlush: Int64 = 0
  private var stampSecond = -1
  private var stamp: [UInt8] = []
  let enabled: Bool

  static let flushBytes = 32 * 1024
  static let flushMilliseconds: Int64 = 200

  init(enabled: Bool) {
    self.enabled = enabled
    if enabled { buffer.reserveCapacity(Self.flushBytes + 1024) }
  }

  /// `2026-11-22T16:38:17Z GET /path 200 1234 56us`
  mutating func record(
    wallSecond: Int, method: String, target: String, status: Int, bytes: Int?, microseconds: Int64
  ) {
    guard enabled else { return }
    if wallSecond != stampSecond {
      stampSecond = wallSecond
      stamp = Self.timestamp(wallSecond)
    }
    buffer.append(contentsOf: stamp)
    buffer.append(ByteClass.space)
    buffer.append(contentsOf: method.utf8)
    buffer.append(ByteClass.space)
    ResponseSerializer.appendSanitized(target, to: &buffer)
    buffer.append(ByteClass.space)
    ResponseSerializer.appendNumber(status, to: &buffer)
    buffer.append(ByteClass.space)
    if let bytes {
      ResponseSerializer.appendNumber(bytes, to: &buffer)
    } else {
      buffer.append(UInt8(ascii: "-"))
    }
    buffer.append(ByteClass.space)
    ResponseSerializer.appendNumber(Int(max(0, microseconds)), to: &buffer)
    buffer.append(contentsOf: "us\n".utf8)
    if buffer.count >= Self.flushBytes { flush() }
  }

  /// The buffered lines, for tests.
  var pendingText: String { String(decoding: buffer, as: UTF8.self) }

  mutating func flushIfDue(now: Int64) {
    if now - lastFlush >= Self.flushMilliseconds {
      lastFlush = now
      flush()
    }
  }

  mutating func flush() {
    guard !buffer.isEmpty else { return }
    StandardStreams.write(buffer, to: 1)
    buffer.removeAll(keepingCapacity: true)
  }

  static func timestamp(_ second: Int) -> [UInt8] {
    let days = second >= 0 ? second / 86_400 : (second - 86_399) / 86_400
    let (year, month, day) = HTTPDate.civilDate(fromDays: days)
    let rest = second - days * 86_400
    var text: [UInt8] = []
    func two(_ value: Int) {
      text.append(UInt8(0x30 + value / 10))
      text.append(UInt8(0x30 + value % 10))
    }
    ResponseSerializer.appendNumber(year, to: &text)
    text.append(UInt8(ascii: "-"))
    two(month)
    text.append(UInt8(ascii: "-"))
    two(day)
    text.append(UInt8(ascii: "T"))
    two(rest / 3600)
    text.append(UInt8(ascii: ":"))
    two(rest / 60 % 60)
    text.append(UInt8(ascii: ":"))
    two(rest % 60)
    text.append(UInt8(ascii: "Z"))
    return text
  }
}

/// Whole writes to stdout/stderr, serialized across loop threads so that lines never interleave.
enum StandardStreams {
  private static let lock = Locked(())

  static func write(_ bytes: [UInt8], to fd: Int32) {
    lock.withLock { _ in
      bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
          if written < 0 && errno == EINTR { continue }
          if written <= 0 { return }
          offset += written
        }
      }
    }
  }

  static func error(_ message: String) {
    write(Array((message + "\n").utf8), to: 2)
  }
}
