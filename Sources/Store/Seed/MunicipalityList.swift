import Domain
import Foundation

/// The 98 municipalities and 5 regions, from the project's copy of `kommuner.csv` (code, name, region code, region).
enum MunicipalityList {
  struct Entry {
    let municipality: Municipality
    let region: Region
  }

  static func load() throws -> [Entry] {
    guard
      let url = Bundle.module.url(forResource: "kommuner", withExtension: "csv", subdirectory: "Data")
    else { throw StoreError.notFound("Data/kommuner.csv i programmets ressourcer") }
    return try parse(String(decoding: Data(contentsOf: url), as: UTF8.self))
  }

  static func parse(_ text: String) throws -> [Entry] {
    var entries: [Entry] = []
    for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 4, fields[0].count == 4, fields[0].allSatisfy(\.isNumber) else {
        throw StoreError.invalid("kommuner.csv, linje \(index + 1): forventede kode,navn,region_kode,region")
      }
      entries.append(
        Entry(
          municipality: Municipality(code: fields[0], name: fields[1], regionCode: fields[2]),
          region: Region(code: fields[2], name: fields[3])))
    }
    return entries
  }
}
