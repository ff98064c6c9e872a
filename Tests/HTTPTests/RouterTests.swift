import XCTest

@testable import HTTP

final class RouterTests: XCTestCase {
  private func request(_ method: HTTPMethod, _ target: String) -> Request {
    Request(method: method, target: target)
  }

  /// A handler that echoes which route ran and the parameters it got, sorted.
  private func echo(_ label: String) -> RouteHandler {
    { request in
      let parameters = request.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
      return .text(([label] + parameters).joined(separator: " "))
    }
  }

  private func answer(_ router: Router, _ method: HTTPMethod, _ target: String) throws -> String? {
    bodyText(try router.respond(to: request(method, target)))
  }

  func testLiteralAndParameterRoutes() throws {
    var router = Router()
    router.get("/", echo("home"))
    router.get("/kommuner", echo("list"))
    router.get("/kommuner/:code", echo("one"))
    router.get("/kommuner/:code/kontrakter", echo("contracts"))
    XCTAssertEqual(try answer(router, .get, "/"), "home")
    XCTAssertEqual(try answer(router, .get, "/kommuner"), "list")
    XCTAssertEqual(try answer(router, .get, "/kommuner/0101"), "one code=0101")
    XCTAssertEqual(try answer(router, .get, "/kommuner/0101/kontrakter?x=1"), "contracts code=0101")
  }

  func testUnknownPathsAre404() {
    var router = Router()
    router.get("/kommuner/:code", echo("one"))
    for target in [
      "/", "/kommune", "/kommuner", "/kommuner/", "/kommuner/1/2", "//kommuner/1", "/Kommuner/1",
    ] {
      assertHTTPError(.notFound, try router.respond(to: request(.get, target)))
    }
  }

  func testDanishLiteralsMatchDecodedPath() throws {
    var router = Router()
    router.add(.post, "/admin/mål/:id(int)", echo("goal"))
    router.get("/søg/æbler og pærer", echo("search"))
    XCTAssertEqual(try answer(router, .post, "/admin/m%C3%A5l/42"), "goal id=42")
    XCTAssertEqual(try answer(router, .post, "/admin/mål/42"), "goal id=42")
    // NFD ("a" + combining ring) is canonically equivalent to the NFC literal.
    XCTAssertEqual(try answer(router, .post, "/admin/ma%CC%8Al/7"), "goal id=7")
    XCTAssertEqual(try answer(router, .get, "/s%C3%B8g/%C3%A6bler%20og%20p%C3%A6rer"), "search")
    // "+" is not a space in paths.
    assertHTTPError(.notFound, try router.respond(to: request(.get, "/s%C3%B8g/%C3%A6bler+og+p%C3%A6rer")))
  }

  func testParametersAreDecoded() throws {
    var router = Router()
    router.get("/kommuner/:navn", echo("k"))
    XCTAssertEqual(try answer(router, .get, "/kommuner/K%C3%B8ge%20Kommune"), "k navn=Køge Kommune")
    XCTAssertEqual(try answer(router, .get, "/kommuner/a%2Fb"), "k navn=a/b")
    XCTAssertEqual(try answer(router, .get, "/kommuner/a+b"), "k navn=a+b")
  }

  func testMalformedEscapesInPathAre400() {
    var router = Router()
    router.get("/kommuner/:navn", echo("k"))
    for target in ["/kommuner/%", "/kommuner/%zz", "/kommuner/%4", "/%/x", "/kommuner/%%41"] {
      assertHTTPError(.badRequest, try router.respond(to: request(.get, target)), target)
    }
  }

  func testNonUTF8PathsAre404() {
    var router = Router()
    router.get("/kommuner/:navn", echo("k"))
    router.get("/*rest", echo("all"))
    for target in ["/kommuner/%C3", "/kommuner/%FF", "/%E6/x", "/kommuner/%c0%ae%c0%ae", "/k%F8benhavn"] {
      assertHTTPError(.notFound, try router.respond(to: request(.get, target)), target)
    }
  }

