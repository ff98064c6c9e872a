import Domain
import HTTP
import Store
import Web

extension AdminSite {
  /// The contract in force (areas and goals, each with a link to adjust its target), the draft's next steps and
  /// every version with its state, so staff see where each decision stands.
  func contractPage(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    guard let municipality = try store.municipality(code: code) else { throw AdminError.notFound("Kommunen") }
    let today = try today()
    let contract = try store.contractInForce(municipalityCode: code, asOf: today)
    let inForce: TemplateValue =
      if let contract {
        [
          "number": .int(contract.version.number),
          "adopted": contract.version.adoption.map { .string($0.adoptedOn.danishText) } ?? .null,
          "meeting": contract.version.adoption.map { .string($0.meetingReference) } ?? .null,
          "published": contract.version.publishedOn.map { .string($0.danishText) } ?? .null,
          "areas": .array(contract.version.areas.map { areaValue($0, contract: contract, code: code) }),
        ]
      } else { .null }
    let draft = try store.draft(municipalityCode: code)
    let versions = try store.versionHistory(municipalityCode: code).reversed().map {
      version -> TemplateValue in
      var value: TemplateObject = [
        "number": .int(version.number),
        "adopted": version.adoption.map { .string($0.adoptedOn.danishText) } ?? .null,
        "published": version.publishedOn.map { .string($0.danishText) } ?? .null,
        "late": .bool(version.publishedLate == true),
        "inForce": .bool(version.id == contract?.version.id),
      ]
      if version.isDraft {
        value["state"] = "Udkast"
        value["action"] = [
          "href": .string("/admin/kommune/\(code)/udkast/vedtagelse"),
          "label": .string("Registrér vedtagelsen af version \(version.number)"),
        ]
      } else if version.publishedOn == nil {
        let overdue = today > version.adoption!.publicationDeadline
        value["state"] = .string(
          "Vedtaget, ikke offentliggjort (frist \(version.adoption!.publicationDeadline.danishText)"
            + (overdue ? ", overskredet)" : ")"))
        value["overdue"] = .bool(overdue)
        value["action"] = [
          "href": .string("/admin/kommune/\(code)/version/\(version.number)/offentliggoerelse"),
          "label": .string("Offentliggør version \(version.number)"),
        ]
      } else {
        value["state"] = .string(
          (version.id == contract?.version.id ? "Gældende" : "Offentliggjort")
            + (version.publishedLate == true ? " (offentliggjort for sent)" : ""))
      }
      return .object(value)
    }
    return try page(
      "admin/decision-contract", title: "Kvalitetskontrakten", for: request,
      [
        "code": .string(code), "municipality": .string(municipality.name), "inForce": inForce,
        "draft": draft.map { ["number": .int($0.number)] } ?? .null, "versions": .array(versions),
      ])
  }

  private func areaValue(_ area: VersionArea, contract: ContractInForce, code: String) -> TemplateValue {
    [
      "name": .string(area.name),
      "goals": .array(
        area.goals.map { goal in
          [
            "title": .string(goal.title), "goalText": .string(goal.goalText),
            "target": .string(Self.targetText(goal.targetValue, unit: goal.unit, date: goal.targetDate)),
            "adjustments": .array(
              (contract.adjustments[goal.lineage] ?? []).map {
                .string(Self.adjustmentText($0, unit: goal.unit))
              }),
            "href": .string("/admin/kommune/\(code)/maal/\(goal.id)/justering"),
          ]
        }),
    ]
  }

  /// "24. juni 2011: fra 95 % til 90 % (personalereduktioner)".
  static func adjustmentText(_ adjustment: TargetAdjustment, unit: String?) -> String {
    "\(adjustment.adjustedOn.danishText): fra "
      + targetText(adjustment.oldTargetValue, unit: unit, date: adjustment.oldTargetDate) + " til "
      + targetText(adjustment.newTargetValue, unit: unit, date: adjustment.newTargetDate) + " ("
      + adjustment.reason + ")"
  }
}
