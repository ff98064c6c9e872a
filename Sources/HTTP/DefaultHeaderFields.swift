/// Fields every response gets unless it has a field of the same name (`ServerConfiguration.responseHeaders`),
/// written out once: a response copies their bytes instead of carrying the fields and having them checked and
/// written each time.
struct DefaultHeaderFields {
  /// The fields' names, first of each name only (a later field of the same name would never be added), and
  /// none of the fields the serialiser writes itself (framing, `Connection`, `Date`).
  let names: [String]
  /// "Name: value\r\n" for each of `names`, sanitised as the serialiser sanitises every field.
  let lines: [[UInt8]]
  /// All of `lines`, for a response that has none of the names (nearly all).
  let block: [UInt8]

  static let none = DefaultHeaderFields(HTTPHeaders())

  init(_ fields: HTTPHeaders) {
    var names: [String] = []
    var lines: [[UInt8]] = []
    let serverFields = ["Content-Length", "Transfer-Encoding", "Connection", "Date"]
    for field in fields
    where !(names + serverFields).contains(where: { $0.equalsIgnoringASCIICase(field.name) }) {
      names.append(field.name)
      var line: [UInt8] = []
      ResponseSerializer.appendField(name: field.name, value: field.value, to: &line)
      lines.append(line)
    }
    self.names = names
    self.lines = lines
    block = Array(lines.joined())
  }

  /// Appends the lines of the names `headers` lacks.
  func append(missingFrom headers: HTTPHeaders, to out: inout [UInt8]) {
    guard !names.isEmpty else { return }
    var present: [Bool]?
    for field in headers {
      for (index, name) in names.enumerated() where name.equalsIgnoringASCIICase(field.name) {
        if present == nil { present = Array(repeating: false, count: names.count) }
        present![index] = true
      }
    }
    guard let present else {
      out.append(contentsOf: block)
      return
    }
    for (index, line) in lines.enumerated() where !present[index] { out.append(contentsOf: line) }
  }
}
