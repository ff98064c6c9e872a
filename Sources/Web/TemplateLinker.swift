/// Resolves partials (inlined, so a render never looks one up), checks they do not include themselves, and
/// wraps pages in their layouts.
struct TemplateLinker {
  private let partials: [String: ParsedTemplate]
  private var linkedPartials: [String: [TemplateNode]] = [:]

  init(partials: [String: ParsedTemplate]) { self.partials = partials }

  mutating func link(_ template: ParsedTemplate) throws(TemplateError) -> [TemplateNode] {
    try link(template.nodes, including: [])
  }

  /// Links every partial, used or not, so an include cycle anywhere is an error.
  mutating func linkAllPartials() throws(TemplateError) {
    for name in partials.keys.sorted() {
      _ = try partial(name, at: SourceLocation(file: partials[name]!.file, line: 0, column: 0), including: [])
    }
  }

  private mutating func link(_ nodes: [TemplateNode], including chain: [String]) throws(TemplateError)
    -> [TemplateNode]
  {
    var result: [TemplateNode] = []
    for node in nodes {
      switch node {
      case .partial(let name, let location):
        result += try partial(name, at: location, including: chain)
      case .section(let kind, let path, let body, let otherwise):
        result.append(
          .section(
            kind, path, body: try link(body, including: chain),
            otherwise: try link(otherwise, including: chain)))
      case .text, .value, .raw, .slot:
        result.append(node)
      }
    }
    return result
  }

  private mutating func partial(_ name: String, at location: SourceLocation, including chain: [String])
    throws(TemplateError) -> [TemplateNode]
  {
    if chain.contains(name) {
      let cycle = (chain.drop { $0 != name } + [name]).joined(separator: " → ")
      throw location.error("partial '\(name)' includes itself: \(cycle)")
    }
    if let linked = linkedPartials[name] { return linked }
    guard let parsed = partials[name] else {
      throw location.error("no partial '\(name)' (looked for partials/\(name).html)")
    }
    let linked = try link(parsed.nodes, including: chain + [name])
    linkedPartials[name] = linked
    return linked
  }

  /// The layout's nodes with its one `{{ @content }}` replaced by the page's.
  static func wrap(_ page: [TemplateNode], in layout: [TemplateNode]) -> [TemplateNode] {
    layout.flatMap { node -> [TemplateNode] in
      switch node {
      case .slot: return page
      case .section(let kind, let path, let body, let otherwise):
        return [.section(kind, path, body: wrap(page, in: body), otherwise: wrap(page, in: otherwise))]
      default: return [node]
      }
    }
  }

  static func slots(in nodes: [TemplateNode]) -> [SourceLocation] {
    nodes.flatMap { node -> [SourceLocation] in
      switch node {
      case .slot(let location): [location]
      case .section(_, _, let body, let otherwise): slots(in: body) + slots(in: otherwise)
      default: []
      }
    }
  }

  /// Joins neighbouring text and drops empty text, so a render copies each run of template text once.
  static func coalesce(_ nodes: [TemplateNode]) -> [TemplateNode] {
    var result: [TemplateNode] = []
    for node in nodes {
      switch node {
      case .text(let text) where text.bytes.isEmpty:
        continue
      case .text(let text):
        if case .text(var previous) = result.last {
          previous.bytes += text.bytes
          result[result.count - 1] = .text(previous)
        } else {
          result.append(node)
        }
      case .section(let kind, let path, let body, let otherwise):
        result.append(.section(kind, path, body: coalesce(body), otherwise: coalesce(otherwise)))
      default:
        result.append(node)
      }
    }
    return result
  }

  static func textBytes(in nodes: [TemplateNode]) -> Int {
    nodes.reduce(0) { total, node in
      switch node {
      case .text(let text): total + text.bytes.count
      case .section(_, _, let body, let otherwise): total + textBytes(in: body) + textBytes(in: otherwise)
      default: total
      }
    }
  }
}
