import Domain
import Foundation
import HTTP

/// A write request's JSON object body, read with Foundation; every mistake is a 400 problem naming the key.
struct WriteAPIBody {
  let object: [String: Any]

  init(_ request: Request, allowEmpty: Bool = false) throws {
    if allowEmpty && request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) {
      object = [:]
      return
    }
    guard let parsed = try? JSONSerialization.jsonObject(with: Data(request.body)),
      let object = parsed as? [String: Any]
    else {
      throw APIProblem.badRequest("Forespørgslens indhold skal være ét JSON-objekt (UTF-8).")
    }
    self.object = object
  }

  init(object: [String: Any]) {
    self.object = object
  }

  /// 400 for a key that is not one of `keys`.
  func allowOnly(_ keys: Set<String>, at path: String = "") throws {
    for key in object.keys.sorted() where !keys.contains(key) {
      throw APIProblem.badRequest(
        "Nøglen «\(path)\(key)» kendes ikke her; der kan stå: \(keys.sorted().joined(separator: ", ")).")
    }
  }

  func isNull(_ key: String) -> Bool { object[key] == nil || object[key] is NSNull }

  func string(_ key: String, at path: String = "") throws -> String? {
    if isNull(key) { return nil }
    guard let text = object[key] as? String else {
      throw APIProblem.badRequest("«\(path)\(key)» skal være tekst.")
    }
    return text
  }

  func requiredString(_ key: String, at path: String = "") throws -> String {
    guard let text = try string(key, at: path), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw APIProblem.badRequest("«\(path)\(key)» mangler.")
    }
    return text
  }

  func date(_ key: String, at path: String = "") throws -> CalendarDate? {
    guard let text = try string(key, at: path) else { return nil }
    guard let date = CalendarDate(text) else {
      throw APIProblem.badRequest("«\(path)\(key)»: «\(text)» er ikke en dato af formen ÅÅÅÅ-MM-DD.")
    }
    return date
  }

  func requiredDate(_ key: String, at path: String = "") throws -> CalendarDate {
    guard let date = try date(key, at: path) else { throw APIProblem.badRequest("«\(path)\(key)» mangler.") }
    return date
  }

  func number(_ key: String, at path: String = "") throws -> Double? {
    if isNull(key) { return nil }
    guard let number = object[key] as? NSNumber, !WriteAPIBody.isBoolean(number), number.doubleValue.isFinite
    else { throw APIProblem.badRequest("«\(path)\(key)» skal være et tal.") }
    return number.doubleValue
  }

  func integer(_ key: String, at path: String = "") throws -> Int64 {
    guard let value = try number(key, at: path), value == value.rounded(), abs(value) < 1e15 else {
      throw APIProblem.badRequest("«\(path)\(key)» skal være et heltal.")
    }
    return Int64(value)
  }

  func nested(_ key: String, at path: String = "") throws -> WriteAPIBody? {
    if isNull(key) { return nil }
    guard let object = object[key] as? [String: Any] else {
      throw APIProblem.badRequest("«\(path)\(key)» skal være et objekt.")
    }
    return WriteAPIBody(object: object)
  }

  func list(_ key: String, at path: String = "") throws -> [Any] {
    guard let list = object[key] as? [Any] else {
      throw APIProblem.badRequest("«\(path)\(key)» skal være en liste.")
    }
    return list
  }

  /// JSONSerialization gives true and false as NSNumbers.
  static func isBoolean(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) == "c" && (number == true as NSNumber || number == false as NSNumber)
  }
}
