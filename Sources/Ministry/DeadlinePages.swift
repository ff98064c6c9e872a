import Domain
import HTTP
import Store
import Web

extension MinistrySite {
  /// `GET /ministeriet/frister?dato=&region=&vis=`: the deadlines across the country as of a date, sorted by date;
  /// optionally one region's, and only the overdue or only the upcoming ones.
  func deadlinesPage(_ request: MinistryRequest) throws -> Response {
    let date = try asOfDate(request)
    let query = try request.request.queryParameters()
    let regions = try store.regions()
    let regionCode = query["region"] ?? ""
    guard regionCode.isEmpty || regions.contains(where: { $0.code == regionCode }) else {
      throw MinistryError(.badRequest, "«\(regionCode)» er ikke en region. Vælg en region på listen.")
    }
    let show = query["vis"] ?? ""
    guard let filter = DeadlineFilter(rawValue: show.isEmpty ? "alle" : show) else {
      throw MinistryError(
        .badRequest, "«\(show)» kan ikke vises. Vælg alle, overskredne eller kommende frister.")
    }
    let municipalities = try store.municipalities(inRegion: regionCode.isEmpty ? nil : regionCode)
    let list = DeadlineList(
      findings: try store.compliance(asOf: date), municipalities: municipalities,
      awaiting: try store.versionsAwaitingPublication(asOf: date),
      budgetAdoptions: try store.budgetAdoptionsByMunicipality())
    let overdue = list.rows.filter(\.overdue).count
    let shown = list.rows.filter { filter.includes($0) }
    let rows: [TemplateValue] = shown.map { row in
      [
        "due": datedFields(row.due), "overdue": .bool(row.overdue),
        "status": .string(Self.deadlineStatus(row, asOf: date)),
        "municipality": .string(row.municipality.name),
        "href": .string("/ministeriet/kommune/\(row.municipality.code)?dato=\(date)"),
        "paragraph": .string(row.paragraph), "text": .string(row.text),
      ]
    }
    let regionName = regions.first { $0.code == regionCode }?.name
    return try page(
      "ministry/deadlines", title: "Frister i hele landet", for: request,
      [
        "asOf": datedFields(date), "rows": .array(rows), "overdueCount": .int(overdue),
        "upcomingCount": .int(list.rows.count - overdue), "shownCount": .int(shown.count),
        "where": .string(regionName.map { "i \($0)" } ?? "i hele landet"),
        "regions": .array(
          [["value": "", "label": "Hele landet", "selected": .bool(regionCode.isEmpty)]]
            + regions.map {
              [
                "value": .string($0.code), "label": .string($0.name),
                "selected": .bool($0.code == regionCode),
              ]
            }),
        "filters": .array(
          DeadlineFilter.allCases.map {
            ["value": .string($0.rawValue), "label": .string($0.label), "selected": .bool($0 == filter)]
          }),
      ])
  }

  /// "Overskredet for 5 dage siden", "Kommende: om 5 dage", "Kommende: fristen er i dag".
  static func deadlineStatus(_ row: DeadlineList.Row, asOf date: CalendarDate) -> String {
    let days = date.days(to: row.due)
    func count(_ number: Int) -> String { "\(number) \(number == 1 ? "dag" : "dage")" }
    if row.overdue { return "Overskredet for \(count(-days)) siden" }
    return days == 0 ? "Kommende: fristen er i dag" : "Kommende: om \(count(days))"
  }
}

/// Which deadlines the page shows (`vis=`).
enum DeadlineFilter: String, CaseIterable, Sendable {
  case all = "alle"
  case overdue = "overskredne"
  case upcoming = "kommende"

  var label: String {
    switch self {
    case .all: return "Alle frister"
    case .overdue: return "Kun overskredne"
    case .upcoming: return "Kun kommende"
    }
  }

  func includes(_ row: DeadlineList.Row) -> Bool {
    switch self {
    case .all: return true
    case .overdue: return row.overdue
    case .upcoming: return !row.overdue
    }
  }
}
