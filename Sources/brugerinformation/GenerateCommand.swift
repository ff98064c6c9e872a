import Foundation
import Store

enum GenerateCommand: Command {
  static let name = "generate"
  static let summary = "build a synthetic database of any size for scale tests"
  static let flagNames: Set<String> = ["force"]
  static let optionNames: Set<String> = ["municipalities", "output", "random-seed"]
  static let help = """
    Usage: brugerinformation generate --municipalities N --output FILE [--random-seed N] [--force]

    Builds a new database with N made-up municipalities (codes 0001, 0002, ...; 1 to 9999), each with
    a generated history of contracts, adjustments and follow-ups like the example data. Everything is
    marked as example data. For scale tests and benchmarks, never for the portal.

    Options:
      --municipalities N  how many (1-9999)
      --output FILE       the database to create; must not exist unless --force
      --random-seed N     seed for the generated data (default \(Seeder.defaultSeed))
      --force             replace FILE if it exists
      --help              this text

    """

  static func run(_ arguments: Arguments) throws {
    guard let count = try arguments.int("municipalities", in: 1...9999) else {
      throw UsageError("--municipalities is required")
    }
    guard let output = arguments.string("output"), !output.isEmpty else {
      throw UsageError("--output is required")
    }
    let files = FileManager.default
    if files.fileExists(atPath: output) {
      guard arguments.has("force") else { throw UsageError("\(output) exists; add --force to replace it") }
      for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: output + suffix) }
    }
    let seed = try arguments.int("random-seed", in: 0...Int.max).map(UInt64.init) ?? Seeder.defaultSeed
    let started = Date()
    let store = try Store.open(path: output, readers: 1)
    let summary = try Seeder.generate(store, municipalities: count, randomSeed: seed)
    say("\(output): \(summary) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
  }
}
