import HTTP
import XCTest

final class QueryParametersTests: XCTestCase {
  func testOrderedRepeatedKeys() throws {
    let params = try QueryParameters(parsing: "a=1&b=2&b=3")
    XCTAssertEqual(params.fields.map(\.name), ["a", "b", "b"])
    XCTAssertEqual(params["a"], "1")
    XCTAssertEqual(params["b"], "2")
    XCTAssertEqual(params.values(for: "b"), ["2", "3"])
    XCTAssertEqual(params.values(for: "c"), [])
    XCTAssertNil(params["c"])
    XCTAssertTrue(params.contains("b"))
    XCTAssertFalse(params.contains("c"))
    XCTAssertEqual(params.count, 3)
  }

  func testEmptyPiecesAndMissingValues() throws {
    let params = try QueryParameters(parsing: "&a&&b=&c=x=y&")
    XCTAssertEqual(
      params.fields,
      [
        .init(name: "a", value: ""), .init(name: "b", value: ""),
        .init(name: "c", value: "x=y"),
      ])
    XCTAssertTrue(try QueryParameters(parsing: nil).isEmpty)
    XCTAssertTrue(try QueryParameters(parsing: "").isEmpty)
  }

  func testDecodingOfNamesAndValues() throws {
    let params = try QueryParameters(parsing: "q=K%C3%B8ge+kommune&s%C3%B8g=%C3%A6bler&p=a%2Bb")
    XCTAssertEqual(params["q"], "Køge kommune")
    XCTAssertEqual(params["søg"], "æbler")
    XCTAssertEqual(params["p"], "a+b")
  }

  func testBadInputThrowsBadRequest() {
    assertHTTPError(.badRequest, try QueryParameters(parsing: "a=%zz"))
    assertHTTPError(.badRequest, try QueryParameters(parsing: "a%=1"))
    assertHTTPError(.badRequest, try QueryParameters(parsing: "a=%FF"))
  }

  func testFieldLimit() throws {
    let many = (0..<11).map { "k\($0)=v" }.joined(separator: "&")
    XCTAssertEqual(try QueryParameters(parsing: many, maximumFields: 11).count, 11)
    assertHTTPError(.badRequest, try QueryParameters(parsing: many, maximumFields: 10))
  }

  func testEncodedRoundTrip() throws {
    var params = QueryParameters()
    params.append(name: "kommune", value: "Lyngby-Taarbæk")
    params.append(name: "a&b", value: "1 + 1 = 2")
    params.append(name: "a&b", value: "")
    XCTAssertEqual(try QueryParameters(parsing: params.encoded), params)
  }

  func testRequestQueryParameters() throws {
    let request = Request(method: .get, target: "/kommuner?navn=R%C3%B8dovre&side=2")
    let params = try request.queryParameters()
    XCTAssertEqual(params["navn"], "Rødovre")
    XCTAssertEqual(params["side"], "2")
    XCTAssertTrue(try Request(method: .get, target: "/kommuner").queryParameters().isEmpty)
  }
}
