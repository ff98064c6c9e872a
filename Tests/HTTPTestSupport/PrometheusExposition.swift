/// A strict reader of the Prometheus text exposition format 0.0.4, for tests: it throws on anything the format does
/// not allow (bad names, bad escapes, a sample before its family's `# TYPE`, a family split in two groups, a
/// duplicate series, a second HELP or TYPE) so that a scrape that parses here also parses in Prometheus.
public struct PrometheusExposition {
  public struct Sample: Equatable {
    public var name: String
    public var labels: [String: String]
    public var value: Double
  }

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Family name → its `# TYPE` (counter, gauge, histogram, summary, untyped).
  public private(set) var types: [String: String] = [:]
  public private(set) var helps: [String: String] = [:]
  public private(set) var samples: [Sample] = []

  private static let types = ["counter", "gauge", "histogram", "summary", "untyped"]

  public init(parsing text: String) throws {
    guard text.isEmpty || text.hasSuffix("\n") else {
      throw Failure(description: "the text must end in a line feed")
    }
    var finished: Set<String> = []
    var current: String?
    var seen: Set<String> = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      .enumerated()
    {
      func fail(_ why: String) -> Failure { Failure(description: "line \(number + 1) «\(line)»: \(why)") }
      if line.isEmpty { continue }
      if line.hasPrefix("#") {
        let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard words.count >= 3, words[0] == "#", words[1] == "HELP" || words[1] == "TYPE" else { continue }
        let name = String(words[2])
        guard Self.isMetricName(name) else { throw fail("bad metric name") }
        let rest = words.count == 4 ? String(words[3]) : ""
        if words[1] == "HELP" {
          guard helps[name] == nil else { throw fail("second HELP") }
          do { helps[name] = try Self.unescape(rest, quotes: false) } catch let why as Why {
            throw fail(why.text)
          }
        } else {
          guard types[name] == nil else { throw fail("second TYPE") }
          guard Self.types.contains(rest) else { throw fail("unknown type") }
          guard !finished.contains(name), current != name else {
            throw fail("TYPE after the family's samples")
          }
          types[name] = rest
        }
        continue
      }
      let sample: Sample
      do { sample = try Self.sample(line) } catch let why as Why { throw fail(why.text) }
      let family = family(of: sample.name)
      guard types[family] != nil else { throw fail("sample without a TYPE for \(family)") }
      if current != family {
        if let current { finished.insert(current) }
        guard !finished.contains(family) else { throw fail("family \(family) in two groups") }
        current = family
      }
      let key =
        sample.name + "{"
        + sample.labels.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: ",")
      guard seen.insert(key).inserted else { throw fail("duplicate series") }
      samples.append(sample)
    }
  }

  /// The family a sample belongs to: a histogram's `_bucket`, `_sum` and `_count` belong to the histogram.
  public func family(of name: String) -> String {
    for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
      let base = String(name.dropLast(suffix.count))
      if let type = types[base], type == "histogram" || (type == "summary" && suffix != "_bucket") {
        return base
      }
    }
    return name
  }

  /// The value of the series with exactly these labels.
  public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
    samples.first { $0.name == name && $0.labels == labels }?.value
  }

  /// The sum over the series named `name` whose labels include `matching` (0 when there are none).
  public func sum(_ name: String, matching: [String: String] = [:]) -> Double {
    samples.filter { sample in
      sample.name == name && matching.allSatisfy { sample.labels[$0.key] == $0.value }
    }.reduce(0) { $0 + $1.value }
  }

  static func isMetricName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || first == ":" || isLetter(first) else {
      return false
    }
    return name.unicodeScalars.allSatisfy {
      $0 == "_" || $0 == ":" || isLetter($0) || ("0"..."9").contains($0)
    }
  }

  static func isLabelName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || isLetter(first) else { return false }
    return name.unicodeScalars.allSatisfy { $0 == "_" || isLetter($0) || ("0"..."9").contains($0) }
  }

  private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }

  /// `name{label="value",…} value [timestamp]`
  private struct Why: Error {
    var text: String
    init(_ text: String) { self.text = text }
  }

  private static func sample(_ line: Substring) throws -> Sample {
    var rest = line[...]
    let nameEnd = rest.firstIndex { $0 == "{" || $0 == " " } ?? rest.endIndex
    let name = String(rest[..<nameEnd])
    guard isMetricName(name) else { throw Why("bad metric name") }
    rest = rest[nameEnd...]
    var labels: [String: String] = [:]
    if rest.first == "{" {
      rest = rest.dropFirst()
      while rest.first != "}" {
        guard let equals = rest.firstIndex(of: "=") else { throw Why("label without =") }
        let label = String(rest[..<equals])
        guard isLabelName(label) else { throw Why("bad label name «\(label)»") }
        guard labels[label] == nil else { throw Why("label \(label) twice") }
        rest = rest[rest.index(after: equals)...]
        guard rest.first == "\"" else { throw Why("label value not quoted") }
        rest = rest.dropFirst()
        var raw = ""
        var escaped = false
        while let character = rest.first, escaped || character != "\"" {
          escaped = !escaped && character == "\\"
          raw.append(character)
          rest = rest.dropFirst()
        }
        guard rest.first == "\"" else { throw Why("unterminated label value") }
        rest = rest.dropFirst()
        labels[label] = try unescape(raw, quotes: true)
        if rest.first == "," {
          rest = rest.dropFirst()
        } else if rest.first != "}" {
          throw Why("expected , or } after a label")
        }
      }
      rest = rest.dropFirst()
    }
    guard rest.first == " " else { throw Why("no space before the value") }
    let fields = rest.dropFirst().split(separator: " ", omittingEmptySubsequences: false)
    guard fields.count == 1 || (fields.count == 2 && Int64(fields[1]) != nil) else {
      throw Why("expected a value and an optional timestamp")
    }
    guard let value = number(fields[0]) else { throw Why("bad value «\(fields[0])»") }
    return Sample(name: name, labels: labels, value: value)
  }

  /// A Go float: decimal or exponent notation, `+Inf`, `-Inf`, `NaN`.
  public static func number(_ text: Substring) -> Double? {
    switch text {
    case "+Inf": return .infinity
    case "-Inf": return -.infinity
    case "NaN": return .nan
    default:
      guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
      return Double(text)
    }
  }

  /// Undoes `\\`, `\n` and (in label values) `\"`; any other escape is an error.
  private static func unescape(_ text: String, quotes: Bool) throws -> String {
    var result = ""
    var iterator = text.makeIterator()
    while let character = iterator.next() {
      guard character == "\\" else {
        result.append(character)
        continue
      }
      switch iterator.next() {
      case "\\": result.append("\\")
      case "n": result.append("\n")
      case "\"" where quotes: result.append("\"")
      case let other: throw Why("bad escape \\\(other.map(String.init) ?? "")")
      }
    }
    return result
  }
}