  func testIntParameters() throws {
    var router = Router()
    router.get("/mål/:id(int)", echo("int"))
    router.get("/mål/:slug", echo("slug"))
    XCTAssertEqual(try answer(router, .get, "/mål/12"), "int id=12")
    XCTAssertEqual(try answer(router, .get, "/mål/-3"), "int id=-3")
    XCTAssertEqual(try answer(router, .get, "/mål/12a"), "slug slug=12a")
    XCTAssertEqual(try answer(router, .get, "/mål/+5"), "slug slug=+5")
    XCTAssertEqual(try answer(router, .get, "/mål/99999999999999999999"), "slug slug=99999999999999999999")
    XCTAssertEqual(try answer(router, .get, "/mål/-"), "slug slug=-")

    var onlyInt = Router()
    onlyInt.get("/x/:id(int)") { .text(String(try $0.parameter("id", as: Int.self) * 2)) }
    XCTAssertEqual(try answer(onlyInt, .get, "/x/21"), "42")
    for target in ["/x/abc", "/x/1.5", "/x/", "/x/%31%32a"] {
      assertHTTPError(.notFound, try onlyInt.respond(to: request(.get, target)))
    }
    XCTAssertEqual(try answer(onlyInt, .get, "/x/%31%32"), "24")
  }

  func testTypedParameterAccessor() throws {
    var request = request(.get, "/")
    request.parameters = ["id": "17", "code": "abc"]
    XCTAssertEqual(try request.parameter("id", as: Int.self), 17)
    XCTAssertEqual(try request.parameter("code", as: String.self), "abc")
    assertHTTPError(.notFound, try request.parameter("code", as: Int.self))
    assertHTTPError(.internalServerError, try request.parameter("missing", as: String.self))
  }

  func testCatchAll() throws {
    var router = Router()
    router.get("/static/*path", echo("static"))
    router.get("/static/special", echo("special"))
    XCTAssertEqual(try answer(router, .get, "/static/css/site.css"), "static path=css/site.css")
    XCTAssertEqual(try answer(router, .get, "/static/special"), "special")
    XCTAssertEqual(try answer(router, .get, "/static/special/x"), "static path=special/x")
    XCTAssertEqual(try answer(router, .get, "/static/"), "static path=")
    XCTAssertEqual(try answer(router, .get, "/static/%C3%A6/b%20c"), "static path=æ/b c")
    assertHTTPError(.notFound, try router.respond(to: request(.get, "/static")))
  }

  func testBacktrackingFindsLaterRoute() throws {
    var router = Router()
    router.get("/a/:x/b", echo("param"))
    router.get("/a/lit/c", echo("literal"))
    router.get("/a/:y/c/*rest", echo("tail"))
    XCTAssertEqual(try answer(router, .get, "/a/lit/b"), "param x=lit")
    XCTAssertEqual(try answer(router, .get, "/a/lit/c"), "literal")
    XCTAssertEqual(try answer(router, .get, "/a/other/c/d/e"), "tail rest=d/e y=other")
    XCTAssertEqual(try answer(router, .get, "/a/lit/c/d"), "tail rest=d y=lit")
  }

  func testWrongMethodIs405WithAllow() throws {
    var router = Router()
    router.get("/kontrakter/:id", echo("get"))
    router.put("/kontrakter/:id", echo("put"))
    router.delete("/kontrakter/:id", echo("delete"))
    router.post("/kontrakter", echo("create"))
    let error = assertHTTPError(.methodNotAllowed, try router.respond(to: request(.post, "/kontrakter/1")))
    XCTAssertEqual(error?.headers["Allow"], "GET, HEAD, PUT, DELETE, OPTIONS")
    let other = assertHTTPError(.methodNotAllowed, try router.respond(to: request(.get, "/kontrakter")))
    XCTAssertEqual(other?.headers["Allow"], "POST, OPTIONS")
    let unknown = assertHTTPError(.methodNotAllowed, try router.respond(to: request("BREW", "/kontrakter")))
    XCTAssertEqual(unknown?.headers["Allow"], "POST, OPTIONS")
  }

  func testMethodFoundThroughBacktrackingBeats405() throws {
    var router = Router()
    router.get("/k/:code", echo("get"))
    router.post("/k/new", echo("new"))
    XCTAssertEqual(try answer(router, .get, "/k/new"), "get code=new")
    XCTAssertEqual(try answer(router, .post, "/k/new"), "new")
    let error = assertHTTPError(.methodNotAllowed, try router.respond(to: request(.post, "/k/x")))
    XCTAssertEqual(error?.headers["Allow"], "GET, HEAD, OPTIONS")
  }

