/// Byte classes from RFC 9110 §5.6 and RFC 3986, as lookup tables.
enum ByteClass {
  static let cr: UInt8 = 0x0D
  static let lf: UInt8 = 0x0A
  static let space: UInt8 = 0x20
  static let tab: UInt8 = 0x09

  /// tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
  static let token: [Bool] = table { byte in
    isAlphaNumeric(byte) || "!#$%&'*+-.^_`|~".utf8.contains(byte)
  }

  /// Field-value bytes: VCHAR, obs-text, SP, HTAB.
  static let fieldValue: [Bool] = table { byte in
    byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
  }

  /// Bytes allowed in a request-target: anything visible (non-ASCII is accepted as the corpus allows).
  static let target: [Bool] = table { byte in
    byte > 0x20 && byte != 0x7F
  }

  /// reg-name bytes: unreserved / sub-delims (pct-encoding checked separately).
  static let regName: [Bool] = table { byte in
    isAlphaNumeric(byte) || "-._~!$&'()*+,;=".utf8.contains(byte)
  }

  static func isAlphaNumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  static func hexValue(_ byte: UInt8) -> Int? {
    switch byte {
    case 0x30...0x39: return Int(byte - 0x30)
    case 0x41...0x46: return Int(byte - 0x41 + 10)
    case 0x61...0x66: return Int(byte - 0x61 + 10)
    default: return nil
    }
  }

  private static func table(_ predicate: (UInt8) -> Bool) -> [Bool] {
    (0...255).map { predicate(UInt8($0)) }
  }
}
