/// Strong entity tags made from a response body's bytes: the same bytes always give the same tag, so a page
/// rendered again unchanged (after a revision that did not touch it, or by another process) still answers
/// `If-None-Match` with 304.
public enum EntityTag {
  /// `"` + 16 hex digits + `"`: a 64-bit FNV-1a hash taken eight bytes at a time, then the length.
  public static func strong(for body: [UInt8]) -> String {
    var hash = hash64(body)
    var text = [UInt8](repeating: UInt8(ascii: "\""), count: 18)
    for index in stride(from: 16, to: 0, by: -1) {
      text[index] = hexDigits[Int(hash & 0xf)]
      hash >>= 4
    }
    return String(decoding: text, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
  private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  private static let prime: UInt64 = 0x100_0000_01b3

  /// FNV-1a over 64-bit words (a 20 KB page is 2,600 multiplications, not 20,000) with a shift after each, the
  /// tail byte by byte, the length last (bodies differing only in trailing zero bytes differ), then a final mix.
  static func hash64(_ bytes: [UInt8]) -> UInt64 {
    var hash = offsetBasis
    bytes.withUnsafeBytes { raw in
      let words = raw.count / 8
      for index in 0..<words {
        let word = raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
        hash = (hash ^ word) &* prime
        // A multiplication only carries upwards: bring the high bits down before the next word.
        hash ^= hash >> 32
      }
      for index in (words * 8)..<raw.count {
        hash = (hash ^ UInt64(raw[index])) &* prime
      }
    }
    hash = (hash ^ UInt64(bytes.count)) &* prime
    // splitmix64's finalizer
    hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
    hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
    return hash ^ (hash >> 31)
  }
}
