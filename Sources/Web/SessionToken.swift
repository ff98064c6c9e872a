/// Session tokens: 256 random bits for the cookie, and the digest the database keeps instead.
public enum SessionToken {
  /// 32 bytes from the system's random source as 64 hex digits.
  public static func generate() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
  }

  /// What the database stores and looks up: SHA-256 of the token, in hex.
  public static func digest(_ token: String) -> String {
    SHA256.hex(Array(token.utf8))
  }

  /// The session's CSRF token, derived from the cookie's token and never stored: SHA-256 of a label and the token,
  /// which the stored digest (SHA-256 of the token alone) does not give away, so a stolen database holds no CSRF
  /// token.
  public static func csrfToken(forSession token: String) -> String {
    SHA256.hex(Array("brugerinformation csrf\u{0}".utf8) + Array(token.utf8))
  }
}
