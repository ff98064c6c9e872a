/// Steps through a compiled page once, writing into one `HTMLOutput`. Values are always written escaped; the
/// single exception is the `.raw` op given a `RawHTML` value.
struct TemplateRenderer: ~Copyable {
  private struct Scope {
    var value: TemplateValue
    /// The array an `each` walks and the position in it; empty for the page's own context.
    let items: [TemplateValue]
    var index: Int
    let isLoop: Bool
  }

  private var output: HTMLOutput
  private var scopes: [Scope]

  init(context: TemplateValue, capacity: Int) {
    output = HTMLOutput(capacity: capacity)
    scopes = [Scope(value: context, items: [], index: 0, isLoop: false)]
  }

  /// The page's bytes.
  consuming func finish() -> [UInt8] { output.finish() }

  mutating func render(_ program: TemplateProgram) {
    let ops = program.ops
    var next = 0
    while next < ops.count {
      let op = ops[next]
      next += 1
      switch op {
      case .text(let start, let count):
        output.writeTemplateText(program.text, start..<(start + count))
      case .value(let path):
        writeValue(value(at: program.paths[path], keys: program.keys))
      case .raw(let path):
        let value = value(at: program.paths[path], keys: program.keys)
        if case .raw(let html) = value {
          output.writeTrusted(html)
        } else {
          writeValue(value)
        }
      case .jump(let path, let truthy, let target):
        if value(at: program.paths[path], keys: program.keys).isTruthy == truthy { next = target }
      case .goTo(let target):
        next = target
      case .eachBegin(let path, let emptyTarget):
        guard case .array(let items) = value(at: program.paths[path], keys: program.keys), !items.isEmpty
        else {
          next = emptyTarget
          continue
        }
        scopes.append(Scope(value: items[0], items: items, index: 0, isLoop: true))
      case .eachNext(let bodyStart):
        let last = scopes.count - 1
        let index = scopes[last].index + 1
        if index < scopes[last].items.count {
          scopes[last].index = index
          scopes[last].value = scopes[last].items[index]
          next = bodyStart
        } else {
          scopes.removeLast()
        }
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

  private func value(at path: TemplateProgram.Path, keys: [String]) -> TemplateValue {
    let depth = scopes.count - 1 - path.up
    guard depth >= 0 else { return .null }
    switch path.target {
    case .context:
      return scopes[depth].value
    case .keys:
      var value = scopes[depth].value[keys[path.keys.lowerBound]]
      for key in path.keys.dropFirst() { value = value[keys[key]] }
      return value
    case .index:
      return scopes[depth].isLoop ? .int(scopes[depth].index) : .null
    case .number:
      return scopes[depth].isLoop ? .int(scopes[depth].index + 1) : .null
    case .first:
      return scopes[depth].isLoop ? .bool(scopes[depth].index == 0) : .null
    case .last:
      return scopes[depth].isLoop ? .bool(scopes[depth].index == scopes[depth].items.count - 1) : .null
    }
  }
}
