import Store

enum SeedCommand: Command {
  static let name = "seed"
  static let summary = "load the municipalities, service areas and marked example data"
  static let flagNames: Set<String> = []
  static let optionNames: Set<String> = ["database", "random-seed"]
  static let help = """
    Usage: brugerinformation seed [--database PATH] [--random-seed N]

    Loads the 98 municipalities and 5 regions, the national list of service areas, and example data
    (every row marked as such): Høje-Taastrup's 2012 follow-up and 2013 contract, and generated
    contracts, target adjustments and follow-ups 2010-2013 for the other municipalities, some late,
    incomplete or missing. Migrates first; refuses a database that already has municipalities.
    `serve` does this by itself on an empty database.

    Options:
    \(DatabaseOption.help)
      --random-seed N   seed for the generated example data (default \(Seeder.defaultSeed))
      --help            this text

    """

  static func run(_ arguments: Arguments) throws {
    let path = DatabaseOption.path(from: arguments)
    let store = try Store.open(path: path, readers: 1)
    let seed = try arguments.int("random-seed", in: 0...Int.max).map(UInt64.init) ?? Seeder.defaultSeed
    let summary = try Seeder.seed(store, randomSeed: seed)
    say("\(path): \(summary)")
  }
}
