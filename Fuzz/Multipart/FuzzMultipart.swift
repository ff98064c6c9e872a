import FuzzSupport
import HTTP

/// `multipart/form-data`: the input is a Content-Type value, a NUL byte, then the body. Whatever parses must
/// serialise back (with the same boundary) to a body that parses to the same parts, and errors must be 400/413/415.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let pieces = fuzzPieces(fuzzBytes(start, count), limit: 2)
  let contentType = String(decoding: pieces[0], as: UTF8.self)
  let body = pieces.count == 2 ? pieces[1] : []
  let boundary: String
  do {
    boundary = try MultipartFormData.boundary(fromContentType: contentType)
    fuzzRequire((1...70).contains(boundary.utf8.count), "boundary of \(boundary.utf8.count) bytes")
  } catch {
    fuzzRequire(isStatus(error, [400, 415]), "boundary(fromContentType:) threw \(error)")
    boundary = "fuzz-boundary"  // keep fuzzing the body with a fixed boundary
  }
  let limits = MultipartFormData.Limits(maximumParts: 8, maximumHeaderBytes: 512, maximumHeaderFields: 6)
  let form: MultipartFormData
  do {
    form = try MultipartFormData(parsing: body, boundary: boundary, limits: limits)
  } catch {
    fuzzRequire(isStatus(error, [400, 413]), "parsing threw \(error)")
    return 0
  }
  fuzzRequire(form.parts.count <= limits.maximumParts, "\(form.parts.count) parts")
  var total = 0
  for part in form.parts {
    fuzzRequire(part.headers.count <= limits.maximumHeaderFields, "\(part.headers.count) header fields")
    fuzzRequire(form[part.name] != nil && form.parts(named: part.name).count >= 1, "lookup of \(part.name)")
    total += part.body.count
  }
  fuzzRequire(total <= body.count, "parts hold more bytes than the body")
  let again: MultipartFormData
  let serialised = serialise(form, boundary: boundary)
  do {
    again = try MultipartFormData(parsing: serialised, boundary: boundary, limits: limits)
  } catch {
    fuzzRequire(false, "the serialised form does not parse: \(error)")
    return 0
  }
  fuzzRequire(again.parts.count == form.parts.count, "\(again.parts.count) parts after the round trip")
  for (before, after) in zip(form.parts, again.parts) {
    fuzzRequire(
      before.name == after.name && before.filename == after.filename && before.headers == after.headers
        && before.body == after.body, "part \(before.name) changed in the round trip")
  }
  if pieces.count == 2, (try? MultipartFormData.boundary(fromContentType: contentType)) != nil {
    let request = Request(
      method: .post, target: "/upload", headers: ["Content-Type": contentType], body: body)
    let viaRequest = try? request.multipartFormData(limits: limits)
    fuzzRequire(viaRequest?.parts.count == form.parts.count, "Request.multipartFormData differs")
  }
  return 0
}

/// The parts written back as a body: dash-boundary, `name:value` header lines, an empty line, the body.
private func serialise(_ form: MultipartFormData, boundary: String) -> [UInt8] {
  var out: [UInt8] = Array("--\(boundary)".utf8)
  for part in form.parts {
    out += Array("\r\n".utf8)
    for (name, value) in part.headers { out += Array("\(name):\(value)\r\n".utf8) }
    out += Array("\r\n".utf8)
    out += part.body
    out += Array("\r\n--\(boundary)".utf8)
  }
  out += Array("--\r\n".utf8)
  return out
}

private func isStatus(_ error: any Error, _ codes: [Int]) -> Bool {
  guard let error = error as? HTTPError else { return false }
  return codes.contains(error.status.code)
}
