/// A `Set-Cookie` field value (RFC 6265 §4.1), validated when made.
///
/// Names must be tokens; values cookie-octets (optionally in double quotes); `Path` and `Domain` must not hold
/// control characters or `;`. `SameSite=None` requires `Secure`, and the `__Secure-` / `__Host-` name prefixes
/// get their rules enforced. Anything else throws `SetCookie.InvalidCookie`.
public struct SetCookie: Sendable, Hashable, CustomStringConvertible {
  public enum SameSite: String, Sendable, Hashable {
    case strict = "Strict"
    case lax = "Lax"
    case none = "None"
  }

  public struct InvalidCookie: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
  }

  public let name: String
  public let value: String
  /// Seconds since 1970, written as an HTTP date.
  public let expires: Int?
  public let maxAge: Int?
  public let domain: String?
  public let path: String?
  public let secure: Bool
  public let httpOnly: Bool
  public let sameSite: SameSite?

  public init(
    name: String, value: String, expires: Int? = nil, maxAge: Int? = nil, domain: String? = nil,
    path: String? = "/", secure: Bool = true, httpOnly: Bool = true, sameSite: SameSite? = .lax
  ) throws {
    guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
      throw InvalidCookie(description: "cookie name \(name.debugDescription) is not a token")
    }
    guard SetCookie.isValidValue(value) else {
      throw InvalidCookie(description: "cookie value for \(name) holds characters a cookie may not carry")
    }
    for (attribute, text) in [("Domain", domain), ("Path", path)] {
      if let text, text.isEmpty || !text.utf8.allSatisfy(SetCookie.isAttributeByte) {
        throw InvalidCookie(
          description: "\(attribute) \(text.debugDescription) is not a valid attribute value")
      }
    }
    if sameSite == SameSite.none && !secure {
      throw InvalidCookie(description: "SameSite=None requires Secure")
    }
    if name.hasPrefix("__Secure-") && !secure {
      throw InvalidCookie(description: "a __Secure- cookie requires Secure")
    }
    if name.hasPrefix("__Host-") && (!secure || domain != nil || path != "/") {
      throw InvalidCookie(description: "a __Host- cookie requires Secure, Path=/ and no Domain")
    }
    self.name = name
    self.value = value
    self.expires = expires
    self.maxAge = maxAge
    self.domain = domain
    self.path = path
    self.secure = secure
    self.httpOnly = httpOnly
    self.sameSite = sameSite
  }

  /// A cookie that tells the browser to delete `name` (empty value, `Max-Age=0`, an expiry in 1970).
  /// `path` and `domain` must match those the cookie was set with.
  public static func removing(
    _ name: String, domain: String? = nil, path: String? = "/", secure: Bool = true
  ) throws -> SetCookie {
    try SetCookie(
      name: name, value: "", expires: 0, maxAge: 0, domain: domain, path: path, secure: secure,
      httpOnly: true, sameSite: .lax)
  }

  /// The field value, e.g. `sid=abc; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax`.
  public var headerValue: String {
    var out = "\(name)=\(value)"
    if let path { out += "; Path=\(path)" }
    if let domain { out += "; Domain=\(domain)" }
    if let expires { out += "; Expires=\(HTTPDate.format(expires))" }
    if let maxAge { out += "; Max-Age=\(maxAge)" }
    if secure { out += "; Secure" }
    if httpOnly { out += "; HttpOnly" }
    if let sameSite { out += "; SameSite=\(sameSite.rawValue)" }
    return out
  }

  public var description: String { headerValue }

  /// cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E, optionally the whole value in DQUOTEs.
  static func isValidValue(_ value: String) -> Bool {
    var bytes = Substring(value).utf8
    if bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") {
      bytes = bytes.dropFirst().dropLast()
    }
    return bytes.allSatisfy(isCookieOctet)
  }

  static func isCookieOctet(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x21, 0x23...0x2B, 0x2D...0x3A, 0x3C...0x5B, 0x5D...0x7E: return true
    default: return false
    }
  }

  /// av-octet: any CHAR except CTLs and ";".
  static func isAttributeByte(_ byte: UInt8) -> Bool {
    byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: ";")
  }
}

extension Response {
  /// Adds a `Set-Cookie` field (one per cookie; they are never combined).
  public mutating func setCookie(_ cookie: SetCookie) {
    headers.add(name: "Set-Cookie", value: cookie.headerValue)
  }
}
