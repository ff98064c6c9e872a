import FuzzSupport
import HTTP

/// `Cookie` header parsing against a plain reference parser, with a round trip through re-serialisation, and
/// `SetCookie` built from fuzzed parts: accepted cookies never carry a byte that could end the field or inject an
/// attribute, and read back as they were set.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = fuzzBytes(start, count)
  checkCookieHeader(bytes)
  checkSetCookie(fuzzPieces(bytes, limit: 4))
  return 0
}

/// The header as the request parser would hand it over: UTF-8, or one character per byte when it is not.
private func headerText(_ bytes: [UInt8]) -> String {
  String(validating: bytes, as: UTF8.self)
    ?? String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
}

private func checkCookieHeader(_ bytes: [UInt8]) {
  let pieces = fuzzPieces(bytes, limit: 2)
  let first = headerText(pieces[0])
  let cookies = Cookies(parsing: first)
  fuzzRequire(cookies.all == referenceCookies(first), "cookies \(cookies.all) differ from the reference")
  for cookie in cookies {
    fuzzRequire(cookies[cookie.name] == cookies.values(for: cookie.name).first, "first cookie does not win")
  }
  // Quoting every value makes serialisation exact, whatever the value holds.
  let serialised = cookies.all.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: "; ")
  fuzzRequire(Cookies(parsing: serialised) == cookies, "re-serialised cookies differ: \(serialised)")
  guard pieces.count == 2 else { return }
  let second = headerText(pieces[1])
  var headers = HTTPHeaders()
  headers.add(name: "Cookie", value: first)
  headers.add(name: "cookie", value: second)
  let request = Request(method: .get, target: "/", headers: headers)
  fuzzRequire(
    request.cookies.all == cookies.all + Cookies(parsing: second).all,
    "two Cookie fields are not read in order")
}

private func checkSetCookie(_ pieces: [[UInt8]]) {
  let parts =
    pieces.map { String(decoding: $0, as: UTF8.self) } + Array(repeating: "", count: 4 - pieces.count)
  let (name, value) = (parts[0], parts[1])
  let domain = parts[2].isEmpty ? nil : parts[2]
  let path = parts[3].isEmpty ? "/" : parts[3]
  guard let cookie = try? SetCookie(name: name, value: value, domain: domain, path: path) else { return }
  let header = cookie.headerValue
  fuzzRequire(
    header.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }, "Set-Cookie holds \(header)")
  let attributes = header.split(separator: ";", omittingEmptySubsequences: false).map {
    $0.drop { $0 == " " }
  }
  fuzzRequire(attributes.first.map(String.init) == "\(name)=\(value)", "name=value is not the first pair")
  let expected =
    ["Path=\(path)"] + (domain.map { ["Domain=\($0)"] } ?? []) + ["Secure", "HttpOnly", "SameSite=Lax"]
  fuzzRequire(attributes.dropFirst().map(String.init) == expected, "attributes \(attributes) were injected")
  var unquoted = value
  if value.utf8.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
    unquoted = String(value.dropFirst().dropLast())
  }
  fuzzRequire(
    Cookies(parsing: "\(name)=\(value)").all == [Cookies.Cookie(name: name, value: unquoted)],
    "the cookie set as \(name)=\(value) reads back differently")
}

// MARK: the reference: RFC 6265 §5.4 as the doc comment of `Cookies` words it

private func referenceCookies(_ header: String) -> [Cookies.Cookie] {
  var result: [Cookies.Cookie] = []
  for pair in Array(header.utf8).split(separator: UInt8(ascii: ";")) {
    guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
    let name = trim(Array(pair[..<equals]))
    var value = trim(Array(pair[(equals + 1)...]))
    guard !name.isEmpty, name.allSatisfy(isToken) else { continue }
    if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
      value = Array(value.dropFirst().dropLast())
    }
    guard let nameText = String(validating: name, as: UTF8.self),
      let valueText = String(validating: value, as: UTF8.self)
    else { continue }
    result.append(Cookies.Cookie(name: nameText, value: valueText))
  }
  return result
}

private func trim(_ bytes: [UInt8]) -> [UInt8] {
  var start = 0
  var end = bytes.count
  while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
  while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
  return Array(bytes[start..<end])
}

private func isToken(_ byte: UInt8) -> Bool {
  switch byte {
  case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
    UInt8(ascii: "0")...UInt8(ascii: "9"):
    return true
  default:
    return "!#$%&'*+-.^_`|~".utf8.contains(byte)
  }
}
