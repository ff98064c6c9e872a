/// Comparison whose time does not depend on where two secrets first differ (tokens, hashes).
public enum ConstantTime {
  /// Whether `a` and `b` hold the same bytes; only a difference in length ends it early.
  public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }

  public static func equal(_ a: String, _ b: String) -> Bool {
    equal(Array(a.utf8), Array(b.utf8))
  }
}
