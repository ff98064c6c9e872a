import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An SVG parsed with Foundation's XML parser (which fails on anything that is not well-formed XML): its
/// elements in document order with their attributes, and the text inside each.
struct SVGDocument {
  struct Element {
    var name: String
    var attributes: [String: String]
    /// The text directly inside the element (not inside its children).
    var text: String
    /// The names of the elements around it, outermost first.
    var ancestors: [String]
    /// The class attributes of the elements around it, outermost first.
    var ancestorClasses: [String]

    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
  }

  let elements: [Element]

  init(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
    let collector = Collector()
    let parser = XMLParser(data: Data(bytes))
    parser.delegate = collector
    let parsed = parser.parse()
    XCTAssertTrue(
      parsed, "not well-formed: \(String(describing: parser.parserError))", file: file, line: line)
    guard parsed else { throw CocoaError(.coderReadCorrupt) }
    elements = collector.finished
  }

  var root: Element { elements[0] }

  func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

  func all(class name: String) -> [Element] { elements.filter { $0.classes.contains(name) } }

  func element(id: String) -> Element? { elements.first { $0.attributes["id"] == id } }

  private final class Collector: NSObject, XMLParserDelegate {
    var finished: [Element] = []
    private var open: [Element] = []
    /// Where each open element goes in `finished`, so it keeps document order.
    private var slots: [Int] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String]
    ) {
      let element = Element(
        name: elementName, attributes: attributes, text: "", ancestors: open.map(\.name),
        ancestorClasses: open.map { $0.attributes["class"] ?? "" })
      slots.append(finished.count)
      finished.append(element)
      open.append(element)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      guard !open.isEmpty else { return }
      open[open.count - 1].text += string
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
      finished[slots.removeLast()] = open.removeLast()
    }
  }
}
