import Foundation
import FoundationXML
import Web
import XCTest

/// What every page, feed, export and API answer must look like whatever was typed into the portal.
enum OutputChecks {
  /// Problems with an HTML page: a forbidden fragment, a tag whose attributes do not parse (an attribute broken out
  /// of), an event-handler attribute, a `javascript:` URL, or a `<` that starts no tag.
  static func htmlProblems(_ html: String) -> [String] {
    var problems: [String] = []
    let lowered = html.lowercased()
    for fragment in HostileInput.forbiddenFragments where lowered.contains(fragment) {
      problems.append("unescaped \(fragment)")
    }
    var index = html.startIndex
    while let open = html[index...].firstIndex(of: "<") {
      let rest = html[open...]
      if rest.hasPrefix("<!--") {
        guard let end = rest.range(of: "-->") else {
          problems.append("unclosed comment")
          break
        }
        index = end.upperBound
        continue
      }
      guard let match = rest.prefixMatch(of: Self.tag) else {
        problems.append("stray < at \(String(rest.prefix(60)).debugDescription)")
        index = html.index(after: open)
        continue
      }
      let tag = String(match.output.0)
      if !tag.hasPrefix("<!") && !tag.hasPrefix("</") {
        for attribute in tag.matches(of: Self.attribute) {
          let name = attribute.output.1.lowercased()
          let value = String(attribute.output.2 ?? "").lowercased()
          if name.hasPrefix("on") { problems.append("event handler in \(tag.prefix(80))") }
          if ["href", "src", "action", "formaction", "xlink:href"].contains(name),
            value.trimmingCharacters(in: .whitespaces).hasPrefix("javascript:")
          {
            problems.append("javascript: URL in \(tag.prefix(80))")
          }
        }
      }
      index = match.range.upperBound
    }
    return problems
  }

  /// A start tag with attributes that are all quoted (as the template engine writes them), an end tag, or a
  /// doctype.
  nonisolated(unsafe) static let tag =
    /<!(?i:doctype)[^<>]*>|<\/[a-zA-Z][a-zA-Z0-9-]*\s*>|<[a-zA-Z][a-zA-Z0-9-]*(\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(="[^"<]*"|='[^'<]*')?)*\s*\/?>/
  nonisolated(unsafe) static let attribute = /\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)"|='([^']*)')?/

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
