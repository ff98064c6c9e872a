import Foundation
import XCTest

/// Every free-text field of the write API's request bodies, as the OpenAPI document describes them, is one the
/// escaping test fills with payloads (`APIPayloads.textFields`): a new field fails here until it is covered.
final class OpenAPITextFieldsTests: SecurityTestCase {
  func testEveryStringFieldOfEveryRequestBodyIsFilledWithPayloads() throws {
    let document = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(try send("GET", "/api/v1/openapi.json").body))
        as? [String: Any])
    let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
    var fields = Set<String>()
    var bodies = 0
    for operations in paths.values {
      for case let operation as [String: Any] in operations.values {
        guard let body = operation["requestBody"] as? [String: Any] else { continue }
        bodies += 1
        let content = body["content"] as? [String: Any] ?? [:]
        for case let media as [String: Any] in content.values {
          Self.textFields(of: media["schema"] ?? [:], in: document, into: &fields, depth: 0)
        }
      }
    }
    XCTAssertGreaterThanOrEqual(bodies, 5, "the document describes too few request bodies")
    XCTAssertFalse(fields.isEmpty)
    XCTAssertEqual(
      fields.subtracting(APIPayloads.textFields), [], "free-text API fields no test sends payloads in")
  }

  /// The names of the properties of `schema` that are free text: strings without a format or an enumeration.
  static func textFields(
    of schema: Any, in document: [String: Any], into fields: inout Set<String>, depth: Int
  ) {
    guard depth < 20, var schema = schema as? [String: Any] else { return }
    if let reference = schema["$ref"] as? String {
      var target: Any = document
      for part in reference.dropFirst(2).split(separator: "/") {
        target = (target as? [String: Any])?[String(part)] ?? [:]
      }
      schema = target as? [String: Any] ?? [:]
    }
    for key in ["allOf", "oneOf", "anyOf"] {
      for part in schema[key] as? [Any] ?? [] {
        textFields(of: part, in: document, into: &fields, depth: depth + 1)
      }
    }
    if let items = schema["items"] { textFields(of: items, in: document, into: &fields, depth: depth + 1) }
    for (name, property) in schema["properties"] as? [String: Any] ?? [:] {
      let described = property as? [String: Any] ?? [:]
      let types = (described["type"] as? [String]) ?? [(described["type"] as? String) ?? ""]
      if types.contains("string"), described["format"] == nil, described["enum"] == nil,
        described["pattern"] == nil
      {
        fields.insert(name)
      }
      textFields(of: property, in: document, into: &fields, depth: depth + 1)
    }
  }
}
