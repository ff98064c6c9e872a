import XCTest

@testable import Web

/// A tag that renders nothing (section, else, comment, partial, layout line), alone on its line, removes the
/// whole line; everything else keeps its whitespace exactly.
final class WhitespaceTests: XCTestCase {
  func testStandaloneSectionLinesDisappear() throws {
    let template = """
      <ul>
        {{# each xs }}
        <li>{{ . }}</li>
        {{/ each }}
      </ul>

      """
    XCTAssertEqual(
      try TemplateFolder.render(template, ["xs": ["a", "b"]]), "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
  }

  func testElseAndCommentLinesDisappearWithCRLFToo() throws {
    let template = "a\r\n{{# if x }}\r\nyes\r\n  {{ else }}  \r\nno\r\n{{/ if }}\r\n{{! note }}\r\nb"
    XCTAssertEqual(try TemplateFolder.render(template, ["x": false]), "a\r\nno\r\nb")
    XCTAssertEqual(try TemplateFolder.render(template, ["x": true]), "a\r\nyes\r\nb")
  }

  func testInlineTagsKeepTheirSurroundings() throws {
    XCTAssertEqual(
      try TemplateFolder.render("<p> {{# if x }} a {{/ if }} </p>\n", ["x": true]), "<p>  a  </p>\n")
    XCTAssertEqual(try TemplateFolder.render("  {{ v }}  \n", ["v": "x"]), "  x  \n", "values never strip")
    XCTAssertEqual(try TemplateFolder.render("  {{ v }}\n", [:]), "  \n", "an empty value keeps its line")
  }

  func testStandalonePartialLineAndTheLayoutLine() throws {
    let files = [
      "layouts/base.html": "<body>\n{{ @content }}</body>\n",
      "page.html": "{{! layout: base }}\n<main>\n  {{> item }}\n</main>\n",
      "partials/item.html": "  <p>item</p>\n",
    ]
    XCTAssertEqual(try TemplateFolder.render(files), "<body>\n<main>\n  <p>item</p>\n</main>\n</body>\n")
  }

  func testLastLineWithoutNewline() throws {
    XCTAssertEqual(try TemplateFolder.render("x\n{{# if a }}\ny\n{{/ if }}", ["a": true]), "x\ny\n")
  }
}
