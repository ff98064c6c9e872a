import HTTP
import XCTest

final class PercentDecodingTests: XCTestCase {
  func testPlainTextIsUnchanged() throws {
    XCTAssertEqual(try PercentDecoding.decodePathSegment("kommuner"), "kommuner")
    XCTAssertEqual(try PercentDecoding.decodePathSegment(""), "")
  }

  func testDecodesUTF8Escapes() throws {
    XCTAssertEqual(try PercentDecoding.decodePathSegment("m%C3%A5l"), "mål")
    XCTAssertEqual(try PercentDecoding.decodePathSegment("%c3%a6%C3%B8"), "æø")
    XCTAssertEqual(try PercentDecoding.decodeFormComponent("K%C3%B8benhavn"), "København")
  }

  func testRawUTF8IsAccepted() throws {
    XCTAssertEqual(try PercentDecoding.decodePathSegment("Århus"), "Århus")
  }

  func testPlusIsSpaceOnlyInFormComponents() throws {
    XCTAssertEqual(try PercentDecoding.decodePathSegment("a+b"), "a+b")
    XCTAssertEqual(try PercentDecoding.decodeFormComponent("a+b"), "a b")
    XCTAssertEqual(try PercentDecoding.decodeFormComponent("a%2Bb"), "a+b")
  }

  func testEncodedSlashAndNulAreDecodedLiterally() throws {
    XCTAssertEqual(try PercentDecoding.decodePathSegment("a%2Fb"), "a/b")
    XCTAssertEqual(try PercentDecoding.decodePathSegment("a%00b"), "a\u{0}b")
  }

  func testBadEscapesThrowBadRequest() {
    for bad in ["%", "%4", "%G0", "%0G", "abc%", "abc%2", "%%", "%-1", "% 20"] {
      let error = assertHTTPError(.badRequest, try PercentDecoding.decodePathSegment(bad))
      XCTAssertTrue(error?.message.contains("percent-escape") ?? false, bad)
      assertHTTPError(.badRequest, try PercentDecoding.decodeFormComponent(bad))
    }
  }

  func testInvalidUTF8ThrowsBadRequest() {
    // Lone continuation byte, truncated sequence, overlong encoding of "/", a UTF-16 surrogate, Latin-1 "ø".
    for bad in ["%80", "%C3", "%C0%AF", "%ED%A0%80", "%F8", "K%F8benhavn"] {
      let error = assertHTTPError(.badRequest, try PercentDecoding.decodePathSegment(bad))
      XCTAssertTrue(error?.message.contains("UTF-8") ?? false, bad)
    }
  }

  func testDecodeFromBytesRejectsRawInvalidUTF8() {
    assertHTTPError(.badRequest, try PercentDecoding.decode([0x61, 0xFF], plusAsSpace: true))
    XCTAssertEqual(try PercentDecoding.decode(Array("x+y%21".utf8), plusAsSpace: true), "x y!")
  }

  func testEncodingRoundTrips() throws {
    for text in ["mål", "a/b", "a b+c", "100%", "æ&ø=å?", "\u{0}", "~-._"] {
      XCTAssertEqual(try PercentDecoding.decodePathSegment(PercentEncoding.encodePathSegment(text)), text)
      XCTAssertEqual(try PercentDecoding.decodeFormComponent(PercentEncoding.encodeFormComponent(text)), text)
    }
    XCTAssertEqual(PercentEncoding.encodePathSegment("mål/x y"), "m%C3%A5l%2Fx%20y")
    XCTAssertEqual(PercentEncoding.encodeFormComponent("a&b=c+d"), "a%26b%3Dc%2Bd")
  }
}
