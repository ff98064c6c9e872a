import Admin
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

/// Helpers for the decision pages' tests: municipalities chosen from the seeded data, drafts made with the Store.
class DecisionTestCase: AdminTestCase {
  static let editor = "redaktor@example.dk"

  /// A municipality with a contract in force whose goals have targets, and no draft; none of `excluding`.
  func municipalityInForce(excluding: Set<String> = []) throws -> (code: String, contract: ContractInForce) {
    let today = try store.today()
    for municipality in try store.municipalities() where !excluding.contains(municipality.code) {
      guard try store.draft(municipalityCode: municipality.code) == nil,
        let contract = try store.contractInForce(municipalityCode: municipality.code, asOf: today),
        contract.version.areas.flatMap(\.goals).contains(where: { $0.targetValue != nil })
      else { continue }
      return (municipality.code, contract)
    }
    throw XCTSkip("no municipality in the seed has a contract in force and no draft")
  }

  /// A draft of `code` holding one area with `goals` (the version in force's areas removed).
  func makeDraft(_ code: String, goals: [Goal]) throws -> (version: ContractVersion, goals: [Goal]) {
    let versionId = try store.createDraft(municipalityCode: code, changeNote: "Testudkast")
    for area in try XCTUnwrap(try store.version(id: versionId)).areas {
      try store.removeArea(versionAreaId: area.id)
    }
    let serviceArea = try XCTUnwrap(try store.serviceAreas().first { $0.name == "Folkeskole" })
    let versionArea = try store.addArea(versionId: versionId, serviceAreaId: serviceArea.id)
    let added = try goals.map { try store.addGoal(versionAreaId: versionArea, $0) }
    return (try XCTUnwrap(try store.version(id: versionId)), added)
  }

  static func goal(_ title: String, means: String = "Læsebånd hver dag i indskolingen") -> Goal {
    Goal(
      title: title, theme: "Faglighed", goalText: "Mindst 90 % læser alderssvarende",
      indicator: "Andel elever, der læser alderssvarende", unit: "%", baselineValue: 78,
      baselineDate: CalendarDate(year: 2020, month: 8, day: 1), targetValue: 90,
      targetDate: CalendarDate(year: 2030, month: 6, day: 30), direction: .higher, means: means)
  }

  /// The text as a template writes it: `& < > " '` escaped.
  func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "'", with: "&#39;")
  }

  func audits(_ code: String, _ action: String) throws -> [AuditEntry] {
    try store.auditLog(municipalityCode: code).filter { $0.action == action }
  }

  static func paths(_ code: String) -> (recommendation: String, adoption: String) {
    ("/admin/kommune/\(code)/udkast/indstilling", "/admin/kommune/\(code)/udkast/vedtagelse")
  }

  static func publication(_ code: String, _ number: Int) -> String {
    "/admin/kommune/\(code)/version/\(number)/offentliggoerelse"
  }
}

