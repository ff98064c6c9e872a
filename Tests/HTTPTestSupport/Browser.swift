import Foundation
import HTTP

/// A minimal browser over real sockets: keeps cookies, sends forms url-encoded, and reads the hidden tokens
/// (`csrf`, `once`) of the forms on the last page it got, the way a person's browser would submit them.
public final class Browser {
  public let port: Int
  public var cookies: [String: String] = [:]
  public private(set) var lastPage = ""

  public init(port: Int) { self.port = port }

  @discardableResult
  public func get(_ target: String) throws -> TestClient.Reply {
    try send("GET", target, body: nil)
  }

  /// POSTs `fields` as a form, adding the hidden fields of the form on the last page whose action is `target`
  /// (unless `fields` sets them itself).
  @discardableResult
  public func post(_ target: String, _ fields: [(String, String)] = [], useFormTokens: Bool = true) throws
    -> TestClient.Reply
  {
    var all = fields
    if useFormTokens {
      for (name, value) in hiddenFields(ofFormWithAction: target) where !all.contains(where: { $0.0 == name })
      {
        all.append((name, value))
      }
    }
    let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    return try send("POST", target, body: body)
  }

  /// POSTs fields already url-encoded ("name=value"), exactly as given.
  @discardableResult
  public func post(_ target: String, _ encodedFields: [String]) throws -> TestClient.Reply {
    try send("POST", target, body: encodedFields.joined(separator: "&"))
  }

  /// The value of the first hidden input named `name` on the last page.
  public func hiddenField(_ name: String) -> String? {
    guard let start = lastPage.range(of: "name=\"\(name)\" value=\"") else { return nil }
    let rest = lastPage[start.upperBound...]
    return rest.firstIndex(of: "\"").map { Self.unescape(String(rest[..<$0])) }
  }

  /// GET /admin/login, then POST the form.
  @discardableResult
  public func logIn(email: String, password: String) throws -> TestClient.Reply {
    try get("/admin/login")
    return try post("/admin/login", [("email", email), ("password", password)])
  }

  /// The hidden inputs of the first form on the last page with `action="target"`.
  public func hiddenFields(ofFormWithAction target: String) -> [(String, String)] {
    guard let start = lastPage.range(of: "action=\"\(target)\"") else { return [] }
    let rest = lastPage[start.upperBound...]
    let form = rest[..<(rest.range(of: "</form>")?.lowerBound ?? rest.endIndex)]
    var fields: [(String, String)] = []
    var cursor = form.startIndex
    while let input = form.range(of: "<input type=\"hidden\"", range: cursor..<form.endIndex) {
      let end = form.range(of: ">", range: input.upperBound..<form.endIndex)?.lowerBound ?? form.endIndex
      let tag = String(form[input.upperBound..<end])
      if let name = Self.attribute("name", in: tag), let value = Self.attribute("value", in: tag) {
        fields.append((name, Self.unescape(value)))
      }
      cursor = end
    }
    return fields
  }

  private func send(_ method: String, _ target: String, body: String?) throws -> TestClient.Reply {
    let client = try TestClient(port: port)
    var headers: [String] = []
    if !cookies.isEmpty {
      headers.append(
        "Cookie: "
          + cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
    }
    if body != nil { headers.append("Content-Type: application/x-www-form-urlencoded") }
    let reply = try client.request(method, target, headers: headers, body: body ?? "")
    for value in reply.headers.values(for: "Set-Cookie") {
      let pair = value.split(separator: ";", maxSplits: 1)[0]
      let parts = pair.split(separator: "=", maxSplits: 1)
      let name = String(parts[0])
      let cookieValue = parts.count > 1 ? String(parts[1]) : ""
      if cookieValue.isEmpty || value.contains("Max-Age=0") {
        cookies[name] = nil
      } else {
        cookies[name] = cookieValue
      }
    }
    if reply.status == 200 || reply.status >= 400 { lastPage = reply.text }
    return reply
  }

  public static func attribute(_ name: String, in tag: String) -> String? {
    guard let start = tag.range(of: " \(name)=\"") else { return nil }
    let rest = tag[start.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<end])
  }

  public static func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  public static func encode(_ text: String) -> String {
    let allowed = CharacterSet(
      charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }
}
