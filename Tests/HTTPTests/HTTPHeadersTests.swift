import Foundation
import XCTest

@testable import HTTP

final class HTTPHeadersTests: XCTestCase {
  func testLookupIsCaseInsensitiveAndKeepsOrderAndDuplicates() {
    var headers: HTTPHeaders = ["Content-Type": "text/plain", "Set-Cookie": "a=1"]
    headers.add(name: "set-cookie", value: "b=2")
    XCTAssertEqual(headers["content-type"], "text/plain")
    XCTAssertEqual(headers["SET-COOKIE"], "a=1")
    XCTAssertEqual(headers.values(for: "Set-Cookie"), ["a=1", "b=2"])
    XCTAssertEqual(headers.map(\.name), ["Content-Type", "Set-Cookie", "set-cookie"])
    XCTAssertTrue(headers.contains("CONTENT-type"))
    XCTAssertFalse(headers.contains("Content-Length"))
    XCTAssertNil(headers["Content-Typ"])
    XCTAssertEqual(headers.count, 3)
  }

  /// Strings, substrings and text that came through NSString: the same answers.
  func testCaseInsensitiveEqualityIsOnlyAboutASCIILetters() {
    let pairs: [(String, String, Bool)] = [
      ("Content-Length", "content-length", true), ("CONTENT-LENGTH", "Content-Length", true),
      ("Content-Length", "Content-Lengt", false), ("Content-Length", "Content_Length", false),
      ("", "", true), ("a", "A", true), ("@", "`", false), ("[", "{", false), ("Æble", "æble", false),
      ("Æble", "Æble", true), ("x-\u{1F1E9}\u{1F1F0}", "X-\u{1F1E9}\u{1F1F0}", true),
    ]
    for (left, right, expected) in pairs {
      XCTAssertEqual(left.equalsIgnoringASCIICase(right), expected, "\(left) vs \(right)")
      XCTAssertEqual(left.dropFirst(0).equalsIgnoringASCIICase(right[...]), expected, "substrings: \(left)")
      let throughNSString = NSString(string: left) as String
      XCTAssertEqual(throughNSString.equalsIgnoringASCIICase(right), expected, "NSString: \(left)")
    }
  }

  func testReplaceOrAddReplacesFirstAndDropsOthers() {
    var headers: HTTPHeaders = ["A": "1", "B": "2", "a": "3"]
    headers.replaceOrAdd(name: "a", value: "x")
    XCTAssertEqual(headers.map(\.name), ["a", "B"])
    XCTAssertEqual(headers["A"], "x")
    headers.replaceOrAdd(name: "C", value: "y")
    XCTAssertEqual(headers.map(\.value), ["x", "2", "y"])
  }

  func testRemove() {
    var headers: HTTPHeaders = ["A": "1", "B": "2", "a": "3"]
    headers.remove(name: "A")
    XCTAssertEqual(headers.map(\.name), ["B"])
  }

  func testContainsToken() {
    let headers: HTTPHeaders = ["Connection": "Upgrade , Keep-Alive", "connection": "te"]
    XCTAssertTrue(headers.containsToken("keep-alive", in: "connection"))
    XCTAssertTrue(headers.containsToken("TE", in: "Connection"))
    XCTAssertFalse(headers.containsToken("close", in: "Connection"))
  }
}