  func testHeadIsAnsweredByGet() throws {
    var router = Router()
    router.get("/side", echo("get"))
    router.get("/egen", echo("get"))
    router.add(.head, "/egen", echo("head"))
    XCTAssertEqual(try answer(router, .head, "/side"), "get")
    XCTAssertEqual(try answer(router, .head, "/egen"), "head")
    router.post("/kun-post", echo("post"))
    let error = assertHTTPError(.methodNotAllowed, try router.respond(to: request(.head, "/kun-post")))
    XCTAssertEqual(error?.headers["Allow"], "POST, OPTIONS")
  }

  func testOptions() throws {
    var router = Router()
    router.get("/a", echo("a"))
    router.post("/a", echo("a"))
    router.patch("/b/:id", echo("b"))
    router.add("PROPFIND", "/c", echo("c"))
    let options = try router.respond(to: request(.options, "/a"))
    XCTAssertEqual(options.status, .noContent)
    XCTAssertEqual(options.headers["Allow"], "GET, HEAD, POST, OPTIONS")
    XCTAssertEqual(try router.respond(to: request(.options, "/b/1")).headers["Allow"], "PATCH, OPTIONS")
    assertHTTPError(.notFound, try router.respond(to: request(.options, "/nothing")))

    let star = try router.respond(to: request(.options, "*"))
    XCTAssertEqual(star.status, .noContent)
    XCTAssertEqual(star.headers["Allow"], "GET, HEAD, POST, PATCH, OPTIONS, PROPFIND")

    router.add(.options, "/a", echo("own options"))
    XCTAssertEqual(try answer(router, .options, "/a"), "own options")
  }

  func testGroupsAndMiddlewareOrder() throws {
    let tag: (String) -> Middleware = { name in
      { request, next in
        var response = try next(request)
        response.headers.add(name: "X-Trace", value: name)
        return response
      }
    }
    var router = Router()
    router.use(tag("global"))
    router.get("/", echo("home"))
    router.group("/admin", middleware: [tag("admin-1"), tag("admin-2")]) { admin in
      admin.get("/", echo("dashboard"))
      admin.post("/mål/:id(int)", echo("goal"))
      admin.group("kontrakter/", middleware: [tag("contracts")]) { contracts in
        contracts.get("/:id", echo("contract"))
      }
    }
    let home = try router.respond(to: request(.get, "/"))
    XCTAssertEqual(home.headers.values(for: "X-Trace"), ["global"])
    XCTAssertEqual(bodyText(try router.respond(to: request(.get, "/admin"))), "dashboard")
    let goal = try router.respond(to: request(.post, "/admin/m%C3%A5l/5"))
    XCTAssertEqual(bodyText(goal), "goal id=5")
    // Innermost first on the way out: the handler's response passes admin-2, then admin-1, then global.
    XCTAssertEqual(goal.headers.values(for: "X-Trace"), ["admin-2", "admin-1", "global"])
    let contract = try router.respond(to: request(.get, "/admin/kontrakter/9"))
    XCTAssertEqual(bodyText(contract), "contract id=9")
    XCTAssertEqual(contract.headers.values(for: "X-Trace"), ["contracts", "admin-2", "admin-1", "global"])
  }

  func testMiddlewareCanShortCircuitAndSeeErrors() throws {
    var router = Router()
    router.use { request, next in
      do {
        return try next(request)
      } catch var error as HTTPError {
        error.headers.add(name: "X-Frame-Options", value: "DENY")
        throw error
      }
    }
    router.group(
      "/admin",
      middleware: [
        { request, next in
          guard request.cookies["sid"] == "ok" else { throw HTTPError(.forbidden, "Log ind først.") }
          return try next(request)
        }
      ]
    ) { admin in
      admin.get("/", echo("admin"))
    }
    let missing = assertHTTPError(.notFound, try router.respond(to: request(.get, "/nope")))
    XCTAssertEqual(missing?.headers["X-Frame-Options"], "DENY")
    assertHTTPError(.forbidden, try router.respond(to: request(.get, "/admin")))
    let allowed = Request(method: .get, target: "/admin", headers: ["Cookie": "sid=ok"])
    XCTAssertEqual(bodyText(try router.respond(to: allowed)), "admin")
  }

