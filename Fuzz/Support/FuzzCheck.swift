#if canImport(Glibc)
  import Glibc
#endif

/// Stops the run with `message` on standard error when an invariant does not hold: libFuzzer reports the abort
/// as a crash and saves the input.
public func fuzzRequire(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #file,
  line: UInt = #line
) {
  if condition() { return }
  var text = Array("invariant failed at \(file):\(line): \(message())\n".utf8)
  _ = write(2, &text, text.count)
  abort()
}

/// The fuzzer's input as an array of bytes.
public func fuzzBytes(_ start: UnsafeRawPointer, _ count: Int) -> [UInt8] {
  Array(UnsafeRawBufferPointer(start: start, count: count))
}

/// Splits `bytes` into the pieces between `separator` bytes (empty pieces kept), at most `limit` pieces (the last
/// one keeps the rest): one input then carries several values.
public func fuzzPieces(_ bytes: [UInt8], separator: UInt8 = 0, limit: Int) -> [[UInt8]] {
  bytes.split(separator: separator, maxSplits: max(0, limit - 1), omittingEmptySubsequences: false).map(
    Array.init)
}
