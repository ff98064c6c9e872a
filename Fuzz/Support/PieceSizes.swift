/// Deterministic random piece sizes derived from the input itself (FNV-1a seeds a SplitMix64 generator), so a crash
/// file replays the same split. Mostly 1–8 bytes, sometimes up to 512.
public struct PieceSizes: Sequence, IteratorProtocol {
  private var state: UInt64

  public init(seed bytes: [UInt8], salt: UInt64 = 0) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ salt
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    state = hash
  }

  public mutating func next() -> Int? {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    z ^= z >> 31
    return z & 3 == 0 ? Int((z >> 8) % 512) + 1 : Int((z >> 8) % 8) + 1
  }
}
