/// HTML built in Swift and trusted as it is (an SVG chart, say). The only kind of value a template can output
/// unescaped, and only through the explicit `{{ raw(name) }}` tag; `{{ name }}` escapes it like any text.
public struct RawHTML: Sendable, Hashable {
  public let bytes: [UInt8]

  public init(trusted html: String) { bytes = Array(html.utf8) }

  public init(trustedBytes bytes: [UInt8]) { self.bytes = bytes }
}
