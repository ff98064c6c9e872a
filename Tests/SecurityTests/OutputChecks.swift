import Foundation
import FoundationXML
import Glibc
import Web
import XCTest

/// What every page, feed, export and API answer must look like whatever was typed into the portal.
enum OutputChecks {
  /// Problems with an HTML page: a forbidden fragment, a tag whose attributes do not parse (an attribute broken out
  /// of), an event-handler attribute, a `javascript:` URL, or a `<` that starts no tag.
  static func htmlProblems(_ html: String) -> [String] {
    var problems: [String] = []
    let lowered = html.lowercased()
    for fragment in HostileInput.forbiddenFragments where lowered.containsBytes(fragment) {
      problems.append("unescaped \(fragment)")
    }
    var html = html
    html.withUTF8 { problems += tagProblems(TagScanner(bytes: $0)) }
    return problems
  }

  /// Walks from `<` to `<` (found with `memchr`), reading each tag; byte by byte only inside tags.
  private static func tagProblems(_ scanner: TagScanner) -> [String] {
    var scanner = scanner
    var problems: [String] = []
    var index = 0
    while let open = scanner.offset(of: "<", from: index) {
      if scanner.hasPrefix("<!--", at: open) {
        guard let end = scanner.offset(of: "-->", from: open + 2) else {
          problems.append("unclosed comment")
          break
        }
        index = end + 3
        continue
      }
      guard scanner.readTag(at: open) else {
        let rest = scanner.text(open..<min(scanner.bytes.count, open + 240))
        problems.append("stray < at \(String(rest.prefix(60)).debugDescription)")
        index = open + 1
        continue
      }
      let tag = open..<scanner.index
      for attribute in scanner.attributes {
        if scanner.hasPrefix("on", at: attribute.name.lowerBound, ignoringCase: true) {
          problems.append("event handler in \(scanner.text(tag).prefix(80))")
        }
        if ["href", "src", "action", "formaction", "xlink:href"].contains(
          scanner.text(attribute.name).lowercased()),
          scanner.text(attribute.value).lowercased().trimmingCharacters(in: .whitespaces).hasPrefix(
            "javascript:")
        {
          problems.append("javascript: URL in \(scanner.text(tag).prefix(80))")
        }
      }
      index = scanner.index
    }
    return problems
  }

  /// Reads tags as the template engine writes them: a start tag whose attributes are all quoted
  /// (`<p class="a">`, no `<` in a value, a space before each attribute), an end tag (`</p >`), or a doctype.
  /// Anything else starting with `<` is not a tag.
  struct TagScanner {
    struct Attribute {
      var name: Range<Int>
      /// Empty when the attribute has no value.
      var value: Range<Int>
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// After `readTag`: just past the closing `>`.
    private(set) var index = 0
    /// After `readTag`: the start tag's attributes.
    private(set) var attributes: [Attribute] = []

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func text(_ range: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Where `needle` is next found at or after `start`.
    func offset(of needle: StaticString, from start: Int) -> Int? {
      ByteSearch.offset(
        of: UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount), in: bytes,
        from: start)
    }

    func hasPrefix(_ prefix: StaticString, at start: Int, ignoringCase: Bool = false) -> Bool {
      let count = prefix.utf8CodeUnitCount
      guard start + count <= bytes.count, let base = bytes.baseAddress else { return false }
      return
        (ignoringCase
        ? strncasecmp(base + start, prefix.utf8Start, count) : memcmp(base + start, prefix.utf8Start, count))
        == 0
    }

    private var byte: UInt8 { index < bytes.count ? bytes[index] : 0 }

    /// Whether a tag starts at `start` (a `<`); if so `index` is just past it and `attributes` are its own.
    mutating func readTag(at start: Int) -> Bool {
      index = start + 1
      attributes.removeAll(keepingCapacity: true)
      if byte == UInt8(ascii: "!") {
        index += 1
        guard hasPrefix("doctype", at: index, ignoringCase: true) else { return false }
        while index < bytes.count, bytes[index] != UInt8(ascii: "<"), bytes[index] != UInt8(ascii: ">") {
          index += 1
        }
        guard byte == UInt8(ascii: ">") else { return false }
        index += 1
        return true
      }
      let isEnd = byte == UInt8(ascii: "/")
      if isEnd { index += 1 }
      guard Self.isLetter(byte) else { return false }
      while Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "-") { index += 1 }
      while true {
        let spaceStart = index
        while Self.isSpace(byte) { index += 1 }
        if byte == UInt8(ascii: ">") {
          index += 1
          return true
        }
        if !isEnd, hasPrefix("/>", at: index) {
          index += 2
          return true
        }
        guard !isEnd, index > spaceStart, Self.isNameStart(byte) else { return false }
        let nameStart = index
        while Self.isNameStart(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "-")
          || byte == UInt8(ascii: ".")
        {
          index += 1
        }
        let name = nameStart..<index
        var value = index..<index
        if byte == UInt8(ascii: "=") {
          index += 1
          let quote = byte
          guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return false }
          index += 1
          let valueStart = index
          while index < bytes.count, byte != quote, byte != UInt8(ascii: "<") { index += 1 }
          guard index < bytes.count, byte == quote else { return false }
          value = valueStart..<index
          index += 1
        }
        attributes.append(Attribute(name: name, value: value))
      }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isNameStart(_ byte: UInt8) -> Bool {
      isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
    }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
  }

  /// Problems with an XML document: not well-formed, or a forbidden fragment as markup.
  static func xmlProblems(_ bytes: [UInt8]) -> [String] {
    let parser = XMLParser(data: Data(bytes))
    let delegate = ElementNames()
    parser.delegate = delegate
    var problems: [String] = []
    if !parser.parse() {
      problems.append("not well-formed: \(parser.parserError.map { "\($0)" } ?? "?")")
    }
    for name in delegate.names where ["script", "img", "svg"].contains(name.lowercased()) {
      problems.append("element <\(name)> from data")
    }
    return problems
  }

  private final class ElementNames: NSObject, XMLParserDelegate {
    var names: [String] = []
    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      names.append(elementName)
    }
  }

  /// Problems with a JSON answer: not parseable.
  static func jsonProblems(_ bytes: [UInt8]) -> [String] {
    do {
      _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
      return []
    } catch {
      return ["not JSON: \(error)"]
    }
  }

  /// Problems with a CSV download: it must read back (`CSVTable`) and no text cell may start like a formula.
  static func csvProblems(_ bytes: [UInt8]) -> [String] {
    let table: CSVTable
    do {
      table = try CSVTable(
        parsing: bytes, limits: CSVTable.Limits(maximumRecords: 100_000, maximumFieldBytes: 1_000_000))
    } catch {
      return ["unreadable CSV: \(error)"]
    }
    var problems: [String] = []
    for record in table.records {
      for cell in record.fields where CSVFormula.looksLikeFormula(cell) {
        problems.append("formula cell \(cell.prefix(60).debugDescription)")
      }
    }
    return problems
  }

  /// The problems of `body` for its content type.
  static func problems(contentType: String, body: [UInt8]) -> [String] {
    let type = contentType.lowercased()
    if type.hasPrefix("text/html") { return htmlProblems(String(decoding: body, as: UTF8.self)) }
    if type.contains("xml") { return xmlProblems(body) }
    if type.contains("json") { return jsonProblems(body) }
    if type.hasPrefix("text/csv") { return csvProblems(body) }
    return []
  }
}
