/// One node of the route trie: literal children in a dictionary (O(1) per segment), parameter children tried
/// in order (int before string), and an optional catch-all. Matching backtracks, so `/a/:x/b` and `/a/lit/c`
/// can coexist.
struct RouteNode: Sendable {
  struct ParameterEdge: Sendable {
    var name: String
    var kind: RoutePattern.ParameterKind
    var node: RouteNode
  }

  struct CatchAll: Sendable {
    var name: String
    var handlers: [HTTPMethod: RouteHandler]
    var pattern: String
  }

  /// The handlers of a matched node and the pattern they were registered with (the first, when several spellings
  /// lead to one node), which labels the request in `ServerMetrics`.
  typealias Found = (handlers: [HTTPMethod: RouteHandler], pattern: String)

  var handlers: [HTTPMethod: RouteHandler] = [:]
  var pattern = ""
  var literals: [String: RouteNode] = [:]
  var parameters: [ParameterEdge] = []
  var catchAll: CatchAll?

  mutating func insert(
    _ segments: ArraySlice<RoutePattern.Segment>, method: HTTPMethod, handler: @escaping RouteHandler,
    pattern: String
  ) {
    guard let first = segments.first else {
      precondition(handlers[method] == nil, "route \(method) \(pattern) is registered twice")
      handlers[method] = handler
      if self.pattern.isEmpty { self.pattern = pattern }
      return
    }
    let rest = segments.dropFirst()
    switch first {
    case .literal(let text):
      literals[text, default: RouteNode()].insert(rest, method: method, handler: handler, pattern: pattern)
    case .parameter(let name, let kind):
      if let index = parameters.firstIndex(where: { $0.name == name && $0.kind == kind }) {
        parameters[index].node.insert(rest, method: method, handler: handler, pattern: pattern)
      } else {
        var node = RouteNode()
        node.insert(rest, method: method, handler: handler, pattern: pattern)
        let position = parameters.firstIndex { $0.kind > kind } ?? parameters.endIndex
        parameters.insert(ParameterEdge(name: name, kind: kind, node: node), at: position)
      }
    case .catchAll(let name):
      var all = catchAll ?? CatchAll(name: name, handlers: [:], pattern: pattern)
      precondition(all.name == name, "catch-all *\(name) conflicts with *\(all.name) in \(pattern)")
      precondition(all.handlers[method] == nil, "route \(method) \(pattern) is registered twice")
      all.handlers[method] = handler
      catchAll = all
    }
  }

  /// The first handler set, in priority order, for which `accept` holds; the captured parameters are
  /// appended to `parameters` (and removed again on backtracking).
  func match(
    _ segments: [String], from index: Int, parameters captured: inout [(String, String)],
    accept: ([HTTPMethod: RouteHandler]) -> Bool
  ) -> Found? {
    if index == segments.count {
      return !handlers.isEmpty && accept(handlers) ? (handlers, pattern) : nil
    }
    let segment = segments[index]
    if let child = literals[segment],
      let found = child.match(segments, from: index + 1, parameters: &captured, accept: accept)
    {
      return found
    }
    for edge in parameters where edge.kind.accepts(segment) {
      captured.append((edge.name, segment))
      if let found = edge.node.match(segments, from: index + 1, parameters: &captured, accept: accept) {
        return found
      }
      captured.removeLast()
    }
    if let catchAll, accept(catchAll.handlers) {
      captured.append((catchAll.name, segments[index...].joined(separator: "/")))
      return (catchAll.handlers, catchAll.pattern)
    }
    return nil
  }

  /// Every method registered anywhere below this node.
  func allMethods() -> Set<HTTPMethod> {
    var methods = Set(handlers.keys)
    for child in literals.values { methods.formUnion(child.allMethods()) }
    for edge in parameters { methods.formUnion(edge.node.allMethods()) }
    if let catchAll { methods.formUnion(catchAll.handlers.keys) }
    return methods
  }
}
