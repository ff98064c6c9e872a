import XCTest

@testable import Web

/// Every mistake in a template is found while the library is built, naming the file, line and column.
final class StartupErrorTests: XCTestCase {
  private func assertError(
    _ files: [String: String], file expectedFile: String, line expectedLine: Int, column expectedColumn: Int,
    mentions fragment: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    guard let error = TemplateFolder.error(files, file: file, line: line) else { return }
    XCTAssertEqual(error.file, expectedFile, "\(error)", file: file, line: line)
    XCTAssertEqual(error.line, expectedLine, "\(error)", file: file, line: line)
    XCTAssertEqual(error.column, expectedColumn, "\(error)", file: file, line: line)
    XCTAssertTrue(error.message.contains(fragment), "\(error)", file: file, line: line)
    XCTAssertTrue(error.description.hasPrefix("\(expectedFile):\(expectedLine):"), file: file, line: line)
  }

  func testUnclosedSectionNamesWhereItOpened() {
    assertError(
      ["page.html": "<ul>\n  {{# each goals }}\n    <li>{{ title }}</li>\n</ul>\n"],
      file: "page.html", line: 2, column: 3, mentions: "never closed")
  }

  func testMismatchedCloseNamesTheCloseAndTheOpen() {
    assertError(
      ["page.html": "{{# if a }}\n\n{{# each b }}x{{/ if }}{{/ each }}"],
      file: "page.html", line: 3, column: 15, mentions: "opened at line 3")
  }

  func testCloseWithoutOpenAndElseOutsideASection() {
    assertError(
      ["page.html": "a\nb {{/ if }}"], file: "page.html", line: 2, column: 3, mentions: "closes nothing")
    assertError(
      ["page.html": "{{ else }}"], file: "page.html", line: 1, column: 1, mentions: "outside a section")
    assertError(
      ["page.html": "{{# if a }}{{ else }}{{ else }}{{/ if }}"], file: "page.html", line: 1, column: 22,
      mentions: "second {{ else }}")
  }

  func testUnknownPartialNamesTheIncludingFile() {
    assertError(
      ["page.html": "x", "partials/list.html": "<ul>\n{{# each xs }}\n  {{> item }}\n{{/ each }}\n</ul>"],
      file: "partials/list.html", line: 3, column: 3, mentions: "no partial 'item'")
  }

  func testUnknownLayout() {
    assertError(
      ["page.html": "{{! layout: fancy }}\nx", "layouts/base.html": "{{ @content }}"],
      file: "page.html", line: 1, column: 1, mentions: "no layout 'fancy'")
  }

  func testLayoutLineMustComeFirstAndOnlyInPages() {
    assertError(
      ["page.html": "<p>\n{{! layout: base }}", "layouts/base.html": "{{ @content }}"],
      file: "page.html", line: 2, column: 1, mentions: "must come first")
    assertError(
      ["partials/p.html": "{{! layout: base }}", "layouts/base.html": "{{ @content }}"],
      file: "partials/p.html", line: 1, column: 1, mentions: "only a page")
    assertError(
      ["page.html": "{{ @content }}"], file: "page.html", line: 1, column: 1, mentions: "belongs in a layout")
  }

  func testBadTags() {
    let cases: [(String, Int, Int, String)] = [
      ("ok\n  {{ }}", 2, 3, "empty tag"),
      ("ok {{ name", 1, 4, "never closed"),
      ("{{ a {{ b }}", 1, 1, "before the next"),
      ("x\n\n{{{ html }}}", 3, 1, "raw(name)"),
      ("{{# for xs }}{{/ for }}", 1, 1, "unknown section"),
      ("{{# if }}{{/ if }}", 1, 1, "needs a value name"),
      ("{{# if a }}{{/ iff }}", 1, 12, "unknown closing tag"),
      ("{{ first name }}", 1, 1, "bad tag"),
      ("{{ a..b }}", 1, 1, "bad tag"),
      ("{{ raw(a b) }}", 1, 1, "bad value name"),
      ("{{> ../secret }}", 1, 1, "bad partial name"),
      ("æøå {{ 9lives }}", 1, 5, "bad tag"),
    ]
    for (template, line, column, fragment) in cases {
      assertError(["page.html": template], file: "page.html", line: line, column: column, mentions: fragment)
    }
  }

  func testPartialRecursionIsDetectedEvenWhenUnused() {
    assertError(
      [
        "page.html": "x", "partials/a.html": "{{> b }}", "partials/b.html": "\n{{> c }}",
        "partials/c.html": "{{> a }}",
      ],
      file: "partials/c.html", line: 1, column: 1, mentions: "a → b → c → a")
    assertError(
      ["page.html": "{{> self }}", "partials/self.html": "{{# if x }}{{> self }}{{/ if }}"],
      file: "partials/self.html", line: 1, column: 12, mentions: "includes itself")
  }

  func testAMissingFolderIsAnError() {
    XCTAssertThrowsError(try TemplateLibrary(directory: "/nonexistent/templates-\(UUID().uuidString)"))
  }
}
