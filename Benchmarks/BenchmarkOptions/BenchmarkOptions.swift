import Foundation

/// The `--name value` options of a benchmark executable; `--help` prints `usage` and exits 0, anything malformed
/// prints it and exits 64. `--database FILE` is required.
public struct BenchmarkOptions {
  public let values: [String: String]
  public let databasePath: String

  public init(usage: String, arguments: [String] = CommandLine.arguments) {
    var values: [String: String] = [:]
    var index = 1
    while index < arguments.count {
      let name = arguments[index]
      guard name.hasPrefix("--"), name != "--help", index + 1 < arguments.count else {
        FileHandle.standardError.write(Data(usage.utf8))
        exit(name == "--help" ? 0 : 64)
      }
      values[String(name.dropFirst(2))] = arguments[index + 1]
      index += 2
    }
    guard let databasePath = values["database"] else {
      FileHandle.standardError.write(Data(usage.utf8))
      exit(64)
    }
    self.values = values
    self.databasePath = databasePath
  }

  public subscript(name: String) -> String? { values[name] }
}
