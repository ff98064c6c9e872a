/// Writes metrics in the Prometheus text exposition format, version 0.0.4: per family a `# HELP` and a `# TYPE`
/// line, then its samples `name{label="value",…} number`, one a line.
public struct PrometheusText: Sendable {
  public enum MetricType: String, Sendable {
    case counter, gauge, histogram, summary, untyped
  }

  public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

  public private(set) var text = ""

  public init() {}

  /// Starts a family; its samples follow (a histogram's as `name_bucket`, `name_sum`, `name_count`).
  public mutating func family(_ name: String, _ type: MetricType, help: String) {
    text += "# HELP \(name) "
    for character in help.unicodeScalars {
      switch character {
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      default: text.unicodeScalars.append(character)
      }
    }
    text += "\n# TYPE \(name) \(type.rawValue)\n"
  }

  public mutating func sample(_ name: String, labels: [(String, String)] = [], _ value: Double) {
    sample(name, labels: labels, formatted: Self.format(value))
  }

  public mutating func sample(_ name: String, labels: [(String, String)] = [], _ value: UInt64) {
    sample(name, labels: labels, formatted: String(value))
  }

  public mutating func sample(_ name: String, labels: [(String, String)] = [], _ value: Int) {
    sample(name, labels: labels, formatted: String(value))
  }

  private mutating func sample(_ name: String, labels: [(String, String)], formatted: String) {
    text += name
    if !labels.isEmpty {
      text += "{"
      for (index, (label, value)) in labels.enumerated() {
        if index > 0 { text += "," }
        text += label
        text += "=\""
        Self.appendEscaped(value, to: &text)
        text += "\""
      }
      text += "}"
    }
    text += " "
    text += formatted
    text += "\n"
  }

  /// The text as a 200 answer that no cache keeps.
  public var response: Response {
    Response(
      headers: ["Content-Type": Self.contentType, "Cache-Control": "no-store"], body: .bytes(Array(text.utf8))
    )
  }

  /// A label value with `\`, `"` and line feeds escaped.
  static func appendEscaped(_ value: String, to text: inout String) {
    for character in value.unicodeScalars {
      switch character {
      case "\\": text += "\\\\"
      case "\"": text += "\\\""
      case "\n": text += "\\n"
      default: text.unicodeScalars.append(character)
      }
    }
  }

  /// Integral values without a fraction ("3"), others as Swift writes them ("0.0025", "1e-06"), and the
  /// spellings of the format for the special values ("+Inf", "-Inf", "NaN").
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}
