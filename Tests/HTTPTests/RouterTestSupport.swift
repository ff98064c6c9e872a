import HTTP
import XCTest

/// Asserts that `expression` throws an `HTTPError` with `status`, and returns it for further checks.
@discardableResult
func assertHTTPError<T>(
  _ status: HTTPStatus, _ expression: @autoclosure () throws -> T, _ message: String = "",
  file: StaticString = #filePath,
  line: UInt = #line
) -> HTTPError? {
  do {
    let value = try expression()
    XCTFail("expected HTTPError \(status), got \(value) \(message)", file: file, line: line)
  } catch let error as HTTPError {
    XCTAssertEqual(error.status, status, "\(message) (message: \(error.message))", file: file, line: line)
    return error
  } catch {
    XCTFail("expected HTTPError \(status), got \(error) \(message)", file: file, line: line)
  }
  return nil
}

func bodyText(_ response: Response) -> String? {
  switch response.body {
  case .empty: return ""
  case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
  case .stream: return nil
  }
}

func bodyBytes(_ response: Response) throws -> [UInt8] {
  switch response.body {
  case .empty: return []
  case .bytes(let bytes): return bytes
  case .stream(let stream):
    var out: [UInt8] = []
    while let chunk = try stream.next() { out += chunk }
    return out
  }
}
