import FuzzSupport
import HTTP

/// Query strings and `application/x-www-form-urlencoded` bodies (`QueryParameters`, `Request.formParameters`,
/// `Request.queryParameters`, `Request.parameter`) and percent-decoding, each checked against a plain reference
/// decoder written here, and re-encoding checked to round-trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = fuzzBytes(start, count)
  checkForm(bytes)
  checkPercentCoding(bytes)
  let pieces = fuzzPieces(bytes, limit: 2)
  if pieces.count == 2 { checkRequest(contentType: pieces[0], body: pieces[1]) }
  return 0
}

/// The form decoded by the library equals the reference decoding, fails exactly when the reference does, and its
/// re-encoding decodes to the same fields.
private func checkForm(_ bytes: [UInt8]) {
  let expected = referenceForm(bytes)
  let parsed: QueryParameters
  do {
    parsed = try QueryParameters(parsing: bytes)
  } catch {
    fuzzRequire(expected == nil, "refused a valid form: \(error)")
    fuzzRequire(isStatus(error, 400), "a bad form is not a 400: \(error)")
    return
  }
  guard let expected else {
    fuzzRequire(false, "accepted a form the reference refuses: \(parsed)")
    return
  }
  fuzzRequire(parsed.fields == expected, "fields \(parsed.fields) differ from the reference \(expected)")
  let encoded = parsed.encoded
  fuzzRequire(encoded.utf8.allSatisfy(isEncodedFormByte), "encoding left a reserved byte: \(encoded)")
  fuzzRequire((try? QueryParameters(parsing: encoded)) == parsed, "re-encoded form differs: \(encoded)")
  if let text = String(validating: bytes, as: UTF8.self) {
    fuzzRequire((try? QueryParameters(parsing: text)) == parsed, "string and byte parsing differ")
  }
  for field in parsed.fields {
    fuzzRequire(parsed[field.name] == parsed.values(for: field.name).first, "subscript and values differ")
    fuzzRequire(parsed.contains(field.name), "contains misses \(field.name)")
  }
  // A field limit: refused exactly when there are more fields than it allows.
  let limited = try? QueryParameters(parsing: bytes, maximumFields: 3)
  fuzzRequire((limited == nil) == (parsed.count > 3), "maximumFields 3 with \(parsed.count) fields")
}

/// Percent-decoding against the reference; encoding then decoding any text gives it back.
private func checkPercentCoding(_ bytes: [UInt8]) {
  for plusAsSpace in [false, true] {
    let expected = referenceDecode(bytes[...], plusAsSpace: plusAsSpace)
    let decoded = try? PercentDecoding.decode(bytes, plusAsSpace: plusAsSpace)
    fuzzRequire(decoded == expected, "decode(plusAsSpace: \(plusAsSpace)) differs from the reference")
  }
  guard let text = String(validating: bytes, as: UTF8.self) else { return }
  let segment = PercentEncoding.encodePathSegment(text)
  fuzzRequire(!segment.utf8.contains { "/?#".utf8.contains($0) }, "a path segment keeps / ? or #: \(segment)")
  fuzzRequire((try? PercentDecoding.decodePathSegment(segment)) == text, "path segment does not round-trip")
  let component = PercentEncoding.encodeFormComponent(text)
  fuzzRequire(component.utf8.allSatisfy(isEncodedFormByte), "a form component keeps a reserved byte")
  fuzzRequire(
    (try? PercentDecoding.decodeFormComponent(component)) == text, "form component does not round-trip")
}

/// A request with the given Content-Type and body, and the body again as its query string.
private func checkRequest(contentType: [UInt8], body: [UInt8]) {
  let header = String(decoding: contentType, as: UTF8.self)
  let request = Request(method: .post, target: "/form", headers: ["Content-Type": header], body: body)
  let mediaType = MediaType(parsing: header)
  do {
    let form = try request.formParameters()
    fuzzRequire(mediaType?.essence == "application/x-www-form-urlencoded", "accepted Content-Type \(header)")
    fuzzRequire((try? QueryParameters(parsing: body)) == form, "formParameters differs from QueryParameters")
  } catch {
    fuzzRequire(isStatus(error, 400) || isStatus(error, 415), "formParameters threw \(error)")
  }
  if let query = String(validating: body, as: UTF8.self), !query.utf8.contains(UInt8(ascii: "#")) {
    let get = Request(method: .get, target: "/search?" + query)
    fuzzRequire(get.query == query, "the query of /search?\(query) is \(get.query ?? "nil")")
    fuzzRequire(
      (try? get.queryParameters()) == (try? QueryParameters(parsing: query)), "queryParameters differs")
    var routed = get
    routed.parameters = ["id": query]
    let number = try? routed.parameter("id", as: Int.self)
    fuzzRequire(number == Int(query), "parameter(as: Int) gave \(String(describing: number)) for \(query)")
    do {
      _ = try routed.parameter("missing", as: String.self)
      fuzzRequire(false, "a parameter the route lacks was found")
    } catch {
      fuzzRequire(isStatus(error, 500), "a parameter the route lacks is not a 500: \(error)")
    }
  }
}

private func isStatus(_ error: any Error, _ code: Int) -> Bool {
  (error as? HTTPError)?.status.code == code
}

private func isEncodedFormByte(_ byte: UInt8) -> Bool {
  switch byte {
  case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
    UInt8(ascii: "0")...UInt8(ascii: "9"):
    return true
  default:
    return "-._~%=&".utf8.contains(byte)
  }
}

// MARK: the reference: the rules of the doc comments, written as plainly as possible

private func referenceForm(_ bytes: [UInt8]) -> [QueryParameters.Field]? {
  var fields: [QueryParameters.Field] = []
  var pieces: [[UInt8]] = [[]]
  for byte in bytes {
    if byte == UInt8(ascii: "&") { pieces.append([]) } else { pieces[pieces.count - 1].append(byte) }
  }
  for piece in pieces where !piece.isEmpty {
    if fields.count == QueryParameters.defaultMaximumFields { return nil }
    let equals = piece.firstIndex(of: UInt8(ascii: "=")) ?? piece.count
    guard let name = referenceDecode(piece[..<equals], plusAsSpace: true) else { return nil }
    var value = ""
    if equals < piece.count {
      guard let decoded = referenceDecode(piece[(equals + 1)...], plusAsSpace: true) else { return nil }
      value = decoded
    }
    fields.append(QueryParameters.Field(name: name, value: value))
  }
  return fields
}

private func referenceDecode(_ bytes: ArraySlice<UInt8>, plusAsSpace: Bool) -> String? {
  let hex = Array("0123456789abcdef".utf8)
  var out: [UInt8] = []
  var index = bytes.startIndex
  while index < bytes.endIndex {
    let byte = bytes[index]
    if byte == UInt8(ascii: "%") {
      guard index + 2 < bytes.endIndex else { return nil }
      guard let high = hex.firstIndex(of: lowercased(bytes[index + 1])),
        let low = hex.firstIndex(of: lowercased(bytes[index + 2]))
      else { return nil }
      out.append(UInt8(high * 16 + low))
      index += 3
    } else {
      out.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
      index += 1
    }
  }
  return String(validating: out, as: UTF8.self)
}

private func lowercased(_ byte: UInt8) -> UInt8 {
  (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
}
