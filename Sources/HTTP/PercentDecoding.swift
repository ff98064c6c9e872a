/// Strict percent-decoding (RFC 3986 §2.1) of URL path segments and query / form components into UTF-8 text.
///
/// Every `%` must be followed by two hex digits and the decoded bytes must be valid UTF-8; anything else throws
/// `HTTPError(.badRequest, …)` with a message meant for humans.
public enum PercentDecoding {
  /// Decodes one path segment. `+` stays `+`.
  public static func decodePathSegment<S: StringProtocol>(_ segment: S) throws -> String {
    try decode(segment.utf8, plusAsSpace: false, what: "path")
  }

  /// Decodes one query or `application/x-www-form-urlencoded` name or value. `+` becomes a space.
  public static func decodeFormComponent<S: StringProtocol>(_ component: S) throws -> String {
    try decode(component.utf8, plusAsSpace: true, what: "query or form data")
  }

  /// Decodes raw bytes; `what` names the part of the request in error messages. Well-formed escapes of bytes that
  /// are not UTF-8 throw `invalidUTF8`, a 400 saying so unless given.
  public static func decode<C: Collection<UInt8>>(
    _ bytes: C, plusAsSpace: Bool, what: String = "URL", invalidUTF8: HTTPError? = nil
  ) throws -> String {
    switch outcome(bytes, plusAsSpace: plusAsSpace) {
    case .text(let text):
      return text
    case .badEscape:
      throw HTTPError(
        .badRequest, "Invalid percent-escape in the \(what): “%” must be followed by two hex digits.")
    case .invalidUTF8:
      throw invalidUTF8 ?? HTTPError(.badRequest, "The \(what) is not valid UTF-8 text.")
    }
  }

  enum Outcome: Equatable {
    case text(String)
    /// A `%` not followed by two hex digits: the text is not valid percent-encoding at all.
    case badEscape
    /// Well-formed escapes whose bytes are not UTF-8.
    case invalidUTF8
  }

  static func outcome<C: Collection<UInt8>>(_ bytes: C, plusAsSpace: Bool) -> Outcome {
    guard bytes.contains(where: { $0 == percent || (plusAsSpace && $0 == plus) }) else {
      return String(validating: bytes, as: UTF8.self).map(Outcome.text) ?? .invalidUTF8
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    while index != bytes.endIndex {
      let byte = bytes[index]
      if byte == percent {
        let high = bytes.index(after: index)
        guard high != bytes.endIndex, let h = hexValue(bytes[high]) else { return .badEscape }
        let low = bytes.index(after: high)
        guard low != bytes.endIndex, let l = hexValue(bytes[low]) else { return .badEscape }
        out.append(h << 4 | l)
        index = bytes.index(after: low)
      } else {
        out.append(plusAsSpace && byte == plus ? space : byte)
        index = bytes.index(after: index)
      }
    }
    return String(validating: out, as: UTF8.self).map(Outcome.text) ?? .invalidUTF8
  }

  private static let percent = UInt8(ascii: "%")
  private static let plus = UInt8(ascii: "+")
  private static let space = UInt8(ascii: " ")

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}

/// Percent-encoding for building URLs: everything but RFC 3986 unreserved characters is escaped.
public enum PercentEncoding {
  /// Encodes one path segment (so `/` becomes `%2F`).
  public static func encodePathSegment(_ segment: String) -> String {
    encode(segment, keeping: pathSafe)
  }

  /// Encodes one query or form name or value (space becomes `%20`; `&`, `=`, `+` are escaped).
  public static func encodeFormComponent(_ component: String) -> String {
    encode(component, keeping: { isUnreserved($0) })
  }

  private static func pathSafe(_ byte: UInt8) -> Bool {
    isUnreserved(byte) || "!$&'()*+,;=:@".utf8.contains(byte)
  }

  private static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "~")
    }
  }

  private static let hexDigits = Array("0123456789ABCDEF".utf8)

  private static func encode(_ string: String, keeping safe: (UInt8) -> Bool) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(string.utf8.count)
    for byte in string.utf8 {
      if safe(byte) {
        out.append(byte)
      } else {
        out.append(UInt8(ascii: "%"))
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0xF)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
