import XCTest

@testable import Web

final class EscapingTests: XCTestCase {
  func testEveryDangerousCharacterIsEscapedInText() throws {
    let html = try TemplateFolder.render("<p>{{ text }}</p>", ["text": "a & b < c > d \" e ' f"])
    XCTAssertEqual(html, "<p>a &amp; b &lt; c &gt; d &quot; e &#39; f</p>")
  }

  /// NUL and the other controls HTML forbids in a document (typed or pasted into a field, or searched for) would make
  /// the page invalid; they are left out, while tab, line feed, form feed and carriage return stay.
  func testControlCharactersHTMLForbidsAreLeftOut() throws {
    let html = try TemplateFolder.render(
      "<p title=\"{{ text }}\">{{ text }}</p>",
      ["text": "nul\u{0}bel\u{7}esc\u{1B}vt\u{B}del\u{7F}\tlf\nff\u{C}cr\rend"])
    let kept = "nulbelescvtdel\tlf\nff\u{C}cr\rend"
    XCTAssertEqual(html, "<p title=\"\(kept)\">\(kept)</p>")
  }

  func testValuesInQuotedAttributesCannotCloseTheAttribute() throws {
    let html = try TemplateFolder.render(
      #"<a href="/k/{{ slug }}" title='{{ title }}'>x</a>"#,
      ["slug": #"x" onclick="alert(1)"#, "title": "it's <b>"])
    XCTAssertEqual(html, #"<a href="/k/x&quot; onclick=&quot;alert(1)" title='it&#39;s &lt;b&gt;'>x</a>"#)
  }

  func testScriptInAValueComesOutInert() throws {
    let html = try TemplateFolder.render("{{ name }}", ["name": "<script>alert('x')</script>"])
    XCTAssertFalse(html.contains("<script>"))
    XCTAssertEqual(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
  }

  func testRawHTMLIsWrittenAsItIsOnlyThroughTheRawForm() throws {
    let chart = RawHTML(trusted: #"<svg width="10"><rect/></svg>"#)
    let html = try TemplateFolder.render("{{ raw(chart) }}|{{ chart }}", ["chart": .raw(chart)])
    XCTAssertEqual(
      html, #"<svg width="10"><rect/></svg>|&lt;svg width=&quot;10&quot;&gt;&lt;rect/&gt;&lt;/svg&gt;"#)
  }

  func testTheRawFormStillEscapesAPlainString() throws {
    let html = try TemplateFolder.render("{{ raw(name) }}", ["name": "<b>bold</b>"])
    XCTAssertEqual(html, "&lt;b&gt;bold&lt;/b&gt;")
  }

  func testNumbersAndBooleansRenderAsText() throws {
    let html = try TemplateFolder.render(
      "{{ n }} {{ x }} {{ yes }} {{ no }}", ["n": -42, "x": 1.5, "yes": true, "no": false])
    XCTAssertEqual(html, "-42 1.5 true false")
  }

  func testDanishTextPassesThroughByteExact() throws {
    let template = "<h1>Kommunernes kvalitetskontrakter: æøå ÆØÅ – “citat” 🇩🇰</h1><p>{{ name }}</p>"
    let name = "Høje-Taastrup, Brønderslev, Ærø & Læsø"
    let bytes = try TemplateFolder.library(["page.html": template]).render("page", ["name": .string(name)])
    let expected =
      "<h1>Kommunernes kvalitetskontrakter: æøå ÆØÅ – “citat” 🇩🇰</h1><p>Høje-Taastrup, Brønderslev, Ærø &amp; Læsø</p>"
    XCTAssertEqual(bytes, Array(expected.utf8))
  }

  /// The word-at-a-time escaper must agree with the obvious byte-by-byte one at every offset and length.
  func testEscaperAgreesWithByteByByteEscaping() {
    let alphabet =
      Array("&<>\"'#$%;=?:() abcæøå\t\n\r".utf8) + [0, 0x01, 0x0B, 0x0C, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xFF]
    var generator = SystemRandomNumberGenerator()
    for length in 0..<70 {
      for _ in 0..<30 {
        let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
        var output = HTMLOutput(capacity: 0)
        text.withUnsafeBufferPointer { output.writeEscaped($0) }
        let bytes = output.finish()
        XCTAssertEqual(bytes, reference(text), "\(text)")
      }
    }
  }

  /// Every byte value at every offset of a word and past it, through the public primitive the benchmark page uses.
  func testEveryByteValueAtEveryOffset() {
    for byte in 0...255 {
      for offset in 0..<17 {
        var text = [UInt8](repeating: UInt8(ascii: "a"), count: 17)
        text[offset] = UInt8(byte)
        let escaped = [UInt8](unsafeUninitializedCapacity: text.count * 6 + 8) { buffer, count in
          count = text.withUnsafeBufferPointer { HTMLEscaping.escape($0, into: buffer.baseAddress!) }
        }
        XCTAssertEqual(escaped, reference(text), "byte \(byte) at \(offset)")
      }
    }
  }

  func testPagesLargerThanTheFirstBufferGrowIntact() throws {
    let big = String(repeating: "<æ&", count: 40_000)
    let raw = RawHTML(trusted: String(repeating: "<b>ø</b>", count: 30_000))
    let html = try TemplateFolder.render(
      "{{# each xs }}[{{ . }}]{{/ each }}{{ raw(r) }}", ["xs": [.string(big), "x"], "r": .raw(raw)])
    let escapedBig = String(repeating: "&lt;æ&amp;", count: 40_000)
    XCTAssertEqual(html, "[\(escapedBig)][x]" + String(repeating: "<b>ø</b>", count: 30_000))
  }

  private func reference(_ text: [UInt8]) -> [UInt8] {
    text.flatMap { byte -> [UInt8] in
      switch byte {
      case UInt8(ascii: "&"): Array("&amp;".utf8)
      case UInt8(ascii: "<"): Array("&lt;".utf8)
      case UInt8(ascii: ">"): Array("&gt;".utf8)
      case UInt8(ascii: "\""): Array("&quot;".utf8)
      case UInt8(ascii: "'"): Array("&#39;".utf8)
      case 0x09, 0x0A, 0x0C, 0x0D: [byte]
      case 0x00..<0x20, 0x7F: []
      default: [byte]
      }
    }
  }
}
