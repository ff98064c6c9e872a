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
}
