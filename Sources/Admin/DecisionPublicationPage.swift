import Domain
import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  /// §6: publishing an adopted version, today. The page shows the deadline and says plainly when publishing now is
  /// late; late publication is recorded as late, never refused.
  func publicationPage(
    _ request: AdminRequest, version: ContractVersion, problem: String? = nil, status: HTTPStatus = .ok
  ) throws -> Response {
    let code = try request.code
    let today = try today()
    var facts: TemplateObject = [
      "number": .int(version.number), "changeNote": .string(version.changeNote),
      "isDraft": .bool(version.isDraft),
    ]
    if let adoption = version.adoption {
      facts["adopted"] = .string(adoption.adoptedOn.danishText)
      facts["meeting"] = .string(adoption.meetingReference)
      facts["deadline"] = .string(adoption.publicationDeadline.danishText)
      facts["lateNow"] = .bool(PublicationDeadline.isLate(published: today, adopted: adoption.adoptedOn))
    }
    if let published = version.publishedOn {
      facts["published"] = .string(published.danishText)
      facts["publishedLate"] = .bool(version.publishedLate == true)
    }
    let history = try store.versionHistory(municipalityCode: code)
    let newer = history.filter { $0.number > version.number && $0.publishedOn != nil }.last
    return try page(
      "admin/decision-publication", title: "Offentliggørelse af version \(version.number)", for: request,
      status: status,
      [
        "code": .string(code), "version": .object(facts), "today": .string(today.danishText),
        "newer": newer.map { ["number": .int($0.number), "published": .string($0.publishedOn!.danishText)] }
          ?? .null,
        "problem": problem.map(TemplateValue.string) ?? .null,
        "citizenHref": .string("/kommune/\(code)"), "tokens": request.formTokens(),
      ])
  }

  func publishVersion(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let version = try requireVersion(request)
    let path = "/admin/kommune/\(code)/version/\(version.number)/offentliggoerelse"
    let today = try today()
    do {
      return try perform(request, redirect: path) { writer in
        guard let current = try writer.version(id: version.id), let adoption = current.adoption else {
          throw AdminError(
            .conflict,
            "Version \(version.number) er ikke vedtaget endnu. Registrér kommunalbestyrelsens vedtagelse først."
          )
        }
        if let published = current.publishedOn {
          throw AdminError(
            .conflict, "Version \(version.number) er allerede offentliggjort \(published.danishText).")
        }
        try writer.publish(versionId: version.id, on: today)
        return AdminChange(
          "version.publish", entity: "contract_version", id: version.id,
          before: ["number": version.number, "published_on": NSNull()],
          after: [
            "number": version.number, "published_on": today.description,
            "publication_deadline": adoption.publicationDeadline.description,
            "published_late": PublicationDeadline.isLate(published: today, adopted: adoption.adoptedOn),
          ])
      }
    } catch let violation as RuleViolation {
      return try publicationPage(
        request, version: version,
        problem: "Versionen kunne ikke offentliggøres: \(violation.message)", status: .unprocessableContent)
    }
  }
}