final class DecisionTests: DecisionTestCase {
  func testRecommendationThenAdoptionRefusedUntilCompleteThenLatePublicationReachesCitizens() throws {
    let (code, _) = try municipalityInForce()
    try addUser(Self.editor, role: .editor, municipality: code)
    let browser = try signedIn(Self.editor)
    let title = "Læsefærdigheder i 3. klasse"
    let (draft, goals) = try makeDraft(code, goals: [Self.goal(title, means: "")])
    let (recommendationPath, adoptionPath) = Self.paths(code)
    let today = try store.today()

    // The committee recommends; that is recorded, adopts nothing, and a form sent twice records it once.
    let form = try browser.get(recommendationPath)
    XCTAssertEqual(form.status, 200, form.text)
    XCTAssertTrue(form.text.contains("En indstilling er ikke en vedtagelse"))
    let recommended = today.adding(days: -50)
    let recommendation = [
      ("committee", "Børne- og Skoleudvalget"), ("recommended_on", recommended.description),
      ("note", "Udvalget anbefaler udkastet"),
    ]
    for _ in 0..<2 {
      let sent = try browser.post(recommendationPath, recommendation)
      XCTAssertEqual(sent.status, 303, sent.text)
      XCTAssertEqual(sent.headers["Location"], adoptionPath)
    }
    let recorded = try store.recommendations(versionId: draft.id)
    XCTAssertEqual(recorded.map(\.committee), ["Børne- og Skoleudvalget"])
    XCTAssertEqual(recorded.first?.recommendedOn, recommended)
    XCTAssertTrue(try XCTUnwrap(try store.version(id: draft.id)).isDraft, "a recommendation adopts nothing")
    XCTAssertEqual(try audits(code, "version.recommendation").count, 1)

    // The adoption page names what blocks adoption; the store refuses it, the form comes back with the values.
    let problems = try store.problems(versionId: draft.id)
    XCTAssertFalse(problems.isEmpty)
    let adoptionForm = try browser.get(adoptionPath)
    XCTAssertEqual(adoptionForm.status, 200)
    XCTAssertTrue(adoptionForm.text.contains("Børne- og Skoleudvalget"), "the recommendation is shown")
    for problem in problems {
      XCTAssertTrue(adoptionForm.text.contains(escaped(problem.message)), problem.message)
    }
    let adopted = today.adding(days: -40)
    let meeting = "Byrådet \(adopted.danishText), punkt 7"
    let adoption = [("adopted_on", adopted.description), ("meeting_reference", meeting)]
    let before = try databaseContents()
    let refused = try browser.post(adoptionPath, adoption)
    XCTAssertEqual(refused.status, 422)
    XCTAssertTrue(refused.text.contains("error-summary"))
    for problem in problems {
      XCTAssertTrue(refused.text.contains(escaped(problem.message)), problem.message)
    }
    XCTAssertTrue(refused.text.contains("value=\"\(escaped(meeting))\""), "the meeting reference is kept")
    XCTAssertTrue(refused.text.contains("value=\"\(adopted.description)\""), "the date is kept")
    XCTAssertEqual(try databaseContents(), before, "a refused adoption changes nothing")

    // Fixed in the draft, the adoption goes through and leads to publication.
    var fixed = goals[0]
    fixed.means = "Læsebånd hver dag i indskolingen"
    try store.updateGoal(id: fixed.id, fixed)
    try browser.get(adoptionPath)
    let accepted = try browser.post(adoptionPath, adoption)
    XCTAssertEqual(accepted.status, 303, accepted.text)
    let publicationPath = Self.publication(code, draft.number)
    XCTAssertEqual(accepted.headers["Location"], publicationPath)
    let adoptedVersion = try XCTUnwrap(try store.version(id: draft.id))
    XCTAssertEqual(adoptedVersion.adoption, Adoption(adoptedOn: adopted, meetingReference: meeting))
    XCTAssertEqual(try audits(code, "version.adopt").count, 1)

    // More than a month later: the page says plainly that publishing now is late, and publishing is allowed.
    let deadline = try XCTUnwrap(adoptedVersion.adoption).publicationDeadline
    XCTAssertLessThan(deadline, today)
    let publication = try browser.get(publicationPath)
    XCTAssertEqual(publication.status, 200)
    XCTAssertTrue(publication.text.contains("Fristen var \(deadline.danishText)."), publication.text)
    XCTAssertTrue(publication.text.contains("Offentliggørelsen bliver registreret som for sen."))
    let published = try browser.post(publicationPath)
    XCTAssertEqual(published.status, 303, published.text)
    XCTAssertEqual(published.headers["Location"], publicationPath)
    let publishedVersion = try XCTUnwrap(try store.version(id: draft.id))
    XCTAssertEqual(publishedVersion.publishedOn, today)
    XCTAssertEqual(publishedVersion.publishedLate, true)
    let entry = try XCTUnwrap(try audits(code, "version.publish").first)
    XCTAssertTrue(try XCTUnwrap(entry.afterJSON).contains("\"published_late\":true"), entry.afterJSON ?? "")
    XCTAssertTrue(try XCTUnwrap(entry.beforeJSON).contains("\"published_on\":null"))
    let done = try browser.get(publicationPath)
    XCTAssertTrue(done.text.contains("registreret som for sen"))
    XCTAssertFalse(done.text.contains("action=\"\(publicationPath)\""), "no second publication form")

    // Citizens see the new version, marked late, with the committee's recommendation.
    let citizen = try browser.get("/kommune/\(code)")
    XCTAssertEqual(citizen.status, 200)
    XCTAssertTrue(citizen.text.contains("Kvalitetskontrakt, version \(draft.number)"))
    XCTAssertTrue(citizen.text.contains(escaped(title)))
    XCTAssertTrue(citizen.text.contains("offentliggjort for sent"))
    XCTAssertTrue(citizen.text.contains("Børne- og Skoleudvalget"))
    XCTAssertEqual(
      try store.versionInForce(municipalityCode: code, asOf: today)?.id, draft.id,
      "the new version is in force")
  }

