/// A header value of the form `token; name=value; name="quoted value"` (Content-Type, Content-Disposition).
///
/// `value` is lower-cased; parameter names are lower-cased, parameter values kept as sent (quotes and the
/// escapes `\"` and `\\` removed; any other backslash is kept). Returns nil when the syntax is broken.
struct HeaderValueWithParameters: Sendable, Equatable {
  var value: String
  var parameters: [String: String]

  init?(parsing header: String) {
    var scanner = ParameterScanner(Array(header.utf8))
    scanner.skipWhitespace()
    let main = scanner.take { $0 != UInt8(ascii: ";") }
    let trimmed = String(decoding: main, as: UTF8.self).trimmingWhitespace()
    guard !trimmed.isEmpty else { return nil }
    value = trimmed.lowercased()
    parameters = [:]
    while scanner.consume(UInt8(ascii: ";")) {
      scanner.skipWhitespace()
      if scanner.isAtEnd { break }  // a trailing ";" is tolerated
      let name = scanner.take { isTokenByte($0) }
      guard !name.isEmpty, scanner.consume(UInt8(ascii: "=")) else { return nil }
      let parameterValue: [UInt8]
      if scanner.peek == UInt8(ascii: "\"") {
        guard let quoted = scanner.quotedString() else { return nil }
        parameterValue = quoted
      } else {
        parameterValue = scanner.take { isTokenByte($0) || $0 >= 0x80 }
      }
      scanner.skipWhitespace()
      guard scanner.isAtEnd || scanner.peek == UInt8(ascii: ";") else { return nil }
      guard let text = String(validating: parameterValue, as: UTF8.self) else { return nil }
      let key = String(decoding: name, as: UTF8.self).lowercased()
      if parameters[key] == nil { parameters[key] = text }
    }
    guard scanner.isAtEnd else { return nil }
  }
}

/// A parsed `Content-Type`: `type/subtype` lower-cased, with parameters such as `charset` and `boundary`.
public struct MediaType: Sendable, Equatable {
  public var type: String
  public var subtype: String
  public var parameters: [String: String]

  public var essence: String { "\(type)/\(subtype)" }

  public init?(parsing header: String) {
    guard let parsed = HeaderValueWithParameters(parsing: header) else { return nil }
    let parts = parsed.value.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isTokenByte) }) else {
      return nil
    }
    type = String(parts[0])
    subtype = String(parts[1])
    parameters = parsed.parameters
  }
}

/// RFC 9110 `tchar`.
func isTokenByte(_ byte: UInt8) -> Bool {
  switch byte {
  case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
    UInt8(ascii: "0")...UInt8(ascii: "9"):
    return true
  default:
    return "!#$%&'*+-.^_`|~".utf8.contains(byte)
  }
}

extension String {
  func trimmingWhitespace() -> String {
    let bytes = Array(utf8)
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}

private struct ParameterScanner {
  let bytes: [UInt8]
  var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var isAtEnd: Bool { position >= bytes.count }
  var peek: UInt8? { isAtEnd ? nil : bytes[position] }

  mutating func skipWhitespace() {
    while let byte = peek, byte == 0x20 || byte == 0x09 { position += 1 }
  }

  mutating func consume(_ byte: UInt8) -> Bool {
    guard peek == byte else { return false }
    position += 1
    return true
  }

  mutating func take(while predicate: (UInt8) -> Bool) -> [UInt8] {
    let start = position
    while let byte = peek, predicate(byte) { position += 1 }
    return Array(bytes[start..<position])
  }

  /// Reads a quoted-string starting at the opening quote; nil if it is not closed or holds a control byte.
  mutating func quotedString() -> [UInt8]? {
    guard consume(UInt8(ascii: "\"")) else { return nil }
    var out: [UInt8] = []
    while let byte = peek {
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        return out
      case UInt8(ascii: "\\"):
        // Only \" and \\ are taken as escapes: browsers send Windows paths ("C:\dir\f.txt") unescaped.
        if let escaped = peek, escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") {
          out.append(escaped)
          position += 1
        } else {
          out.append(byte)
        }
      case 0x09:
        out.append(byte)
      case 0x7F, 0x00..<0x20:
        return nil
      default:
        out.append(byte)
      }
    }
    return nil
  }
}
