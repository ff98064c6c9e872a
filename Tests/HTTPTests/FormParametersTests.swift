import HTTP
import XCTest

final class FormParametersTests: XCTestCase {
  private func formRequest(_ body: String, contentType: String?) -> Request {
    var headers: HTTPHeaders = [:]
    if let contentType { headers.add(name: "Content-Type", value: contentType) }
    return Request(method: .post, target: "/form", headers: headers, body: Array(body.utf8))
  }

  func testParsesFormBody() throws {
    let request = formRequest(
      "titel=M%C3%A5l+for+2027&tags=a&tags=b", contentType: "application/x-www-form-urlencoded")
    let form = try request.formParameters()
    XCTAssertEqual(form["titel"], "Mål for 2027")
    XCTAssertEqual(form.values(for: "tags"), ["a", "b"])
  }

  func testContentTypeMatchingIsCaseInsensitiveAndAcceptsUTF8Charset() throws {
    for contentType in [
      "Application/X-WWW-Form-Urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
      "application/x-www-form-urlencoded;charset=\"utf-8\"",
    ] {
      XCTAssertEqual(try formRequest("a=1", contentType: contentType).formParameters()["a"], "1", contentType)
    }
  }

  func testWrongContentTypeIs415() {
    for contentType in [nil, "text/plain", "multipart/form-data; boundary=x", "application/json", "garbage"] {
      assertHTTPError(
        .unsupportedMediaType, try formRequest("a=1", contentType: contentType).formParameters())
    }
  }

  func testOtherCharsetIs415() {
    let request = formRequest("a=1", contentType: "application/x-www-form-urlencoded; charset=iso-8859-1")
    assertHTTPError(.unsupportedMediaType, try request.formParameters())
  }

  func testBadBodyIs400() {
    let contentType = "application/x-www-form-urlencoded"
    assertHTTPError(.badRequest, try formRequest("a=%E6", contentType: contentType).formParameters())
    assertHTTPError(.badRequest, try formRequest("a=%", contentType: contentType).formParameters())
    var raw = formRequest("", contentType: contentType)
    raw.body = [UInt8(ascii: "a"), UInt8(ascii: "="), 0xE6]  // raw Latin-1 "æ"
    assertHTTPError(.badRequest, try raw.formParameters())
  }
}