  func testAdoptionTodayTypedTheDanishWayIsPublishedOnTime() throws {
    let (code, _) = try municipalityInForce()
    try addUser(Self.editor, role: .editor, municipality: code)
    let browser = try signedIn(Self.editor)
    let title = "Trivsel i udskolingen"
    let (draft, _) = try makeDraft(code, goals: [Self.goal(title)])
    let adoptionPath = Self.paths(code).adoption
    let today = try store.today()
    let page = try browser.get(adoptionPath)
    XCTAssertTrue(page.text.contains("Udkastet kan vedtages"), page.text)
    let danish = today.danishNumeric.replacingOccurrences(of: ".", with: "-")
    let accepted = try browser.post(
      adoptionPath, [("adopted_on", danish), ("meeting_reference", "Kommunalbestyrelsen, punkt 3")])
    XCTAssertEqual(accepted.status, 303, accepted.text)
    XCTAssertEqual(try store.version(id: draft.id)?.adoption?.adoptedOn, today)
    let again = try browser.post(
      adoptionPath, [("adopted_on", danish), ("meeting_reference", "Kommunalbestyrelsen, punkt 3")])
    XCTAssertEqual(again.status, 303, "the same form again just redirects")
    XCTAssertEqual(again.headers["Location"], Self.publication(code, draft.number))
    XCTAssertEqual(try audits(code, "version.adopt").count, 1)

    let publicationPath = Self.publication(code, draft.number)
    let deadline = today.addingMonths(1)
    let publication = try browser.get(publicationPath)
    XCTAssertTrue(publication.text.contains("Fristen er \(deadline.danishText)."), publication.text)
    XCTAssertFalse(publication.text.contains("for sen"))
    XCTAssertEqual(try browser.post(publicationPath).status, 303)
    XCTAssertEqual(try store.version(id: draft.id)?.publishedLate, false)
    XCTAssertEqual(try browser.post(publicationPath).status, 303, "the same form again just redirects")
    XCTAssertEqual(try audits(code, "version.publish").count, 1)
    let citizen = try browser.get("/kommune/\(code)")
    XCTAssertTrue(citizen.text.contains("Kvalitetskontrakt, version \(draft.number)"))
    XCTAssertTrue(citizen.text.contains(escaped(title)))
    XCTAssertFalse(citizen.text.contains("offentliggjort for sent"))
  }

