import Domain
import SQLite

/// Reads for the public JSON API: only what has been published.
extension Store {
  /// The municipality's published version `number` with its areas and goals, each goal's target adjustments (over
  /// its lineage, up to this version) and its statuses in published follow-ups, as `contractInForce` gives them for
  /// the version in force; nil when the version does not exist or is not published.
  public func publishedContract(municipalityCode: String, number: Int) throws -> ContractInForce? {
    try read { connection in
      guard
        var version = try connection.queryOne(
          """
          SELECT * FROM contract_version
          WHERE municipality_code = ? AND number = ? AND published_on IS NOT NULL AND adopted_on IS NOT NULL
          """, municipalityCode, number
        ).map({ try $0.contractVersion() })
      else { return nil }
      version.areas = try Self.areas(connection, versionId: version.id)
      return ContractInForce(
        version: version, adjustments: try Self.adjustmentsByLineage(connection, version: version),
        statuses: try Self.publishedStatuses(connection, versionId: version.id),
        recommendations: try Self.recommendations(connection, column: "version_id", id: version.id))
    }
  }
}
