/// A page compiled to a flat list of instructions with plain-integer operands (no reference counting while a
/// render steps through them): template text is one byte buffer, value names one table.
struct TemplateProgram: Sendable {
  enum Op: Sendable {
    /// Copy `text[start..<start + count]`.
    case text(start: Int, count: Int)
    /// Write the value at `paths[path]`, escaped.
    case value(path: Int)
    /// Write the value at `paths[path]` unescaped if it is `RawHTML`, escaped otherwise.
    case raw(path: Int)
    /// Go to `target` when the value's truthiness is `truthy`.
    case jump(ifPath: Int, truthy: Bool, target: Int)
    case goTo(target: Int)
    /// Enter a loop over a non-empty array (the next op is the body), or go to `emptyTarget`.
    case eachBegin(path: Int, emptyTarget: Int)
    /// At the end of the body: next element and back to `bodyStart`, or leave the loop.
    case eachNext(bodyStart: Int)
  }

  struct Path: Sendable {
    enum Target: Sendable {
      case context
      case keys
      case index
      case number
      case first
      case last
    }

    let up: Int
    let target: Target
    /// Indices into `keys` for `.keys`.
    let keys: Range<Int>
  }

  private(set) var ops: [Op] = []
  private(set) var text = TemplateText(bytes: [])
  private(set) var paths: [Path] = []
  private(set) var keys: [String] = []

  init(_ nodes: [TemplateNode]) {
    emit(nodes)
  }

  private mutating func emit(_ nodes: [TemplateNode]) {
    for node in nodes {
      switch node {
      case .text(let piece):
        ops.append(.text(start: text.bytes.count, count: piece.bytes.count))
        text.bytes += piece.bytes
      case .value(let path):
        ops.append(.value(path: add(path)))
      case .raw(let path):
        ops.append(.raw(path: add(path)))
      case .section(let kind, let path, let body, let otherwise) where kind == .if || kind == .unless:
        let branch = reserve()
        emit(body)
        var end = ops.count
        if !otherwise.isEmpty {
          let skip = reserve()
          end = ops.count
          emit(otherwise)
          ops[skip] = .goTo(target: ops.count)
        }
        ops[branch] = .jump(ifPath: add(path), truthy: kind == .unless, target: end)
      case .section(_, let path, let body, let otherwise):
        let begin = reserve()
        emit(body)
        ops.append(.eachNext(bodyStart: begin + 1))
        var empty = ops.count
        if !otherwise.isEmpty {
          let skip = reserve()
          empty = ops.count
          emit(otherwise)
          ops[skip] = .goTo(target: ops.count)
        }
        ops[begin] = .eachBegin(path: add(path), emptyTarget: empty)
      case .partial, .slot:
        break  // replaced while the library was built
      }
    }
  }

  private mutating func reserve() -> Int {
    ops.append(.goTo(target: 0))
    return ops.count - 1
  }

  private mutating func add(_ path: TemplatePath) -> Int {
    let target: Path.Target
    let start = keys.count
    switch path.target {
    case .context: target = .context
    case .keys(let names):
      target = .keys
      keys += names
    case .index: target = .index
    case .number: target = .number
    case .first: target = .first
    case .last: target = .last
    }
    paths.append(Path(up: path.up, target: target, keys: start..<keys.count))
    return paths.count - 1
  }
}
