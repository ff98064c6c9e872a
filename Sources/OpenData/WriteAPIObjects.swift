import Domain
import Store
import Web

/// The stored objects the write API answers with (and records in the audit log): the public contract's shape plus
/// the state of a draft.
enum WriteAPIObjects {
  static func date(_ date: CalendarDate?) -> JSONValue { .optional(date?.description) }

  static func measure(_ value: Double?, _ on: CalendarDate?) -> JSONValue {
    guard value != nil || on != nil else { return .null }
    return ["value": value.map(JSONValue.number) ?? .null, "date": date(on)]
  }

  static func version(
    _ version: ContractVersion, recommendations: [CommitteeRecommendation], problems: [RuleProblem]
  ) -> JSONValue {
    let status = version.adoption == nil ? "draft" : version.publishedOn == nil ? "adopted" : "published"
    return [
      "municipality": .string(version.municipalityCode), "version": .int(version.number),
      "status": .string(status), "changeNote": .string(version.changeNote),
      "adoptedOn": date(version.adoption?.adoptedOn),
      "meetingReference": .optional(version.adoption?.meetingReference),
      "publishedOn": date(version.publishedOn),
      "publicationDeadline": date(version.adoption?.publicationDeadline),
      "publishedLate": version.publishedLate.map(JSONValue.bool) ?? .null,
      "recommendations": .array(recommendations.map(recommendation)),
      "problems": .array(problems.map { .string($0.message) }),
      "areas": .array(
        version.areas.map { area in
          ["name": .string(area.name), "goals": .array(area.goals.map(goal))]
        }),
    ]
  }

  static func goal(_ goal: Goal) -> JSONValue {
    [
      "id": .int(Int(goal.id)), "title": .string(goal.title), "theme": .string(goal.theme),
      "goal": .string(goal.goalText), "indicator": .optional(goal.indicator), "unit": .optional(goal.unit),
      "baseline": measure(goal.baselineValue, goal.baselineDate),
      "target": measure(goal.targetValue, goal.targetDate),
      "direction": .string(goal.direction.rawValue), "means": .string(goal.means),
    ]
  }

  static func recommendation(_ recommendation: CommitteeRecommendation) -> JSONValue {
    [
      "committee": .string(recommendation.committee),
      "recommendedOn": .string(recommendation.recommendedOn.description),
      "note": .string(recommendation.note),
    ]
  }

  static func followUp(
    _ summary: FollowUpSummary, _ followUp: FollowUp, recommendations: [CommitteeRecommendation]
  ) -> JSONValue {
    let status = summary.adoption == nil ? "draft" : summary.publishedOn == nil ? "adopted" : "published"
    return [
      "municipality": .string(summary.municipalityCode), "budgetYear": .int(summary.budgetYear),
      "status": .string(status), "dueOn": date(summary.dueOn),
      "adoptedOn": date(summary.adoption?.adoptedOn),
      "meetingReference": .optional(summary.adoption?.meetingReference),
      "adoptedLate": summary.adoptedLate.map(JSONValue.bool) ?? .null,
      "publishedOn": date(summary.publishedOn),
      "publicationDeadline": date(summary.publicationDeadline),
      "publishedLate": summary.publishedLate.map(JSONValue.bool) ?? .null,
      "recommendations": .array(recommendations.map(recommendation)),
      "statuses": .array(
        followUp.statuses.map { status in
          [
            "goalId": .int(Int(status.goalId)), "statusText": .string(status.statusText),
            "measured": measure(status.measuredValue, status.measuredOn),
            "result": .string(status.result.rawValue), "followUpText": .string(status.followUpText),
          ]
        }),
    ]
  }
}

extension Store.Writer {
  /// The version as the write API answers with it, read inside the transaction.
  func apiVersion(id: Int64) throws -> JSONValue {
    guard let version = try version(id: id) else { throw StoreError.notFound("version \(id)") }
    return WriteAPIObjects.version(
      version, recommendations: try recommendations(versionId: id),
      problems: version.isDraft ? try problems(versionId: id) : [])
  }

  /// The follow-up as the write API answers with it, read inside the transaction.
  func apiFollowUp(municipalityCode: String, budgetYear: Int) throws -> JSONValue? {
    guard let summary = try followUpSummary(municipalityCode: municipalityCode, budgetYear: budgetYear),
      let followUp = try followUp(id: summary.id)
    else { return nil }
    return WriteAPIObjects.followUp(
      summary, followUp, recommendations: try recommendations(followUpId: summary.id))
  }
}
