import Foundation
import Web
import XCTest

final class JSONValueTests: XCTestCase {
  func testKeysKeepTheirOrderAndValuesTheirTypes() {
    let value: JSONValue = [
      "code": "0169", "name": "Høje-Taastrup", "count": 3, "share": 0.5, "whole": .number(90), "none": nil,
      "flags": [true, false],
    ]
    XCTAssertEqual(
      value.text,
      #"{"code":"0169","name":"Høje-Taastrup","count":3,"share":0.5,"whole":90,"none":null,"flags":[true,false]}"#
    )
  }

  func testStringsAreEscapedAndReadBackByFoundation() throws {
    let tricky = "quote \" backslash \\ newline \n tab \t bell \u{07} æøå 🙂 </script>"
    let bytes = JSONValue.object([("text", .string(tricky))]).bytes
    let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
    XCTAssertEqual(parsed["text"], tricky)
    XCTAssertFalse(bytes.contains(0x07), "control characters are escaped")
  }

  func testNumbersThatAreNotFiniteBecomeNull() {
    XCTAssertEqual(JSONValue.number(.nan).text, "null")
    XCTAssertEqual(JSONValue.double(.infinity).text, "null")
    XCTAssertEqual(JSONValue.number(-3.25).text, "-3.25")
    XCTAssertEqual(JSONValue.optional(nil as Double?).text, "null")
  }
}
