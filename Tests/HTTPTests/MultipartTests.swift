import HTTP
import XCTest

final class MultipartTests: XCTestCase {
  private let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"

  /// Builds a body the way browsers do: each part is (header lines, body bytes).
  private func body(_ parts: [([String], [UInt8])], boundary: String? = nil, close: Bool = true) -> [UInt8] {
    let boundary = boundary ?? self.boundary
    var out: [UInt8] = []
    for (headers, content) in parts {
      out += Array("--\(boundary)\r\n".utf8)
      for header in headers { out += Array("\(header)\r\n".utf8) }
      out += Array("\r\n".utf8)
      out += content
      out += Array("\r\n".utf8)
    }
    if close { out += Array("--\(boundary)--\r\n".utf8) }
    return out
  }

  private func request(_ body: [UInt8], contentType: String? = nil) -> Request {
    Request(
      method: .post, target: "/upload",
      headers: ["Content-Type": contentType ?? "multipart/form-data; boundary=\(boundary)"], body: body)
  }

  func testTextFieldsAndFile() throws {
    let fileBytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF]
    let form = try request(
      body([
        (["Content-Disposition: form-data; name=\"titel\""], Array("Mål for ældreplejen".utf8)),
        (
          [
            "Content-Disposition: form-data; name=\"bilag\"; filename=\"rapport.png\"",
            "Content-Type: image/png",
          ],
          fileBytes
        ),
        (["Content-Disposition: form-data; name=\"tags\""], Array("a".utf8)),
        (["Content-Disposition: form-data; name=\"tags\""], Array("b".utf8)),
      ])
    ).multipartFormData()
    XCTAssertEqual(form.parts.count, 4)
    XCTAssertEqual(form.text(for: "titel"), "Mål for ældreplejen")
    XCTAssertNil(form["titel"]?.filename)
    let file = try XCTUnwrap(form["bilag"])
    XCTAssertEqual(file.filename, "rapport.png")
    XCTAssertEqual(file.contentType, "image/png")
    XCTAssertEqual(file.body, fileBytes)
    XCTAssertNil(file.text)
    XCTAssertNil(form.text(for: "bilag"))
    XCTAssertEqual(form.parts(named: "tags").compactMap(\.text), ["a", "b"])
  }

  func testBoundaryFromContentType() throws {
    XCTAssertEqual(
      try MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=abc"), "abc")
    XCTAssertEqual(
      try MultipartFormData.boundary(
        fromContentType: "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b:c?\""),
      "a b:c?")
    assertHTTPError(.unsupportedMediaType, try MultipartFormData.boundary(fromContentType: nil))
    assertHTTPError(
      .unsupportedMediaType, try MultipartFormData.boundary(fromContentType: "multipart/mixed; boundary=x"))
    assertHTTPError(.badRequest, try MultipartFormData.boundary(fromContentType: "multipart/form-data"))
    for bad in ["\"\"", "\"trailing \"", String(repeating: "x", count: 71), "\"a;b\"", "\"ø\"", "\"a@b\""] {
      assertHTTPError(
        .badRequest, try MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=\(bad)"))
    }
    XCTAssertNoThrow(
      try MultipartFormData.boundary(
        fromContentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 70)))
  }

  func testMediaTypeParsing() {
    let parsed = MediaType(parsing: "Text/HTML ; Charset=\"UTF-8\"; q=\"a\\\"b\"")
    XCTAssertEqual(parsed?.essence, "text/html")
    XCTAssertEqual(parsed?.parameters["charset"], "UTF-8")
    XCTAssertEqual(parsed?.parameters["q"], "a\"b")
    for bad in [
      "", "text", "text/", "/html", "text/html; x", "text/html; x=\"open", "text/html; =1", "a b/c",
    ] {
      XCTAssertNil(MediaType(parsing: bad), bad)
    }
  }

  func testPreambleEpilogueAndTransportPadding() throws {
    var bytes = Array("This is a preamble.\r\n".utf8)
    bytes += Array("--\(boundary)  \t\r\n".utf8)
    bytes += Array("Content-Disposition: form-data; name=a\r\n\r\n1\r\n--\(boundary)--epilogue, ignored".utf8)
    let form = try MultipartFormData(parsing: bytes, boundary: boundary)
    XCTAssertEqual(form.parts.count, 1)
    XCTAssertEqual(form.text(for: "a"), "1")
  }

  func testBodyMayContainBoundaryLookalikes() throws {
    let tricky = Array("line\r\n--\(boundary)X not a delimiter\r\n--\(boundary.dropLast())\r\n\r\n--".utf8)
    let form = try MultipartFormData(
      parsing: body([(["Content-Disposition: form-data; name=\"f\"; filename=\"x.bin\""], tricky)]),
      boundary: boundary)
    XCTAssertEqual(form["f"]?.body, tricky)
  }

  func testDashedLineThatIsNotADelimiterIsPreamble() throws {
    let bytes = Array("--\(boundary)Content-Disposition: form-data; name=a\r\n\r\n\r\n--\(boundary)--".utf8)
    XCTAssertTrue(try MultipartFormData(parsing: bytes, boundary: boundary).parts.isEmpty)
  }

  func testEmptyValuesAndEmptyForm() throws {
    let form = try MultipartFormData(
      parsing: body([(["Content-Disposition: form-data; name=\"empty\"; filename=\"\""], [])]),
      boundary: boundary)
    XCTAssertEqual(form["empty"]?.body, [])
    XCTAssertEqual(form["empty"]?.filename, "")
    XCTAssertTrue(
      try MultipartFormData(parsing: Array("--\(boundary)--\r\n".utf8), boundary: boundary).parts.isEmpty)
  }

  func testFilenameForms() throws {
    let form = try MultipartFormData(
      parsing: body([
        (
          [
            "Content-Disposition: form-data; name=\"a\"; filename=\"bad.txt\"; filename*=UTF-8''%C3%A6bler%20og%20p%C3%A6rer.txt"
          ], []
        ),
        (["Content-Disposition: form-data; name=\"b\"; filename=\"Århus års.pdf\""], []),
        (["Content-Disposition: form-data; name=\"c\"; filename=\"C:\\fakepath\\x.txt\""], []),
        (["Content-Disposition: form-data; name=\"d\"; filename=\"q\\\"uote\""], []),
        (["content-disposition: FORM-DATA; NAME=e; filename*=iso-8859-1''%E6.txt; filename=plain.txt"], []),
      ]), boundary: boundary)
    XCTAssertEqual(form["a"]?.filename, "æbler og pærer.txt")
    XCTAssertEqual(form["b"]?.filename, "Århus års.pdf")
    XCTAssertEqual(form["c"]?.filename, "C:\\fakepath\\x.txt")
    XCTAssertEqual(form["d"]?.filename, "q\"uote")
    XCTAssertEqual(form["e"]?.filename, "plain.txt")
  }

  func testMalformedBodiesAre400() {
    let good = "Content-Disposition: form-data; name=\"a\""
    let cases: [(String, [UInt8])] = [
      ("no boundary at all", Array("just text".utf8)),
      ("empty body", []),
      ("missing close delimiter", body([([good], Array("x".utf8))], close: false)),
      ("truncated in headers", Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n".utf8)),
      ("no Content-Disposition", body([(["Content-Type: text/plain"], Array("x".utf8))])),
      ("no headers", body([([], Array("x".utf8))])),
      ("not form-data", body([(["Content-Disposition: attachment; name=\"a\""], [])])),
      ("no name", body([(["Content-Disposition: form-data; filename=\"a\""], [])])),
      ("header without colon", body([([good, "Broken"], [])])),
      ("folded header", body([([good, " folded"], [])])),
      ("bare LF in header", body([([good + "\nX: y"], [])])),
      ("invalid UTF-8 header", body([([good + "; filename=\"\u{FF}\""], [])]).map { $0 == 0xC3 ? 0xFF : $0 }),
      ("unclosed quote", body([(["Content-Disposition: form-data; name=\"a"], [])])),
    ]
    for (label, bytes) in cases {
      let error = assertHTTPError(.badRequest, try MultipartFormData(parsing: bytes, boundary: boundary))
      XCTAssertTrue(error?.message.contains("multipart") ?? false, label)
    }
  }

  func testLimits() throws {
    let parts = (0..<5).map { (["Content-Disposition: form-data; name=\"p\($0)\""], Array("v".utf8)) }
    XCTAssertEqual(
      try MultipartFormData(parsing: body(parts), boundary: boundary, limits: .init(maximumParts: 5)).parts
        .count, 5)
    assertHTTPError(
      .payloadTooLarge,
      try MultipartFormData(parsing: body(parts), boundary: boundary, limits: .init(maximumParts: 4)))

    let bigHeader = "Content-Disposition: form-data; name=\"\(String(repeating: "n", count: 200))\""
    let big = body([([bigHeader], [])])
    XCTAssertNoThrow(
      try MultipartFormData(parsing: big, boundary: boundary, limits: .init(maximumHeaderBytes: 260)))
    assertHTTPError(
      .payloadTooLarge,
      try MultipartFormData(parsing: big, boundary: boundary, limits: .init(maximumHeaderBytes: 100)))

    let manyFields = body([(["Content-Disposition: form-data; name=a"] + (0..<3).map { "X-\($0): y" }, [])])
    XCTAssertNoThrow(
      try MultipartFormData(parsing: manyFields, boundary: boundary, limits: .init(maximumHeaderFields: 4)))
    assertHTTPError(
      .payloadTooLarge,
      try MultipartFormData(parsing: manyFields, boundary: boundary, limits: .init(maximumHeaderFields: 3)))
  }

  func testHugeBinaryUploadIsParsedIntact() throws {
    // 8 MiB of pseudo-random bytes, salted with CRLFs and partial delimiters so the search has work to do.
    var file = [UInt8](repeating: 0, count: 8 << 20)
    var random = SeededRandom(0x9E37_79B9_7F4A_7C15)
    file.withUnsafeMutableBytes { raw in
      for word in 0..<raw.count / 8 {
        raw.storeBytes(of: random.nextWord(), toByteOffset: word * 8, as: UInt64.self)
      }
    }
    let lookalike = Array("\r\n--\(boundary.prefix(20))".utf8)
    for offset in stride(from: 1000, to: file.count - 100, by: 65_537) {
      file.replaceSubrange(offset..<offset + lookalike.count, with: lookalike)
    }
    let form = try request(
      body([
        (["Content-Disposition: form-data; name=\"file\"; filename=\"big.bin\""], file),
        (["Content-Disposition: form-data; name=\"after\""], Array("ok".utf8)),
      ])
    ).multipartFormData()
    XCTAssertEqual(form["file"]?.body.count, file.count)
    XCTAssertTrue(form["file"]?.body == file)
    XCTAssertEqual(form.text(for: "after"), "ok")
  }

  func testManySmallPartsAtTheLimit() throws {
    let parts = (0..<1000).map { (["Content-Disposition: form-data; name=\"f\($0)\""], Array("\($0)".utf8)) }
    let form = try MultipartFormData(
      parsing: body(parts), boundary: boundary, limits: .init(maximumParts: 1000))
    XCTAssertEqual(form.parts.count, 1000)
    XCTAssertEqual(form.text(for: "f999"), "999")
  }

  func testWrongContentTypeIs415() {
    assertHTTPError(
      .unsupportedMediaType,
      try request([], contentType: "application/x-www-form-urlencoded").multipartFormData())
  }
}

final class MultipartFuzzTests: XCTestCase {
  /// Truncates and mutates a valid body thousands of ways: the parser must never trap, and every failure must be
  /// a 400 or 413 `HTTPError`.
  func testMutatedBodiesNeverCrash() {
    let boundary = "xyz"
    let valid = Array(
      ("preamble\r\n--xyz\r\nContent-Disposition: form-data; name=\"a\"; filename*=UTF-8''%C3%A6.txt\r\n"
        + "Content-Type: text/plain\r\n\r\nhello\r\n--xyz \r\nContent-Disposition: form-data; name=b\r\n\r\n"
        + "\r\n--xyz--\r\nepilogue").utf8)
    let interesting: [UInt8] = Array("\r\n-\"\\;=:x%".utf8) + [0, 0xFF, 0xC3]
    var random = SeededRandom(0x1234_5678_9ABC_DEF1)
    var outcomes = [0, 0]
    for round in 0..<4000 {
      var body = valid
      if round < valid.count {
        body = Array(valid[..<round])
      } else {
        for _ in 0..<(1 + random(4)) {
          let position = random(body.count)
          switch random(3) {
          case 0: body[position] = interesting[random(interesting.count)]
          case 1: body.remove(at: position)
          default: body.insert(interesting[random(interesting.count)], at: position)
          }
        }
      }
      do {
        _ = try MultipartFormData(parsing: body, boundary: boundary, limits: .init(maximumHeaderBytes: 64))
        outcomes[0] += 1
      } catch let error as HTTPError {
        XCTAssertTrue([400, 413].contains(error.status.code), "\(error)")
        outcomes[1] += 1
      } catch {
        XCTFail("unexpected \(error)")
      }
    }
    XCTAssertGreaterThan(outcomes[0], 0)
    XCTAssertGreaterThan(outcomes[1], 0)
  }
}
