import Domain
import SQLite

/// Fills an empty database: regions, the 98 municipalities, the national service areas, and example data (every
/// example row has `is_example = 1`, and the pages say so): Høje-Taastrup's 2012 follow-up and 2013 contract after
/// seed 004, and generated contracts, adjustments and follow-ups for the other municipalities, 2010–2013, some of
/// them late, incomplete or missing. The same seed gives the same data on every machine.
public enum Seeder {
  public struct Summary: CustomStringConvertible, Sendable {
    public var municipalities = 0
    public var serviceAreas = 0
    public var versions = 0
    public var goals = 0
    public var followUps = 0

    public var description: String {
      "\(municipalities) kommuner, \(serviceAreas) serviceområder, \(versions) kontraktversioner, "
        + "\(goals) mål, \(followUps) opfølgningsredegørelser (eksempeldata)"
    }
  }

  public static let defaultSeed: UInt64 = 2010

  /// Seeds the real municipalities and the example data. Refuses a database that already has municipalities.
  @discardableResult
  public static func seed(_ store: Store, randomSeed: UInt64 = defaultSeed) throws -> Summary {
    try requireEmpty(store)
    let entries = try MunicipalityList.load()
    let areas = try serviceAreaIds(store)
    return try store.batch { store in
      var summary = try addPlaces(store, entries.map(\.region), entries.map(\.municipality))
      summary.serviceAreas = areas.count
      var generator = SeededGenerator(seed: randomSeed)
      try HoejeTaastrupExample.add(to: store, areas: areas, summary: &summary)
      for entry in entries where entry.municipality.code != HoejeTaastrupExample.code {
        try ExampleHistory.add(
          municipality: entry.municipality.code, to: store, areas: areas, using: &generator,
          summary: &summary)
      }
      return summary
    }
  }

  /// A synthetic database of `count` made-up municipalities (codes 0001, 0002, …) for scale tests, with the same
  /// kind of generated histories as the example data.
  @discardableResult
  public static func generate(_ store: Store, municipalities count: Int, randomSeed: UInt64 = defaultSeed)
    throws -> Summary
  {
    precondition(count > 0 && count <= 9999, "between 1 and 9999 municipalities")
    try requireEmpty(store)
    let regions = try MunicipalityList.load().map(\.region).uniqued()
    let areas = try serviceAreaIds(store)
    return try store.batch { store in
      let municipalities = (1...count).map { number in
        let code = String(repeating: "0", count: 4 - String(number).count) + String(number)
        return Municipality(
          code: code, name: "Syntetisk kommune \(number)", regionCode: regions[number % regions.count].code,
          isExample: true)
      }
      var summary = try addPlaces(store, regions, municipalities)
      summary.serviceAreas = areas.count
      var generator = SeededGenerator(seed: randomSeed)
      for municipality in municipalities {
        try ExampleHistory.add(
          municipality: municipality.code, to: store, areas: areas, using: &generator, summary: &summary)
      }
      return summary
    }
  }

  private static func requireEmpty(_ store: Store) throws {
    guard try store.municipalities().isEmpty else {
      throw StoreError.invalid("databasen har allerede kommuner; seed kun en tom database")
    }
  }

  private static func addPlaces(_ store: Store.Writer, _ regions: [Region], _ municipalities: [Municipality])
    throws -> Summary
  {
    for region in regions.uniqued() { try store.addRegion(region) }
    for municipality in municipalities { try store.addMunicipality(municipality) }
    return Summary(municipalities: municipalities.count)
  }

  /// The national list, which the first migration loads as reference data.
  private static func serviceAreaIds(_ store: Store) throws -> [String: Int64] {
    var ids: [String: Int64] = [:]
    for area in try store.serviceAreas() where area.municipalityCode == nil { ids[area.name] = area.id }
    return ids
  }
}

extension Array where Element: Hashable {
  fileprivate func uniqued() -> [Element] {
    var seen: Set<Element> = []
    return filter { seen.insert($0).inserted }
  }
}
