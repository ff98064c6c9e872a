import Foundation
import HTTP
import XCTest

/// Router, forms, multipart, cookies and static files behind a real `HTTPServer`, over raw sockets.
final class RouterServerTests: XCTestCase {
  private var server: HTTPServer!
  private var port = 0
  private var base: URL!
  private var staticFiles: StaticFiles!
  private let bigFile: [UInt8] = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }

  override func setUpWithError() throws {
    base = FileManager.default.temporaryDirectory.appendingPathComponent("router-server-\(UUID().uuidString)")
    let publicDir = base.appendingPathComponent("Public")
    try FileManager.default.createDirectory(at: publicDir, withIntermediateDirectories: true)
    try Data("SECRET".utf8).write(to: base.appendingPathComponent("secret.txt"))
    try Data("body { color: #123; }".utf8).write(to: publicDir.appendingPathComponent("site.css"))
    try Data(bigFile).write(to: publicDir.appendingPathComponent("big.bin"))
    try Data("skjult".utf8).write(to: publicDir.appendingPathComponent(".hidden"))
    try FileManager.default.createSymbolicLink(
      atPath: publicDir.appendingPathComponent("out.txt").path,
      withDestinationPath: base.appendingPathComponent("secret.txt").path)
    staticFiles = try StaticFiles(root: publicDir.path, maximumCachedFileSize: 100_000)

    var router = Router()
    router.get("/kommuner/:code(int)") { .text("kommune \(try $0.parameter("code", as: Int.self))") }
    router.put("/kommuner/:code(int)") { _ in .text("updated") }
    router.post("/form") { request in
      let form = try request.formParameters()
      return .text("navn=\(form["navn"] ?? "-") tags=\(form.values(for: "tag").joined(separator: ","))")
    }
    router.post("/upload") { request in
      let form = try request.multipartFormData()
      guard let file = form["fil"] else { throw HTTPError(.badRequest, "no file") }
      let sum = file.body.reduce(0) { $0 &+ Int($1) }
      return .text(
        "titel=\(form.text(for: "titel") ?? "-") fil=\(file.filename ?? "-") \(file.body.count) \(sum)")
    }
    router.get("/login") { _ in
      var response = Response.text("logged in")
      response.setCookie(try SetCookie(name: "sid", value: "abc123", maxAge: 3600))
      response.setCookie(try SetCookie(name: "sprog", value: "da", httpOnly: false))
      return response
    }
    router.get("/whoami") { .text("sid=\($0.cookies["sid"] ?? "-") sprog=\($0.cookies["sprog"] ?? "-")") }
    router.add(.get, "/static/*path", responder: staticFiles)

    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.eventLoops = 1
    configuration.accessLog = false
    server = HTTPServer(configuration: configuration, responder: router)
    try server.start()
    port = server.boundPort
  }

  override func tearDownWithError() throws {
    server.shutdown()
    server.wait()
    server = nil
    try? FileManager.default.removeItem(at: base)
  }

  private func send(_ head: String, body: [UInt8] = [], bodyless: Bool = false) throws -> RawResponse {
    try RawHTTPClient.exchange(Array(head.utf8) + body, port: port, bodyless: bodyless)
  }

  private func get(_ target: String, _ extraHeaders: String = "", method: String = "GET") throws
    -> RawResponse
  {
    try send(
      "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\n\(extraHeaders)Connection: close\r\n\r\n",
      bodyless: method == "HEAD")
  }

  func testRoutesAnd404() throws {
    let found = try get("/kommuner/101")
    XCTAssertEqual(found.status, 200)
    XCTAssertEqual(found.text, "kommune 101")
    XCTAssertEqual(try get("/kommuner/abc").status, 404)
    XCTAssertEqual(try get("/findes/ikke").status, 404)
    XCTAssertEqual(try get("/kommuner/%ZZ").status, 400)
  }

  func testMethodNotAllowedAndOptions() throws {
    let wrong = try get("/kommuner/101", method: "DELETE")
    XCTAssertEqual(wrong.status, 405)
    XCTAssertEqual(wrong.header("Allow"), "GET, HEAD, PUT, OPTIONS")
    let options = try get("/kommuner/101", method: "OPTIONS")
    XCTAssertEqual(options.status, 204)
    XCTAssertEqual(options.header("Allow"), "GET, HEAD, PUT, OPTIONS")
    let star = try get("*", method: "OPTIONS")
    XCTAssertEqual(star.status, 204)
    XCTAssertEqual(star.header("Allow"), "GET, HEAD, POST, PUT, OPTIONS")
    let head = try get("/kommuner/101", method: "HEAD")
    XCTAssertEqual(head.status, 200)
    XCTAssertEqual(head.header("Content-Length"), "\("kommune 101".utf8.count)")
  }

  func testFormPost() throws {
    let body = Array("navn=K%C3%B8ge+Kommune&tag=a&tag=%C3%A6".utf8)
    let response = try send(
      "POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n", body: body)
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(response.text, "navn=Køge Kommune tags=a,æ")
    let wrongType = try send(
      "POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
        + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n", body: body)
    XCTAssertEqual(wrongType.status, 415)
  }

  func testMultipartUpload() throws {
    let boundary = "----formgrænse".unicodeScalars.allSatisfy(\.isASCII) ? "" : "----WebKitFormBoundaryQ2x9"
    let file: [UInt8] = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
    var body = Array(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"titel\"\r\n\r\nÅrsrapport\r\n".utf8)
    body += Array(
      ("--\(boundary)\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"rapport.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").utf8)
    body += file
    body += Array("\r\n--\(boundary)--\r\n".utf8)
    let response = try send(
      "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
        + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n", body: body)
    XCTAssertEqual(response.status, 200, response.text)
    XCTAssertEqual(
      response.text, "titel=Årsrapport fil=rapport.bin 70000 \(file.reduce(0) { $0 &+ Int($1) })")

    let truncated = Array(body.dropLast(20))
    let bad = try send(
      "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
        + "Content-Length: \(truncated.count)\r\nConnection: close\r\n\r\n", body: truncated)
    XCTAssertEqual(bad.status, 400)
    XCTAssertTrue(bad.text.contains("multipart"), bad.text)
  }

  func testCookieRoundTrip() throws {
    let login = try get("/login")
    let setCookies = login.headerValues("Set-Cookie")
    XCTAssertEqual(setCookies.count, 2)
    XCTAssertTrue(setCookies[0].hasPrefix("sid=abc123; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax"))
    let cookieHeader = setCookies.map { String($0.split(separator: ";")[0]) }.joined(separator: "; ")
    let whoami = try get("/whoami", "Cookie: \(cookieHeader)\r\n")
    XCTAssertEqual(whoami.text, "sid=abc123 sprog=da")
    XCTAssertEqual(try get("/whoami").text, "sid=- sprog=-")
  }

  func testStaticFilesWithRevalidation() throws {
    let first = try get("/static/site.css")
    XCTAssertEqual(first.status, 200)
    XCTAssertEqual(first.text, "body { color: #123; }")
    XCTAssertEqual(first.header("Content-Type"), "text/css; charset=utf-8")
    let etag = try XCTUnwrap(first.header("ETag"))
    let lastModified = try XCTUnwrap(first.header("Last-Modified"))

    let byETag = try get("/static/site.css", "If-None-Match: \(etag)\r\n")
    XCTAssertEqual(byETag.status, 304)
    XCTAssertEqual(byETag.header("ETag"), etag)
    XCTAssertEqual(byETag.body, [])
    XCTAssertEqual(try get("/static/site.css", "If-Modified-Since: \(lastModified)\r\n").status, 304)
    XCTAssertEqual(try get("/static/site.css", "If-None-Match: \"other\"\r\n").status, 200)

    let hashed = try get(staticFiles.url(for: "site.css"))
    XCTAssertEqual(hashed.status, 200)
    XCTAssertEqual(hashed.header("Cache-Control"), "max-age=31536000, immutable")

    let head = try get("/static/site.css", method: "HEAD")
    XCTAssertEqual(head.status, 200)
    XCTAssertEqual(head.header("Content-Length"), "21")
  }

  func testLargeStaticFileIsStreamedWhole() throws {
    let response = try get("/static/big.bin")
    XCTAssertEqual(response.status, 200)
    XCTAssertEqual(response.header("Content-Length"), "\(bigFile.count)")
    XCTAssertTrue(response.body == bigFile)
    let etag = try XCTUnwrap(response.header("ETag"))
    XCTAssertEqual(try get("/static/big.bin", "If-None-Match: \(etag)\r\n").status, 304)
    let head = try get("/static/big.bin", method: "HEAD")
    XCTAssertEqual(head.header("Content-Length"), "\(bigFile.count)")
  }

  func testTraversalAttemptsAre404() throws {
    let attempts = [
      "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/%2E%2E/secret.txt",
      "/static/.%2e/secret.txt",
      "/static/..%2fsecret.txt", "/static/%2e%2e%2fsecret.txt", "/static/..%5csecret.txt",
      "/static/%5c..%5csecret.txt",
      "/static/%252e%252e/secret.txt", "/static/%c0%ae%c0%ae/secret.txt", "/static/%00",
      "/static/site.css%00.txt",
      "/static//secret.txt", "/static/%2fsecret.txt", "/static/out.txt", "/static/.hidden",
      "/static/%2ehidden",
      "/static/", "/static/.", "/static/site.css/", "/static/./site.css",
      "http://localhost/static/../secret.txt", "http://localhost/static/%2e%2e/secret.txt",
    ]
    for target in attempts {
      let response = try get(target)
      XCTAssertEqual(response.status, 404, target)
      XCTAssertFalse(response.text.contains("SECRET"), target)
      XCTAssertFalse(response.text.contains("skjult"), target)
    }
    // A raw backslash is odd in a request-target: the parser may refuse it (400); it must never be served.
    let backslash = try get("/static/..\\secret.txt")
    XCTAssertTrue([400, 404].contains(backslash.status), "\(backslash.status)")
    XCTAssertFalse(backslash.text.contains("SECRET"))
  }
}
