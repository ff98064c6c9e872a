import Domain
import Store
import Web

/// The public API's JSON shapes (written out in docs/opendata-apiread.md): keys in camelCase and in that order,
/// dates as `YYYY-MM-DD`, `null` for what is missing.
enum APIViews {
  /// "Høje-Taastrup" → "hoeje-taastrup": folded as the search folds (lower case, æ ø å as ae oe aa, accents
  /// dropped), each run of anything but ASCII letters and digits one "-", none at either end.
  static func slug(_ name: String) -> String {
    var slug = ""
    var pendingDash = false
    for scalar in DanishFolding.fold(name).unicodeScalars {
      let isKept = (0x61...0x7A).contains(scalar.value) || (0x30...0x39).contains(scalar.value)
      if !isKept {
        pendingDash = !slug.isEmpty
        continue
      }
      if pendingDash { slug.append("-") }
      pendingDash = false
      slug.unicodeScalars.append(scalar)
    }
    return slug
  }

  static func municipalityFields(_ municipality: Municipality, regionNames: [String: String])
    -> [(String, JSONValue)]
  {
    [
      ("code", .string(municipality.code)), ("name", .string(municipality.name)),
      ("region", .string(regionNames[municipality.regionCode] ?? municipality.regionCode)),
      ("slug", .string(slug(municipality.name))),
    ]
  }

  static func municipality(_ municipality: Municipality, regionNames: [String: String]) -> JSONValue {
    .object(municipalityFields(municipality, regionNames: regionNames))
  }

  static func date(_ date: CalendarDate?) -> JSONValue { .optional(date?.description) }

  static func bool(_ value: Bool?) -> JSONValue { value.map(JSONValue.bool) ?? .null }

  /// `{value, date}`.
  static func point(_ value: Double?, _ date: CalendarDate?) -> JSONValue {
    ["value": .optional(value), "date": Self.date(date)]
  }

  static func versionSummaryFields(_ version: ContractVersion, inForceId: Int64?) -> [(String, JSONValue)] {
    [
      ("version", .int(version.number)), ("changeNote", .string(version.changeNote)),
      ("adoptedOn", date(version.adoption?.adoptedOn)),
      ("meetingReference", .optional(version.adoption?.meetingReference)),
      ("publishedOn", date(version.publishedOn)),
      ("publicationDeadline", date(version.adoption?.publicationDeadline)),
      ("publishedLate", bool(version.publishedLate)), ("inForce", .bool(version.id == inForceId)),
    ]
  }

  static func versionSummary(_ version: ContractVersion, inForceId: Int64?) -> JSONValue {
    .object(versionSummaryFields(version, inForceId: inForceId))
  }

  /// The version with its areas and goals, each goal with its adjustments and latest published status.
  static func contract(_ contract: ContractInForce, inForceId: Int64?) -> JSONValue {
    let version = contract.version
    let latest = contract.latestStatuses
    var fields: [(String, JSONValue)] = [("municipalityCode", .string(version.municipalityCode))]
    fields += versionSummaryFields(version, inForceId: inForceId)
    fields.append(
      (
        "areas",
        .array(
          version.areas.map { area in
            [
              "name": .string(area.name),
              "goals": .array(
                area.goals.map { goal in
                  Self.goal(
                    goal, adjustments: contract.adjustments[goal.lineage] ?? [],
                    latestStatus: latest[goal.lineage])
                }),
            ]
          })
      ))
    return .object(fields)
  }

  static func goal(_ goal: Goal, adjustments: [TargetAdjustment], latestStatus: LatestStatus?) -> JSONValue {
    [
      "id": .int(Int(goal.id)), "lineage": .int(Int(goal.lineage)), "title": .string(goal.title),
      "theme": .string(goal.theme), "goal": .string(goal.goalText), "indicator": .optional(goal.indicator),
      "unit": .optional(goal.unit), "baseline": point(goal.baselineValue, goal.baselineDate),
      "target": point(goal.targetValue, goal.targetDate), "direction": .string(goal.direction.rawValue),
      "means": .string(goal.means), "adjustments": .array(adjustments.map(adjustment)),
      "latestStatus": latestStatus.map { status($0.status, budgetYear: $0.budgetYear) } ?? .null,
    ]
  }

  static func adjustment(_ adjustment: TargetAdjustment) -> JSONValue {
    [
      "adjustedOn": date(adjustment.adjustedOn),
      "oldTarget": point(adjustment.oldTargetValue, adjustment.oldTargetDate),
      "newTarget": point(adjustment.newTargetValue, adjustment.newTargetDate),
      "reason": .string(adjustment.reason),
    ]
  }

  static func status(_ status: GoalStatus, budgetYear: Int) -> JSONValue {
    [
      "budgetYear": .int(budgetYear), "result": .string(status.result.rawValue),
      "statusText": .string(status.statusText), "measured": point(status.measuredValue, status.measuredOn),
      "followUpText": .string(status.followUpText),
    ]
  }

  static func followUpSummaryFields(_ summary: FollowUpSummary) -> [(String, JSONValue)] {
    [
      ("budgetYear", .int(summary.budgetYear)), ("dueOn", date(summary.dueOn)),
      ("adoptedOn", date(summary.adoption?.adoptedOn)),
      ("meetingReference", .optional(summary.adoption?.meetingReference)),
      ("adoptedLate", bool(summary.adoptedLate)),
      ("publicationDeadline", date(summary.publicationDeadline)), ("publishedOn", date(summary.publishedOn)),
      ("publishedLate", bool(summary.publishedLate)),
    ]
  }

  static func followUpSummary(_ summary: FollowUpSummary) -> JSONValue {
    .object(followUpSummaryFields(summary))
  }

  /// The summary and, by area in the contract's order, each goal with its status.
  static func followUp(_ statement: FollowUpStatement) -> JSONValue {
    let year = statement.summary.budgetYear
    var areas: [(name: String, goals: [JSONValue])] = []
    for entry in statement.entries {
      if areas.last?.name != entry.areaName { areas.append((entry.areaName, [])) }
      let goal = entry.goal
      areas[areas.count - 1].goals.append(
        [
          "id": .int(Int(goal.id)), "lineage": .int(Int(goal.lineage)), "title": .string(goal.title),
          "goal": .string(goal.goalText), "unit": .optional(goal.unit),
          "target": point(goal.targetValue, goal.targetDate),
          "status": status(entry.status, budgetYear: year),
        ])
    }
    var fields: [(String, JSONValue)] = [("municipalityCode", .string(statement.summary.municipalityCode))]
    fields += followUpSummaryFields(statement.summary)
    fields.append(("areas", .array(areas.map { ["name": .string($0.name), "goals": .array($0.goals)] })))
    return .object(fields)
  }

  static func searchHit(_ hit: SearchHit) -> JSONValue {
    [
      "kind": .string(hit.kind.rawValue), "goalId": .int(Int(hit.goalId)),
      "lineage": .int(Int(hit.goalLineage)),
      "title": .string(hit.goalTitle), "area": .string(hit.areaName), "budgetYear": .optional(hit.budgetYear),
      "matches": .array(hit.matches.map { ["field": .string($0.field.rawValue), "text": .string($0.text)] }),
    ]
  }
}