  func testFieldProblemsComeBackNextToTheirFieldsAndChangeNothing() throws {
    let (code, _) = try municipalityInForce()
    try addUser(Self.editor, role: .editor, municipality: code)
    let browser = try signedIn(Self.editor)
    let (draft, _) = try makeDraft(code, goals: [Self.goal("Fravær")])
    let (recommendationPath, adoptionPath) = Self.paths(code)
    let tomorrow = try store.today().adding(days: 1)
    let before = try databaseContents()

    try browser.get(adoptionPath)
    let empty = try browser.post(adoptionPath, [("adopted_on", ""), ("meeting_reference", "  ")])
    XCTAssertEqual(empty.status, 422)
    XCTAssertTrue(empty.text.contains("Skriv datoen for kommunalbestyrelsens vedtagelse"))
    XCTAssertTrue(empty.text.contains("Skriv mødet og punktet"))
    XCTAssertEqual(empty.text.components(separatedBy: "aria-invalid=\"true\"").count - 1, 2)

    let future = try browser.post(
      adoptionPath, [("adopted_on", tomorrow.description), ("meeting_reference", "Byrådet, punkt 1")])
    XCTAssertEqual(future.status, 422)
    XCTAssertTrue(future.text.contains("Vedtagelsesdatoen ligger i fremtiden"))
    XCTAssertTrue(future.text.contains("value=\"Byrådet, punkt 1\""))
    XCTAssertTrue(future.text.contains("id=\"felt-adopted-on-fejl\""))

    let nonsense = try browser.post(
      adoptionPath, [("adopted_on", "31-02-2011"), ("meeting_reference", "Byrådet, punkt 1")])
    XCTAssertEqual(nonsense.status, 422)
    XCTAssertTrue(nonsense.text.contains("Datoen findes ikke"))
    XCTAssertTrue(nonsense.text.contains("value=\"31-02-2011\""))

    try browser.get(recommendationPath)
    let noCommittee = try browser.post(
      recommendationPath, [("committee", ""), ("recommended_on", "i går"), ("note", "Bemærkning")])
    XCTAssertEqual(noCommittee.status, 422)
    XCTAssertTrue(noCommittee.text.contains("Skriv udvalgets navn"))
    XCTAssertTrue(noCommittee.text.contains("Datoen findes ikke"))
    XCTAssertTrue(noCommittee.text.contains(">Bemærkning</textarea>"), "the note is kept")

    XCTAssertEqual(try databaseContents(), before)
    XCTAssertTrue(try XCTUnwrap(try store.version(id: draft.id)).isDraft)
  }

  func testMoreThanThreeGoalsInAnAreaIsAWarningNotARefusal() throws {
    let (code, _) = try municipalityInForce()
    try addUser(Self.editor, role: .editor, municipality: code)
    let browser = try signedIn(Self.editor)
    let (draft, _) = try makeDraft(code, goals: (1...4).map { Self.goal("Mål nummer \($0)") })
    let adoptionPath = Self.paths(code).adoption
    let page = try browser.get(adoptionPath)
    let warning = try XCTUnwrap(
      ContentRules.guidanceWarnings(try XCTUnwrap(try store.version(id: draft.id))).first)
    XCTAssertTrue(page.text.contains(escaped(warning)), page.text)
    let today = try store.today()
    let accepted = try browser.post(
      adoptionPath, [("adopted_on", today.description), ("meeting_reference", "Byrådet, punkt 2")])
    XCTAssertEqual(accepted.status, 303, accepted.text)
    XCTAssertFalse(try XCTUnwrap(try store.version(id: draft.id)).isDraft)
  }

  func testAnotherMunicipalitysDecisionPagesAreForbiddenAndChangeNothing() throws {
    let (own, _) = try municipalityInForce()
    let (other, otherContract) = try municipalityInForce(excluding: [own])
    let (otherDraft, _) = try makeDraft(other, goals: [Self.goal("Andre kommuners mål")])
    let goal = try XCTUnwrap(otherContract.version.areas.flatMap(\.goals).first)
    try addUser(Self.editor, role: .editor, municipality: own)
    let browser = try signedIn(Self.editor)
    try browser.get("/admin/kommune/\(own)")
    let tokens = browser.hiddenFields(ofFormWithAction: "/admin/logout")
    let csrf = try XCTUnwrap(tokens.first { $0.0 == "csrf" }?.1)
    let before = try databaseContents()
    let (recommendationPath, adoptionPath) = Self.paths(other)
    XCTAssertEqual(try browser.get("/admin/kommune/\(other)/kontrakt").status, 403)
    let targets = [
      recommendationPath, adoptionPath,
      Self.publication(other, otherContract.version.number),
      "/admin/kommune/\(other)/maal/\(goal.id)/justering",
    ]
    let form = [
      ("csrf", csrf), ("once", "en-engangsnoegle-\(UUID().uuidString)"),
      ("version", String(otherDraft.number)),
      ("committee", "Økonomiudvalget"), ("recommended_on", "2020-01-01"), ("adopted_on", "2020-01-01"),
      ("meeting_reference", "Byrådet, punkt 1"), ("target_value", "1"), ("reason", "Fordi"),
    ]
    for target in targets {
      XCTAssertEqual(try browser.get(target).status, 403, "GET \(target)")
      XCTAssertEqual(try browser.post(target, form, useFormTokens: false).status, 403, "POST \(target)")
    }
    XCTAssertEqual(try databaseContents(), before)
  }

