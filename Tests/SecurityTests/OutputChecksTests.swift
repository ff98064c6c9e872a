import XCTest

/// The checks the crawls rely on find what they look for, so a clean crawl means something.
final class OutputChecksTests: XCTestCase {
  func testTheHTMLCheckFindsUnescapedMarkupAndBrokenAttributes() {
    XCTAssertEqual(
      OutputChecks.htmlProblems("<p title=\"a &quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">x</p>"), [])
    XCTAssertFalse(OutputChecks.htmlProblems("<p>\(HostileInput.script)</p>").isEmpty)
    XCTAssertFalse(OutputChecks.htmlProblems("<input value=\"\(HostileInput.imageTag)\">").isEmpty)
    XCTAssertFalse(OutputChecks.htmlProblems("<input value='\(HostileInput.svgTag)'>").isEmpty)
    XCTAssertFalse(OutputChecks.htmlProblems("<a href=\"\(HostileInput.javascriptURL)\">x</a>").isEmpty)
    XCTAssertFalse(OutputChecks.htmlProblems("<p>a < b</p>").isEmpty, "a stray < is not well-formed")
  }

  func testTheHTMLCheckReadsTagsAsTheTemplatesWriteThem() {
    let clean =
      "<!DOCTYPE html><html lang=\"da\"><!-- a <comment> --><br/><input disabled checked='checked' />"
      + "<p data-x.y:z=\"&lt;\">mål</p ><svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/></svg>"
    XCTAssertEqual(OutputChecks.htmlProblems(clean), [])
    for broken in [
      "<p title=x>", "<p a=\"1\"b=\"2\">", "<p a=\"<\">", "<p a=\"1>", "</p/>", "<!doc html>", "<p", "<!-- x",
      "<1p>", "<p =\"1\">",
    ] {
      XCTAssertFalse(OutputChecks.htmlProblems(broken).isEmpty, broken)
    }
    XCTAssertEqual(
      OutputChecks.htmlProblems("<a href=' JavaScript:x'>x</a><p ONCLICK=\"x\">"),
      ["javascript: URL in <a href=' JavaScript:x'>", "event handler in <p ONCLICK=\"x\">"])
  }

  func testTheXMLJSONAndCSVChecksFindBrokenOutput() {
    XCTAssertEqual(OutputChecks.xmlProblems(Array("<feed><title>a &lt;b&gt;</title></feed>".utf8)), [])
    XCTAssertFalse(
      OutputChecks.xmlProblems(Array("<feed><title>\(HostileInput.cdataBreak)</title></feed>".utf8)).isEmpty)
    XCTAssertFalse(OutputChecks.xmlProblems(Array("<feed><title>a\u{0}</title></feed>".utf8)).isEmpty)
    XCTAssertEqual(OutputChecks.jsonProblems(Array("{\"a\":\"\\u0000\"}".utf8)), [])
    XCTAssertFalse(OutputChecks.jsonProblems(Array("{\"a\":\"\u{0}\"}".utf8)).isEmpty)
    XCTAssertEqual(OutputChecks.csvProblems(Array("a;b\r\n'=1;-2\r\n".utf8)), [])
    XCTAssertFalse(OutputChecks.csvProblems(Array("a;b\r\n=1;x\r\n".utf8)).isEmpty)
  }

  func testByteSearchFindsWhatFoundationFinds() {
    let text = "mål <b>x</b> mål"
    XCTAssertEqual(text.utf8Offset(of: "mål"), 0)
    XCTAssertEqual(text.utf8Offset(of: "mål", from: 1), 14)
    XCTAssertEqual(text.utf8Offset(of: "<b>", from: 6), nil)
    XCTAssertEqual(text.dropFirst(4).utf8Offset(of: "</b>"), 4)
    XCTAssertEqual("a\u{0}<script>".utf8Offset(of: "<script"), 2, "past a NUL byte too")
    XCTAssertFalse("a\u{0}b".containsBytes("c"))
    XCTAssertTrue(text.containsBytes(""))
    for needle in ["<b>", "x</", "mål", "å", "y", "<b>x</b> mål!"] {
      XCTAssertEqual(text.containsBytes(needle), text.contains(needle), needle)
    }
  }
}
