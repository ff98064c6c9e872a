import HTTP
import XCTest

final class CookieTests: XCTestCase {
  func testParsesSimplePairs() {
    let cookies = Cookies(parsing: "a=b; c=d;e=f")
    XCTAssertEqual(cookies.all.map(\.name), ["a", "c", "e"])
    XCTAssertEqual(cookies["a"], "b")
    XCTAssertEqual(cookies["c"], "d")
    XCTAssertEqual(cookies["e"], "f")
    XCTAssertNil(cookies["x"])
  }

  func testQuotedValuesLoseQuotes() {
    let cookies = Cookies(parsing: "q=\"quoted value\"; half=\"open; e=\"\"")
    XCTAssertEqual(cookies["q"], "quoted value")
    XCTAssertEqual(cookies["half"], "\"open")
    XCTAssertEqual(cookies["e"], "")
  }

  func testBadPairsAreSkipped() {
    let cookies = Cookies(parsing: "novalue; =empty; bad name=1;  ok = 2 ;;x=%FF; ñ=3; y=")
    XCTAssertEqual(
      cookies.all,
      [
        .init(name: "ok", value: "2"), .init(name: "x", value: "%FF"),
        .init(name: "y", value: ""),
      ])
  }

  func testValuesMayContainEquals() {
    XCTAssertEqual(Cookies(parsing: "t=a=b==")["t"], "a=b==")
  }

  func testFirstOfDuplicatesWinsAndAllAreKept() {
    let cookies = Cookies(parsing: "sid=specific; sid=general")
    XCTAssertEqual(cookies["sid"], "specific")
    XCTAssertEqual(cookies.values(for: "sid"), ["specific", "general"])
  }

  func testRequestCookiesJoinSeveralFields() {
    var headers: HTTPHeaders = [:]
    headers.add(name: "Cookie", value: "a=1")
    headers.add(name: "cookie", value: "b=2; a=3")
    let request = Request(method: .get, target: "/", headers: headers)
    XCTAssertEqual(request.cookies.all.map(\.name), ["a", "b", "a"])
    XCTAssertEqual(request.cookies["a"], "1")
    XCTAssertTrue(Request(method: .get, target: "/").cookies.isEmpty)
  }

  func testSetCookieFormatsAllAttributes() throws {
    let cookie = try SetCookie(
      name: "sid", value: "abc123", expires: 784_111_777, maxAge: 3600, domain: "example.dk",
      path: "/admin", secure: true, httpOnly: true, sameSite: .strict)
    XCTAssertEqual(
      cookie.headerValue,
      "sid=abc123; Path=/admin; Domain=example.dk; Expires=Sun, 06 Nov 1994 08:49:37 GMT; Max-Age=3600;"
        + " Secure; HttpOnly; SameSite=Strict")
  }

  func testSetCookieDefaultsAreSafe() throws {
    XCTAssertEqual(
      try SetCookie(name: "a", value: "b").headerValue, "a=b; Path=/; Secure; HttpOnly; SameSite=Lax")
    let loose = try SetCookie(name: "a", value: "b", path: nil, secure: false, httpOnly: false, sameSite: nil)
    XCTAssertEqual(loose.headerValue, "a=b")
  }

  func testRemovingCookie() throws {
    let value = try SetCookie.removing("sid").headerValue
    XCTAssertTrue(value.hasPrefix("sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0"), value)
  }

  func testRefusesInvalidNamesAndValues() {
    for name in ["", "a b", "a;b", "a=b", "ø", "a\tb", "(x)", "a\"b"] {
      XCTAssertThrowsError(try SetCookie(name: name, value: "v"), name.debugDescription)
    }
    for value in ["a b", "a;b", "a,b", "a\\b", "ø", "a\"b", "\"", "a\u{7F}", "\r\nX-Evil: 1"] {
      XCTAssertThrowsError(try SetCookie(name: "n", value: value), value.debugDescription)
    }
    XCTAssertNoThrow(try SetCookie(name: "n", value: "\"quoted\""))
    XCTAssertNoThrow(try SetCookie(name: "n", value: ""))
    XCTAssertNoThrow(try SetCookie(name: "n", value: "base64+/=="))
  }

  func testRefusesBadAttributes() {
    XCTAssertThrowsError(try SetCookie(name: "n", value: "v", path: "/a;b"))
    XCTAssertThrowsError(try SetCookie(name: "n", value: "v", path: ""))
    XCTAssertThrowsError(try SetCookie(name: "n", value: "v", domain: "x\r\ny"))
    XCTAssertThrowsError(
      try SetCookie(name: "n", value: "v", secure: false, sameSite: SetCookie.SameSite.none))
    XCTAssertNoThrow(try SetCookie(name: "n", value: "v", secure: true, sameSite: SetCookie.SameSite.none))
  }

  func testPrefixRules() {
    XCTAssertThrowsError(try SetCookie(name: "__Secure-a", value: "v", secure: false))
    XCTAssertNoThrow(try SetCookie(name: "__Secure-a", value: "v", domain: "x.dk", path: "/p"))
    XCTAssertThrowsError(try SetCookie(name: "__Host-a", value: "v", domain: "x.dk"))
    XCTAssertThrowsError(try SetCookie(name: "__Host-a", value: "v", path: "/p"))
    XCTAssertThrowsError(try SetCookie(name: "__Host-a", value: "v", secure: false))
    XCTAssertNoThrow(try SetCookie(name: "__Host-a", value: "v"))
  }

  func testSetCookieRoundTripsThroughCookieHeader() throws {
    var response = Response()
    response.setCookie(try SetCookie(name: "a", value: "1"))
    response.setCookie(try SetCookie(name: "b", value: "\"two\""))
    let setCookies = response.headers.values(for: "Set-Cookie")
    XCTAssertEqual(setCookies.count, 2)
    // What a browser sends back: the name=value part of each.
    let cookieHeader = setCookies.map { String($0.split(separator: ";")[0]) }.joined(separator: "; ")
    let cookies = Cookies(parsing: cookieHeader)
    XCTAssertEqual(cookies["a"], "1")
    XCTAssertEqual(cookies["b"], "two")
  }
}
