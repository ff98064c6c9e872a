import Foundation
import XCTest

/// Reads the Web module's own source to show that values reach the page escaped, except `RawHTML` through the
/// `{{ raw(name) }}` tag.
final class RawOutputSourceTests: XCTestCase {
  private func sources() throws -> [String: String] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Sources/Web").standardizedFileURL
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".swift")
    }
    XCTAssertFalse(names.isEmpty)
    return try Dictionary(
      uniqueKeysWithValues: names.map {
        ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
      })
  }

  private func lines(containing needle: String, in sources: [String: String]) -> [String] {
    sources.sorted { $0.key < $1.key }.flatMap { name, text in
      text.split(separator: "\n").filter { $0.contains(needle) }.map {
        "\(name): \($0.trimmingCharacters(in: .whitespaces))"
      }
    }
  }

  func testTheOnlyUnescapedWritersAreTemplateTextAndRawHTML() throws {
    let sources = try sources()
    // A page's bytes live in HTMLOutput, and only HTMLOutput's own methods can change them.
    let output = try XCTUnwrap(sources["HTMLOutput.swift"])
    XCTAssertEqual(
      lines(containing: "UnsafeMutablePointer<UInt8>", in: sources).filter { $0.contains(" var ") },
      [
        "HTMLOutput.swift: private var base: UnsafeMutablePointer<UInt8>",
        "SVGWriter.swift: private var base: UnsafeMutablePointer<UInt8>",
      ])
    XCTAssertEqual(
      lines(containing: "HTMLOutput(", in: sources).count, 1, "one page buffer, made by the renderer")
    // HTMLOutput's writers: template text, trusted RawHTML, and the escaping ones.
    let writers = lines(containing: "mutating func write", in: ["HTMLOutput.swift": output])
    XCTAssertEqual(
      writers,
      [
        "HTMLOutput.swift: mutating func writeTemplateText(_ text: TemplateText, _ range: Range<Int>) {",
        "HTMLOutput.swift: mutating func writeTrusted(_ html: RawHTML) {",
        "HTMLOutput.swift: mutating func writeEscaped(_ text: String) {",
        "HTMLOutput.swift: mutating func writeEscaped(_ text: UnsafeBufferPointer<UInt8>) {",
      ])
    // writeTrusted is called once: for a RawHTML value of a {{ raw(name) }} tag.
    let trusted = lines(containing: "writeTrusted(", in: sources).filter { !$0.contains("func ") }
    XCTAssertEqual(trusted, ["TemplateRenderer.swift: output.writeTrusted(html)"])
    let renderer = try XCTUnwrap(sources["TemplateRenderer.swift"])
    let rawCase = try XCTUnwrap(renderer.range(of: "case .raw(let path):"))
    let trustedCall = try XCTUnwrap(renderer.range(of: "output.writeTrusted(html)"))
    let nextCase = try XCTUnwrap(
      renderer.range(of: "case .jump", range: rawCase.upperBound..<renderer.endIndex))
    XCTAssertTrue(rawCase.upperBound < trustedCall.lowerBound && trustedCall.upperBound < nextCase.lowerBound)
    // Template text comes only from template files, read by the lexer; a compiled page's text starts empty and
    // gathers the lexer's pieces.
    let madeText = lines(containing: "TemplateText(bytes:", in: sources)
    XCTAssertFalse(madeText.isEmpty)
    XCTAssertEqual(
      madeText.filter { !$0.hasPrefix("TemplateLexer.swift:") },
      ["TemplateProgram.swift: private(set) var text = TemplateText(bytes: [])"])
    // No triple-brace form exists, and nothing else in the module constructs RawHTML but GoalChart and LineChart,
    // each from an SVGWriter: its only writer of text that is not a literal escapes it; the others write digits and the
    // separators of numbers and dates, or an id's letters, digits, "-", "_" and "."; a fragment is what a writer
    // wrote before, and only a writer makes one.
    XCTAssertEqual(
      lines(containing: "RawHTML(", in: sources),
      [
        "GoalChart.swift: return RawHTML(trustedBytes: svg.finish())",
        "LineChart.swift: return RawHTML(trustedBytes: svg.finish())",
      ])
    let svgWriter = try XCTUnwrap(sources["SVGWriter.swift"])
    XCTAssertEqual(
      lines(containing: "mutating func ", in: ["SVGWriter.swift": svgWriter]).filter {
        !$0.contains("private")
      },
      [
        "SVGWriter.swift: mutating func markup(_ text: StaticString) {",
        "SVGWriter.swift: mutating func fragment(_ fragment: SVGFragment) {",
        "SVGWriter.swift: mutating func escaped(_ text: String) {",
        "SVGWriter.swift: mutating func danishNumber(_ value: Double, maximumFractionDigits: Int = 2) {",
        "SVGWriter.swift: mutating func quantity(_ value: Double, unit: String?) {",
        "SVGWriter.swift: mutating func date(_ date: CalendarDate) {",
        "SVGWriter.swift: mutating func integer(_ value: Int) {",
        "SVGWriter.swift: mutating func identifier(_ prefix: String) {",
        "SVGWriter.swift: mutating func number(_ value: Double) {",
        "SVGWriter.swift: mutating func attribute(_ name: StaticString, _ value: Double) {",
        "SVGWriter.swift: mutating func attributes(_ first: StaticString, _ second: StaticString, _ value: Double) {",
        "SVGWriter.swift: mutating func point(_ x: Double, _ y: Double) {",
      ])
    XCTAssertTrue(svgWriter.contains("count += HTMLEscaping.escape(source, into: base + count)"))
    XCTAssertEqual(
      lines(containing: "bytes = ", in: ["SVGWriter.swift": svgWriter]),
      ["SVGWriter.swift: bytes = writer.finish()"])
    XCTAssertTrue(svgWriter.contains("fileprivate let bytes: [UInt8]"))
  }
}
