/// One template file, parsed: its nodes (partials and the layout slot not yet resolved) and the layout it names.
struct ParsedTemplate: Sendable {
  enum Role: Sendable {
    case page
    case partial
    case layout
  }

  let file: String
  let role: Role
  let nodes: [TemplateNode]
  let layout: (name: String, location: SourceLocation)?

  init(file: String, role: Role, source: [UInt8]) throws(TemplateError) {
    self.file = file
    self.role = role
    var parser = SectionStack(file: file)
    var layout: (name: String, location: SourceLocation)?
    var seenOutput = false
    for piece in try TemplateLexer.pieces(of: source, file: file) {
      switch piece {
      case .text(let text):
        if text.bytes.contains(where: { !Self.isSpace($0) }) { seenOutput = true }
        parser.append(.text(text))
      case .tag(.layout(let name), let location):
        guard role == .page else { throw location.error("only a page names a layout") }
        guard layout == nil, !seenOutput else {
          throw location.error("the layout line must come first in the page")
        }
        layout = (name, location)
      case .tag(let tag, let location):
        seenOutput = true
        try parser.apply(tag, at: location, role: role)
      }
    }
    self.nodes = try parser.finish()
    self.layout = layout
  }
}

extension ParsedTemplate {
  fileprivate static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
      || byte == UInt8(ascii: "\n")
  }
}

/// Nests sections as their tags arrive and checks that each is closed by its own kind.
private struct SectionStack {
  private struct Open {
    let kind: SectionKind
    let path: TemplatePath
    let source: String
    let location: SourceLocation
    var body: [TemplateNode] = []
    var otherwise: [TemplateNode] = []
    var inOtherwise = false
  }

  let file: String
  private var top: [TemplateNode] = []
  private var open: [Open] = []

  init(file: String) { self.file = file }

  mutating func append(_ node: TemplateNode) {
    guard !open.isEmpty else {
      top.append(node)
      return
    }
    if open[open.count - 1].inOtherwise {
      open[open.count - 1].otherwise.append(node)
    } else {
      open[open.count - 1].body.append(node)
    }
  }

  mutating func apply(_ tag: TemplateTag, at location: SourceLocation, role: ParsedTemplate.Role)
    throws(TemplateError)
  {
    switch tag {
    case .comment, .layout: break
    case .value(let path): append(.value(path))
    case .raw(let path): append(.raw(path))
    case .partial(let name): append(.partial(name, location))
    case .slot:
      guard role == .layout else { throw location.error("{{ @content }} belongs in a layout") }
      append(.slot(location))
    case .open(let kind, let path, let source):
      open.append(Open(kind: kind, path: path, source: source, location: location))
    case .otherwise:
      guard let last = open.last else { throw location.error("{{ else }} outside a section") }
      guard !last.inOtherwise else {
        throw location.error(
          "a second {{ else }} in {{\(last.source) }} opened at line \(last.location.line)")
      }
      open[open.count - 1].inOtherwise = true
    case .close(let kind):
      guard let section = open.popLast() else { throw location.error("{{/ \(kind) }} closes nothing") }
      guard section.kind == kind else {
        throw location.error(
          "{{/ \(kind) }} does not match {{\(section.source) }} opened at line \(section.location.line)")
      }
      append(.section(kind, section.path, body: section.body, otherwise: section.otherwise))
    }
  }

  func finish() throws(TemplateError) -> [TemplateNode] {
    if let section = open.last {
      throw section.location.error("{{\(section.source) }} is never closed")
    }
    return top
  }
}
