import Domain
import SQLite

extension Store {
  /// Sets what changed in the draft, in the municipality's words (citizens see it with the version); §3: only a
  /// draft's note can change.
  public func setChangeNote(versionId: Int64, _ note: String) throws {
    try write { try Writer(connection: $0).setChangeNote(versionId: versionId, note) }
  }

  /// Everything the municipality page shows, with `versionId` (a draft or an adopted version, published or not) in
  /// the place of the version in force: for previews. nil when there is no such version.
  public func municipalityOverview(versionId: Int64) throws -> MunicipalityOverview? {
    try read { connection in
      guard let version = try Self.version(connection, id: versionId),
        let municipality = try connection.queryOne(
          "SELECT code, name, region_code, is_example FROM municipality WHERE code = ?",
          version.municipalityCode
        ).map(Self.municipality)
      else { return nil }
      let code = municipality.code
      return MunicipalityOverview(
        municipality: municipality,
        contract: ContractInForce(
          version: version, adjustments: try Self.adjustmentsByLineage(connection, version: version),
          statuses: try Self.publishedStatuses(connection, versionId: version.id),
          recommendations: try Self.recommendations(connection, column: "version_id", id: version.id)),
        followUps: try connection.query(
          """
          SELECT * FROM follow_up_overview WHERE municipality_code = ? AND published_on IS NOT NULL
          ORDER BY budget_year
          """, code
        ).map(Self.followUpSummary),
        publishedVersions: try connection.scalar(
          "SELECT count(*) FROM contract_version WHERE municipality_code = ? AND published_on IS NOT NULL",
          code, as: Int.self) ?? 0)
    }
  }
}

extension Store.Writer {
  /// The municipality's draft with its areas and goals, as this transaction sees it.
  public func draft(municipalityCode: String) throws -> ContractVersion? {
    try Store.draft(connection, municipalityCode: municipalityCode)
  }

  /// Sets what changed in the draft; §3: an adopted version's note stays as adopted.
  public func setChangeNote(versionId: Int64, _ note: String) throws {
    try connection.run(
      "UPDATE contract_version SET change_note = ? WHERE id = ? AND adopted_on IS NULL", note, versionId)
    if connection.changes == 0 {
      throw RuleViolation(rule: .section3, message: "§3: kun et udkasts ændringsnote kan ændres")
    }
  }

  /// The service area called `name` (compared without regard to case, æøå included) on the national list or among
  /// the municipality's own, if there is one; the national one first.
  public func serviceArea(named name: String, municipalityCode: String) throws -> ServiceArea? {
    let wanted = name.lowercased()
    return try connection.query(
      """
      SELECT id, municipality_code, name, is_example FROM service_area
      WHERE municipality_code IS NULL OR municipality_code = ? ORDER BY municipality_code IS NOT NULL, id
      """, municipalityCode
    ).map { try $0.serviceArea() }.first { $0.name.lowercased() == wanted }
  }

  /// One service area by id (national or any municipality's own).
  public func serviceArea(id: Int64) throws -> ServiceArea? {
    try connection.queryOne(
      "SELECT id, municipality_code, name, is_example FROM service_area WHERE id = ?", id
    ).map { try $0.serviceArea() }
  }
}

extension RuleViolation {
  /// The rule an error from a write names, whether the Store already named it or the database refused the change
  /// with a rule's message (a trigger or a named CHECK); nil for any other error.
  public init?(naming error: any Error) {
    if let violation = error as? RuleViolation {
      self = violation
    } else if let error = error as? SQLiteError, let violation = RuleViolation(error) {
      self = violation
    } else {
      return nil
    }
  }
}
