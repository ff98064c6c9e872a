import XCTest

@testable import Web

final class TemplateValueTests: XCTestCase {
  func testObjectsKeepFieldsInOrderAndALaterDuplicateWins() {
    let object: TemplateObject = ["b": 1, "a": 2, "b": 3]
    XCTAssertEqual(object.keys, ["b", "a"])
    XCTAssertEqual(object["b"], 3)
    XCTAssertNil(object["c"])
  }

  func testObjectsAreEqualWhateverTheOrder() {
    XCTAssertEqual(TemplateValue.object(["a": 1, "b": "x"]), ["b": "x", "a": 1])
    XCTAssertNotEqual(TemplateValue.object(["a": 1, "b": "x"]), ["a": 1, "b": "y"])
    XCTAssertNotEqual(TemplateValue.object(["a": 1]), ["a": 1, "b": nil])
  }

  func testSettingNilRemovesAField() {
    var object = TemplateObject(["a": 1, "b": 2])
    object["a"] = nil
    object["c"] = "new"
    XCTAssertEqual(object.count, 2)
    XCTAssertEqual(TemplateValue.object(object), ["b": 2, "c": "new"])
  }

  func testSubscriptOnNonObjectsIsNull() {
    XCTAssertEqual(TemplateValue.string("x")["a"], .null)
    XCTAssertEqual(TemplateValue.array([["a": 1]])["a"], .null)
    XCTAssertEqual(TemplateValue.object(["a": ["b": true]])["a"]["b"], true)
  }
}
