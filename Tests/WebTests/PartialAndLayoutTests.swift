import XCTest

@testable import Web

final class PartialAndLayoutTests: XCTestCase {
  func testPartialsRenderWithTheCurrentContextAndNest() throws {
    let files = [
      "page.html": "<ul>{{# each goals }}{{> goal }}{{/ each }}</ul>",
      "partials/goal.html": "<li>{{ title }}{{> citizen/badge }}</li>",
      "partials/citizen/badge.html": "{{# if met }} ✓ {{ ../owner }}{{/ if }}",
    ]
    let html = try TemplateFolder.render(
      files, ["owner": "Ærø", "goals": [["title": "A", "met": true], ["title": "B", "met": false]]])
    XCTAssertEqual(html, "<ul><li>A ✓ Ærø</li><li>B</li></ul>")
  }

  func testTheSamePartialIncludedTwiceIsNotACycle() throws {
    let files = [
      "page.html": "{{> x }}{{> x }}{{> y }}", "partials/x.html": "x", "partials/y.html": "{{> x }}",
    ]
    XCTAssertEqual(try TemplateFolder.render(files), "xxx")
  }

  func testAPageIsWrappedInTheLayoutItNamesAndTheLayoutSeesItsContext() throws {
    let files = [
      "layouts/base.html":
        "<title>{{ title }} – Brugerinformation</title>{{> nav }}<main>{{ @content }}</main>",
      "partials/nav.html": "<nav>{{ user }}</nav>",
      "page.html": "{{! layout: base }}\n<h1>{{ title }}</h1>",
      "bare.html": "<h1>{{ title }}</h1>",
    ]
    let library = try TemplateFolder.library(files)
    let context: TemplateValue = ["title": "Høje-Taastrup", "user": "<anon>"]
    XCTAssertEqual(
      String(decoding: try library.render("page", context), as: UTF8.self),
      "<title>Høje-Taastrup – Brugerinformation</title><nav>&lt;anon&gt;</nav><main><h1>Høje-Taastrup</h1></main>"
    )
    XCTAssertEqual(
      String(decoding: try library.render("bare", context), as: UTF8.self), "<h1>Høje-Taastrup</h1>")
  }

  func testALayoutTakesExactlyOneSlotWhichMayStandInsideASection() throws {
    let layout =
      "{{# if wide }}<div class=wide>{{ @content }}</div>{{ else }}<div>{{ @content }}</div>{{/ if }}"
    let error = TemplateFolder.error(["layouts/base.html": layout, "page.html": "{{! layout: base }}x"])
    let secondSlot = layout.range(of: "{{ @content }}", options: .backwards)!.lowerBound
    XCTAssertEqual(error?.file, "layouts/base.html")
    XCTAssertEqual(error?.line, 1)
    XCTAssertEqual(error?.column, layout.distance(from: layout.startIndex, to: secondSlot) + 1)
    XCTAssertEqual(error?.message, "a layout takes only one {{ @content }}")
    let single = [
      "layouts/base.html": "{{# if wide }}<b>{{/ if }}{{ @content }}", "page.html": "{{! layout: base }}x",
    ]
    XCTAssertEqual(try TemplateFolder.render(single, ["wide": true]), "<b>x")
    XCTAssertEqual(try TemplateFolder.render(single, ["wide": false]), "x")
    XCTAssertEqual(TemplateFolder.error(["layouts/base.html": "no slot"])?.file, "layouts/base.html")
  }

  func testPagesInFoldersAreNamedByTheirPath() throws {
    let library = try TemplateFolder.library([
      "citizen/municipality.html": "m", "index.html": "i", "README.md": "{{", ".#index.html": "{{",
    ])
    XCTAssertEqual(library.names, ["citizen/municipality", "index"])
    XCTAssertEqual(try library.render("citizen/municipality", [:]), Array("m".utf8))
    XCTAssertNoThrow(try library.require(["index", "citizen/municipality"]))
    XCTAssertThrowsError(try library.require(["index", "ministry/dashboard"])) { error in
      XCTAssertEqual((error as? TemplateError)?.file, "ministry/dashboard.html")
    }
    XCTAssertThrowsError(try library.render("nope", [:]))
  }

  func testResponseIsUTF8HTML() throws {
    let library = try TemplateFolder.library(["page.html": "<p>{{ x }}</p>"])
    let response = try library.response("page", ["x": "æ"], status: .notFound)
    XCTAssertEqual(response.status.code, 404)
    XCTAssertEqual(response.headers["Content-Type"], "text/html; charset=utf-8")
    guard case .bytes(let body) = response.body else { return XCTFail("not a byte body") }
    XCTAssertEqual(body, Array("<p>æ</p>".utf8))
  }
}
