@_exported import HTTPTestSupport

/// xorshift64: the same numbers from the same seed, for randomised tests that must replay exactly.
struct SeededRandom {
  private(set) var state: UInt64

  init(_ seed: UInt64) { state = seed }

  mutating func nextWord() -> UInt64 {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return state
  }

  /// A number in 0..<bound.
  mutating func callAsFunction(_ bound: Int) -> Int { Int(nextWord() % UInt64(bound)) }
}
