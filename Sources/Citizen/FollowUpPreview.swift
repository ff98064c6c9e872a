import Domain
import HTTP
import Store

extension CitizenSite {
  /// The follow-up page for follow-up `followUpId` (adopted or not) as citizens will see it once published, marked
  /// as a preview. For the admin module; never routed publicly.
  public func previewFollowUp(followUpId: Int64) throws -> Response {
    guard let followUp = try store.followUp(id: followUpId),
      let summary = try store.followUps(municipalityCode: followUp.municipalityCode).first(where: {
        $0.id == followUpId
      })
    else { throw PageError(.notFound, "Opfølgningsredegørelsen findes ikke.") }
    let municipality = try requireMunicipality(followUp.municipalityCode)
    let goals = try goalsByID(
      for: followUp, reference: try summary.adoption?.adoptedOn ?? today())
    let entries = followUp.statuses.compactMap { status in
      goals[status.goalId].map {
        (order: $0.order, entry: FollowUpEntry(areaName: $0.areaName, goal: $0.goal, status: status))
      }
    }.sorted { $0.order.lexicographicallyPrecedes($1.order) }.map(\.entry)
    var response = try followUpPage(municipality, summary: summary, entries: entries, preview: true)
    response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
    response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex, nofollow")
    return response
  }

  /// The goals the statuses are about, with their area and page order: the version in force on `reference` (as the
  /// published page will show it), and older or newer versions only for a status that is not about that version.
  private func goalsByID(for followUp: FollowUp, reference: CalendarDate) throws
    -> [Int64: (areaName: String, goal: Goal, order: [Int64])]
  {
    var goals: [Int64: (areaName: String, goal: Goal, order: [Int64])] = [:]
    func add(_ version: ContractVersion, rank: Int64) {
      for area in version.areas {
        for goal in area.goals where goals[goal.id] == nil {
          goals[goal.id] = (
            area.name, goal, [rank, Int64(area.position), area.id, Int64(goal.position), goal.id]
          )
        }
      }
    }
    let inForce = try store.contractInForce(municipalityCode: followUp.municipalityCode, asOf: reference)
    if let inForce { add(inForce.version, rank: 0) }
    let history = try store.versionHistory(municipalityCode: followUp.municipalityCode)
    for summary in history.reversed() where summary.id != inForce?.version.id {
      guard followUp.statuses.contains(where: { goals[$0.goalId] == nil }) else { break }
      if let version = try store.version(id: summary.id) { add(version, rank: Int64(summary.number)) }
    }
    return goals
  }
}
