import Domain
import SQLite

/// A municipality with its version in force (nil when it has published none), for the national download.
public struct MunicipalityContract: Hashable, Sendable {
  public var municipality: Municipality
  public var contract: ContractInForce?
}

/// What the sitemap lists: every public page's parameters, published data only.
public struct SitemapContent: Hashable, Sendable {
  public struct Version: Hashable, Sendable {
    public var municipalityCode: String
    public var number: Int
    public var publishedOn: CalendarDate
  }

  public struct FollowUp: Hashable, Sendable {
    public var municipalityCode: String
    public var budgetYear: Int
    public var publishedOn: CalendarDate
  }

  public struct Goal: Hashable, Sendable {
    public var municipalityCode: String
    public var lineage: Int64
  }

  /// Every municipality's code, in code order.
  public var municipalityCodes: [String]
  public var versions: [Version]
  public var followUps: [FollowUp]
  /// Goal lineages that appear in at least one published version.
  public var goals: [Goal]
  /// Service areas in some municipality's version in force.
  public var serviceAreaIds: [Int64]
}

/// Reads for the CSV downloads, the Atom feeds and the sitemap: only published data.
extension Store {
  /// The published contract versions and follow-ups, newest first, of one municipality or (nil) of all.
  public func publications(municipalityCode: String?, limit: Int) throws -> [Publication] {
    try read { connection in
      try connection.query(
        """
        SELECT * FROM (
          SELECT 'contract' AS kind, v.municipality_code, m.name, v.number, v.published_on, v.published_late,
            v.is_example
          FROM contract_version v JOIN municipality m ON m.code = v.municipality_code
          WHERE v.published_on IS NOT NULL AND (?1 IS NULL OR v.municipality_code = ?1)
          UNION ALL
          SELECT 'follow_up', f.municipality_code, m.name, f.budget_year, f.published_on, f.published_late,
            f.is_example
          FROM follow_up f JOIN municipality m ON m.code = f.municipality_code
          WHERE f.published_on IS NOT NULL AND (?1 IS NULL OR f.municipality_code = ?1))
        ORDER BY published_on DESC, name, kind, number DESC LIMIT ?2
        """, municipalityCode, limit
      ).map { row in
        Publication(
          kind: Publication.Kind(rawValue: try row.get("kind")) ?? .contract,
          municipalityCode: try row.get("municipality_code"), municipalityName: try row.get("name"),
          number: try row.get("number"), publishedOn: try row.requiredDate("published_on"),
          publishedLate: try row.get("published_late", as: Bool?.self) ?? false,
          isExample: try row.get("is_example"))
      }
    }
  }

  /// Every municipality (in code order) with its version in force on `date` and the latest published statuses,
  /// from one read transaction.
  public func contractsInForce(asOf date: CalendarDate) throws -> [MunicipalityContract] {
    try read { connection in
      try connection.query("SELECT code, name, region_code, is_example FROM municipality ORDER BY code")
        .map(Self.municipality)
        .map { municipality in
          MunicipalityContract(
            municipality: municipality,
            contract: try Self.contractInForce(connection, municipalityCode: municipality.code, asOf: date))
        }
    }
  }

  /// The parameters of every public page, from one read transaction; areas as of `date`.
  public func sitemapContent(asOf date: CalendarDate) throws -> SitemapContent {
    try read { connection in
      SitemapContent(
        municipalityCodes: try connection.query("SELECT code FROM municipality ORDER BY code").map {
          try $0.get("code")
        },
        versions: try connection.query(
          """
          SELECT municipality_code, number, published_on FROM contract_version
          WHERE published_on IS NOT NULL ORDER BY municipality_code, number
          """
        ).map {
          SitemapContent.Version(
            municipalityCode: try $0.get("municipality_code"), number: try $0.get("number"),
            publishedOn: try $0.requiredDate("published_on"))
        },
        followUps: try connection.query(
          """
          SELECT municipality_code, budget_year, published_on FROM follow_up
          WHERE published_on IS NOT NULL ORDER BY municipality_code, budget_year
          """
        ).map {
          SitemapContent.FollowUp(
            municipalityCode: try $0.get("municipality_code"), budgetYear: try $0.get("budget_year"),
            publishedOn: try $0.requiredDate("published_on"))
        },
        goals: try connection.query(
          """
          SELECT DISTINCT v.municipality_code, g.lineage FROM goal g
          JOIN contract_version v ON v.id = g.version_id
          WHERE v.published_on IS NOT NULL ORDER BY v.municipality_code, g.lineage
          """
        ).map {
          SitemapContent.Goal(
            municipalityCode: try $0.get("municipality_code"), lineage: try $0.get("lineage"))
        },
        serviceAreaIds: try connection.query(
          """
          SELECT DISTINCT a.service_area_id FROM contract_version_area a
          WHERE a.version_id IN (\(Self.versionsInForce)) ORDER BY a.service_area_id
          """, date.sql
        ).map { try $0.get("service_area_id") })
    }
  }
}
