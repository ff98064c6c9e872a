/// Walks compiled nodes once, writing into one `HTMLOutput`. Values are always written escaped; the single
/// exception is the `.raw` node given a `RawHTML` value.
struct TemplateRenderer {
  private struct Scope {
    let value: TemplateValue
    /// Position in the enclosing `each`; nil for the page's own context.
    let loop: (index: Int, count: Int)?
  }

  private(set) var output: HTMLOutput
  private var scopes: [Scope]

  init(context: TemplateValue, capacity: Int) {
    output = HTMLOutput(capacity: capacity)
    scopes = [Scope(value: context, loop: nil)]
  }

  mutating func render(_ nodes: [TemplateNode]) {
    for node in nodes {
      switch node {
      case .text(let text):
        output.writeTemplateText(text)
      case .value(let path):
        writeValue(value(at: path))
      case .raw(let path):
        let value = value(at: path)
        if case .raw(let html) = value {
          output.writeTrusted(html)
        } else {
          writeValue(value)
        }
      case .section(.if, let path, let body, let otherwise):
        render(value(at: path).isTruthy ? body : otherwise)
      case .section(.unless, let path, let body, let otherwise):
        render(value(at: path).isTruthy ? otherwise : body)
      case .section(.each, let path, let body, let otherwise):
        guard case .array(let items) = value(at: path), !items.isEmpty else {
          render(otherwise)
          continue
        }
        for (index, item) in items.enumerated() {
          scopes.append(Scope(value: item, loop: (index, items.count)))
          render(body)
          scopes.removeLast()
        }
      case .partial, .slot:
        break  // replaced while the library was built
      }
    }
  }

  private mutating func writeValue(_ value: TemplateValue) {
    switch value {
    case .string(let text): output.writeEscaped(text)
    case .int(let number): output.writeEscaped(String(number))
    case .double(let number): output.writeEscaped(String(number))
    case .bool(let flag): output.writeEscaped(flag ? "true" : "false")
    case .raw(let html): html.bytes.withUnsafeBufferPointer { output.writeEscaped($0) }
    case .array, .object, .null: break
    }
  }

  private func value(at path: TemplatePath) -> TemplateValue {
    let depth = scopes.count - 1 - path.up
    guard depth >= 0 else { return .null }
    let scope = scopes[depth]
    switch path.target {
    case .context:
      return scope.value
    case .keys(let keys):
      var value = scope.value
      for key in keys { value = value[key] }
      return value
    case .index:
      return scope.loop.map { .int($0.index) } ?? .null
    case .number:
      return scope.loop.map { .int($0.index + 1) } ?? .null
    case .first:
      return scope.loop.map { .bool($0.index == 0) } ?? .null
    case .last:
      return scope.loop.map { .bool($0.index == $0.count - 1) } ?? .null
    }
  }
}