  func testMiddlewareCanRewriteRequest() throws {
    var router = Router()
    router.group(
      "/v",
      middleware: [
        { request, next in
          var changed = request
          changed.headers.add(name: "X-User", value: "anna")
          return try next(changed)
        }
      ]
    ) { group in
      group.get("/:id") { .text("\($0.headers["X-User"] ?? "-") \($0.parameters["id"] ?? "-")") }
    }
    XCTAssertEqual(try answer(router, .get, "/v/3"), "anna 3")
  }

  func testResponderRoute() throws {
    var router = Router()
    router.add(.get, "/r", responder: ClosureResponder { _ in .text("responder") })
    XCTAssertEqual(try answer(router, .get, "/r"), "responder")
  }

  func testManyRoutes() throws {
    var router = Router()
    for index in 0..<2000 {
      router.get("/side\(index)/:id(int)", echo("r\(index)"))
    }
    XCTAssertEqual(try answer(router, .get, "/side1999/5"), "r1999 id=5")
    XCTAssertEqual(try answer(router, .get, "/side0/1"), "r0 id=1")
    assertHTTPError(.notFound, try router.respond(to: request(.get, "/side2000/1")))
  }
}

final class RouterFuzzTests: XCTestCase {
  /// Random paths built from awkward pieces: routing and static lookup must never trap, and only answer
  /// with 200, 400 or 404.
  func testRandomPathsNeverCrash() throws {
    var router = Router()
    router.get("/a/:x(int)/b", { _ in .text("1") })
    router.get("/a/:y/c/*rest", { _ in .text("2") })
    router.get("/mål/:id", { _ in .text("3") })
    let pieces = [
      "a", "b", "c", "1", "-1", "mål", "%", "%2", "%2f", "%2e", "..", ".", "", "%C3%A5", "%FF", "+", "*",
    ]
    var random = SeededRandom(0x0DDB_A11C_AFE0_0001)
    var statuses: Set<Int> = []
    for _ in 0..<3000 {
      let path = "/" + (0..<random(6)).map { _ in pieces[random(pieces.count)] }.joined(separator: "/")
      do {
        _ = try router.respond(to: Request(method: random(2) == 0 ? .get : .options, target: path))
        statuses.insert(200)
      } catch let error as HTTPError {
        XCTAssertTrue([400, 404].contains(error.status.code), "\(path): \(error)")
        statuses.insert(error.status.code)
      }
    }
    XCTAssertEqual(statuses, [200, 400, 404])
  }
}

final class PathSegmentTests: XCTestCase {
  /// The router's segments against the plainest reading of a path: split at every "/", percent-decode each piece.
  func testSegmentsAgreeWithSplittingAndDecodingEachPiece() throws {
    let pieces = ["a", "mål", "%C3%A5", "%2F", "%", "%4", "%FF", "", "Ærø", "x%20y", "+", "~", "%e6"]
    var random = SeededRandom(0x5EED_0000_0000_0042)
    var outcomes: Set<String> = []
    for _ in 0..<4000 {
      let path = "/" + (0..<random(5)).map { _ in pieces[random(pieces.count)] }.joined(separator: "/")
      let expected: Result<[String], HTTPError>
      if path == "/" {
        expected = .success([])
      } else {
        expected = Result {
          try path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            try PercentDecoding.decodePathSegment(String($0))
          }
        }.mapError { $0 as! HTTPError }
      }
      switch (expected, Result { try Router.decodedSegments(path) }) {
      case (.success(let segments), .success(let got)):
        XCTAssertEqual(got, segments, path)
        outcomes.insert("decoded")
      case (.failure(let error), .failure(let got as HTTPError)):
        // Bad escapes are the client's mistake (400); well-formed escapes of bytes that are not UTF-8 name
        // nothing a route could have (404).
        XCTAssertEqual(got.status.code, error.message.contains("UTF-8") ? 404 : 400, path)
        outcomes.insert("\(got.status.code)")
      case (let wanted, let got):
        XCTFail("\(path): expected \(wanted), got \(got)")
      }
    }
    XCTAssertEqual(outcomes, ["decoded", "400", "404"])
    XCTAssertThrowsError(try Router.decodedSegments("x/y"))
  }
}