  func testVersionsAndGoalsOutsideTheMunicipalitysOwnAreNotFound() throws {
    let (own, ownContract) = try municipalityInForce()
    let (other, otherContract) = try municipalityInForce(excluding: [own])
    try addUser(Self.editor, role: .editor, municipality: own)
    let browser = try signedIn(Self.editor)
    try browser.get("/admin/kommune/\(own)")
    let csrf = try XCTUnwrap(
      browser.hiddenFields(ofFormWithAction: "/admin/logout").first { $0.0 == "csrf" }?.1)
    let form = [("csrf", csrf), ("once", "en-engangsnoegle-\(UUID().uuidString)"), ("target_value", "1")]
    let before = try databaseContents()

    // No draft: nothing to recommend or adopt.
    XCTAssertEqual(try browser.get(Self.paths(own).recommendation).status, 404)
    XCTAssertEqual(try browser.get(Self.paths(own).adoption).status, 404)
    // A version number the municipality does not have (another municipality's, if it has more versions).
    let ownNumbers = Set(try store.versionHistory(municipalityCode: own).map(\.number))
    let foreignNumber =
      try store.versionHistory(municipalityCode: other).map(\.number).first { !ownNumbers.contains($0) }
      ?? (ownNumbers.max() ?? 0) + 1
    let wrongVersion = Self.publication(own, foreignNumber)
    XCTAssertEqual(try browser.get(wrongVersion).status, 404)
    XCTAssertEqual(try browser.post(wrongVersion, form, useFormTokens: false).status, 404)
    XCTAssertEqual(try browser.get(Self.publication(own, 0)).status, 404)
    // Another municipality's goal under the own code, and an own goal no longer in force.
    var goalIds = otherContract.version.areas.flatMap(\.goals).prefix(1).map(\.id)
    let inForceLineages = Set(ownContract.version.areas.flatMap(\.goals).map(\.lineage))
    for version in try store.versionHistory(municipalityCode: own) where version.id != ownContract.version.id
    {
      let old = try XCTUnwrap(try store.version(id: version.id)).areas.flatMap(\.goals)
      if let goal = old.first(where: { inForceLineages.contains($0.lineage) }) {
        goalIds.append(goal.id)
        break
      }
    }
    for id in goalIds {
      let target = "/admin/kommune/\(own)/maal/\(id)/justering"
      XCTAssertEqual(try browser.get(target).status, 404, target)
      XCTAssertEqual(try browser.post(target, form, useFormTokens: false).status, 404, target)
    }
    XCTAssertEqual(try databaseContents(), before)
  }

  func testPublishingADraftOrAPublishedVersionIsRefused() throws {
    let (code, contract) = try municipalityInForce()
    try addUser(Self.editor, role: .editor, municipality: code)
    let browser = try signedIn(Self.editor)
    let (draft, _) = try makeDraft(code, goals: [Self.goal("Ventetid")])
    let before = try databaseContents()

    let draftPage = try browser.get(Self.publication(code, draft.number))
    XCTAssertEqual(draftPage.status, 200)
    XCTAssertTrue(draftPage.text.contains("er ikke vedtaget endnu"))
    XCTAssertFalse(draftPage.text.contains("action=\"\(Self.publication(code, draft.number))\""))
    let csrf = try XCTUnwrap(
      browser.hiddenFields(ofFormWithAction: "/admin/logout").first { $0.0 == "csrf" }?.1)
    let draftPost = try browser.post(
      Self.publication(code, draft.number), [("csrf", csrf), ("once", "engangsnoegle-\(UUID().uuidString)")],
      useFormTokens: false)
    XCTAssertEqual(draftPost.status, 409)

    let publishedPath = Self.publication(code, contract.version.number)
    let publishedPage = try browser.get(publishedPath)
    XCTAssertTrue(publishedPage.text.contains("er offentliggjort"), publishedPage.text)
    let again = try browser.post(
      publishedPath, [("csrf", csrf), ("once", "engangsnoegle-\(UUID().uuidString)")], useFormTokens: false)
    XCTAssertEqual(again.status, 409)
    XCTAssertEqual(try databaseContents(), before)
  }
}
