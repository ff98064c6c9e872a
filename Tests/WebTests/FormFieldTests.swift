import Web
import XCTest

final class FormFieldTests: XCTestCase {
  private func kind(_ field: FormField) -> [String] {
    guard case .object(let kinds) = field.templateValue["kind"] else { return [] }
    return kinds.keys
  }

  func testADateFieldKeepsAValueItCannotHoldAsText() {
    XCTAssertEqual(kind(FormField("d", label: "Dato", kind: .date)), ["date"])
    XCTAssertEqual(kind(FormField("d", label: "Dato", kind: .date, value: "2010-06-24")), ["date"])
    for typed in ["24-06-2010", "i går", "2010-6-24", "2010-06-2x"] {
      XCTAssertEqual(kind(FormField("d", label: "Dato", kind: .date, value: typed)), ["text"], typed)
    }
  }

  func testHintAndErrorAreTiedToTheField() {
    let field = FormField("target_value", label: "Målværdi", hint: "Et tal", error: "Skriv et tal")
    XCTAssertEqual(field.id, "felt-target-value")
    XCTAssertEqual(
      field.templateValue["describedby"], .string("felt-target-value-hjaelp felt-target-value-fejl"))
    XCTAssertEqual(FormField("x", label: "X").templateValue["describedby"], .null)
  }

  func testErrorsKeepTheFirstMessageOfAFieldAndLinkToIt() {
    var errors = FormErrors()
    errors.add("title", "Skriv en betegnelse")
    errors.add("title", "anden")
    errors.add("unit", "Skriv en enhed")
    XCTAssertEqual(errors["title"], "Skriv en betegnelse")
    XCTAssertNil(errors["means"])
    guard case .array(let items) = errors.summary else { return XCTFail("summary is not a list") }
    XCTAssertEqual(items.count, 3)
    XCTAssertEqual(items[0]["href"], .string("#felt-title"))
  }
}
