import Domain
import Foundation
import HTTP
import Store
import Web

extension OpenDataSite {
  /// The contract's draft, the committee's recommendation, the council's adoption and publication.
  func registerContractWrites(on router: inout Router) {
    let base = "/api/v1/municipalities/:code/contract"
    router.put("\(base)/draft", authenticated { request, principal in try replaceDraft(request, principal) })
    router.get(
      "\(base)/draft",
      authenticated { request, principal in
        let code = try writableMunicipality(request, principal)
        let answer = try store.batch { writer -> JSONValue in
          guard let id = try writer.draftId(municipalityCode: code) else {
            throw APIProblem.notFound("Kommune \(code) har intet udkast.")
          }
          return try writer.apiVersion(id: id)
        }
        return Self.json(answer)
      })
    router.post(
      "\(base)/versions/:number(int)/recommendation",
      authenticated { request, principal in
        let (code, number) = (
          try writableMunicipality(request, principal), try request.parameter("number", as: Int.self)
        )
        let recommendation = try Self.recommendation(try WriteAPIBody(request))
        return try change(principal, municipalityCode: code) { writer in
          let id = try Self.versionId(writer, code, number)
          let before = try writer.apiVersion(id: id)
          try writer.addCommitteeRecommendation(versionId: id, recommendation)
          return WriteAPIChange(
            action: "version.recommendation", entity: "contract_version", entityId: id, before: before,
            after: try writer.apiVersion(id: id), status: .created)
        }
      })
    router.post(
      "\(base)/versions/:number(int)/adoption",
      authenticated { request, principal in
        let (code, number) = (
          try writableMunicipality(request, principal), try request.parameter("number", as: Int.self)
        )
        let adoption = try Self.adoption(try WriteAPIBody(request))
        return try change(principal, municipalityCode: code) { writer in
          let id = try Self.versionId(writer, code, number)
          let before = try writer.apiVersion(id: id)
          guard try writer.version(id: id)?.isDraft == true else {
            throw RuleViolation(rule: .section3, message: "§3: version \(number) er allerede vedtaget")
          }
          try writer.adopt(versionId: id, adoption)
          return WriteAPIChange(
            action: "version.adopt", entity: "contract_version", entityId: id, before: before,
            after: try writer.apiVersion(id: id))
        }
      })
    router.post(
      "\(base)/versions/:number(int)/publication",
      authenticated { request, principal in
        let (code, number) = (
          try writableMunicipality(request, principal), try request.parameter("number", as: Int.self)
        )
        let body = try WriteAPIBody(request, allowEmpty: true)
        try body.allowOnly(["publishedOn"])
        let date = try body.date("publishedOn") ?? store.today()
        return try change(principal, municipalityCode: code) { writer in
          let id = try Self.versionId(writer, code, number)
          let before = try writer.apiVersion(id: id)
          guard let version = try writer.version(id: id), version.adoption != nil else {
            throw RuleViolation(rule: .section6, message: "§6: kun en vedtaget version kan offentliggøres")
          }
          guard version.publishedOn == nil else {
            throw RuleViolation(rule: .section3, message: "§3: version \(number) er allerede offentliggjort")
          }
          try writer.publish(versionId: id, on: date)
          return WriteAPIChange(
            action: "version.publish", entity: "contract_version", entityId: id, before: before,
            after: try writer.apiVersion(id: id))
        }
      })
  }

  /// PUT …/contract/draft: the draft (created when there is none) gets the body's areas and goals.
  func replaceDraft(_ request: Request, _ principal: APITokenPrincipal) throws -> Response {
    let code = try writableMunicipality(request, principal)
    let body = try WriteAPIBody(request)
    try body.allowOnly(["changeNote", "areas"])
    let changeNote = try body.string("changeNote")
    let imported = try WriteAPIContractBody.areas(body)
    return try change(principal, municipalityCode: code) { writer in
      let existing = try writer.draftId(municipalityCode: code)
      let before = try existing.map { try writer.apiVersion(id: $0) }
      let id = try existing ?? writer.createDraft(municipalityCode: code, changeNote: changeNote ?? "")
      if let changeNote, existing != nil { try writer.setChangeNote(versionId: id, changeNote) }
      try writer.replaceDraftContent(
        versionId: id, municipalityCode: code, areas: imported.map { ($0.serviceAreaName, $0.goals) })
      return WriteAPIChange(
        action: "contract.import", entity: "contract_version", entityId: id, before: before,
        after: try writer.apiVersion(id: id), status: existing == nil ? .created : .ok)
    }
  }

  static func versionId(_ writer: Store.Writer, _ code: String, _ number: Int) throws -> Int64 {
    guard let id = try writer.versionId(municipalityCode: code, number: number) else {
      throw APIProblem.notFound("Kommune \(code) har ingen version \(number).")
    }
    return id
  }

  static func recommendation(_ body: WriteAPIBody) throws -> CommitteeRecommendation {
    try body.allowOnly(["committee", "recommendedOn", "note"])
    return CommitteeRecommendation(
      committee: try body.requiredString("committee").trimmingCharacters(in: .whitespaces),
      recommendedOn: try body.requiredDate("recommendedOn"), note: try body.string("note") ?? "")
  }

  static func adoption(_ body: WriteAPIBody) throws -> Adoption {
    try body.allowOnly(["adoptedOn", "meetingReference"])
    return Adoption(
      adoptedOn: try body.requiredDate("adoptedOn"),
      meetingReference: try body.requiredString("meetingReference").trimmingCharacters(in: .whitespaces))
  }
}
