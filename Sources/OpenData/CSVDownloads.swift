import Domain
import HTTP
import Store
import Web

extension OpenDataSite {
  /// `GET /data/maal.csv`: every municipality's goals in its version in force, with the latest published status.
  func nationalGoalsCSV() throws -> Response {
    let today = try store.today()
    let records = try store.contractsInForce(asOf: today).flatMap { entry in
      entry.contract.map { GoalsCSV.records(municipality: entry.municipality, contract: $0) } ?? []
    }
    return GoalsCSV.response([GoalsCSV.header] + records, fileName: "maal-\(today).csv")
  }

  /// `GET /kommune/{code}/maal.csv`: one municipality's goals in force (only the header when none is published).
  func municipalityGoalsCSV(code: String) throws -> Response {
    let municipality = try feedMunicipality(code)
    let today = try store.today()
    let records =
      try store.contractInForce(municipalityCode: code, asOf: today).map {
        GoalsCSV.records(municipality: municipality, contract: $0)
      } ?? []
    return GoalsCSV.response([GoalsCSV.header] + records, fileName: "maal-\(code)-\(today).csv")
  }
}

/// The goals download: one record per goal of a version in force, with its latest published status. RFC 4180 with
/// a byte order mark and `;` between fields, as the ministry's table download and Danish Excel; numbers with a
/// decimal comma and no thousands separator, dates as YYYY-MM-DD.
enum GoalsCSV {
  static let header = [
    "Kommunekode", "Kommune", "Version", "Version offentliggjort", "Serviceområde", "Mål-id", "Betegnelse",
    "Tema",
    "Mål", "Indikator", "Enhed", "Udgangsværdi", "Udgangsdato", "Målværdi", "Måldato", "Retning",
    "Veje til målet", "Status budgetår", "Status", "Statustekst", "Målt værdi", "Målt dato", "Opfølgning",
  ]

  static func records(municipality: Municipality, contract: ContractInForce) -> [[String]] {
    let version = contract.version
    let latest = contract.latestStatuses
    return version.areas.flatMap { area in
      area.goals.map { goal in
        let status = latest[goal.lineage]
        return [
          municipality.code, municipality.name, String(version.number), text(version.publishedOn), area.name,
          String(goal.lineage), goal.title, goal.theme, goal.goalText, goal.indicator ?? "", goal.unit ?? "",
          number(goal.baselineValue), text(goal.baselineDate), number(goal.targetValue),
          text(goal.targetDate),
          goal.direction == .higher ? "Højere er bedre" : "Lavere er bedre", goal.means,
          status.map { String($0.budgetYear) } ?? "", status.map { result($0.status.result) } ?? "",
          status?.status.statusText ?? "", number(status?.status.measuredValue),
          text(status?.status.measuredOn), status?.status.followUpText ?? "",
        ]
      }
    }
  }

  static func response(_ records: [[String]], fileName: String) -> Response {
    Response(
      status: .ok,
      headers: [
        "Content-Type": "text/csv; charset=utf-8; header=present",
        "Content-Disposition": "attachment; filename=\"\(fileName)\"",
      ],
      body: .bytes(CSVWriter(separator: .semicolon).bytes(records)))
  }

  static func result(_ result: GoalStatus.Result) -> String {
    switch result {
    case .reached: "Nået"
    case .partly: "Delvist nået"
    case .notReached: "Ikke nået"
    }
  }

  static func text(_ date: CalendarDate?) -> String { date?.description ?? "" }

  /// "82", "82,5", "-0,125": every digit the value has, a decimal comma, no thousands separator.
  static func number(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    if value == value.rounded(), value.magnitude < 1e15 {
      return String(Int64(value))
    }
    return String(value.description.map { $0 == "." ? "," : $0 })
  }
}
