import Domain
import SQLite
import Store
import XCTest

/// `Store.search` and the index behind it, on the two-municipality fixture.
final class SearchTests: StoreTestCase {
  private var asOf: CalendarDate { date("2013-06-01") }

  private func search(_ input: String, asOf: CalendarDate? = nil, limit: Int = 200) throws
    -> [SearchResultGroup]
  {
    try store.search(try XCTUnwrap(SearchQuery.parse(input)), asOf: asOf ?? self.asOf, limit: limit)
  }

  private func hits(_ input: String, asOf: CalendarDate? = nil) throws -> [SearchHit] {
    try search(input, asOf: asOf).flatMap(\.hits)
  }

  private func goal(
    _ title: String, theme: String = "Borgerne skal opleve god service", goalText: String = "90 % inden 2012",
    means: String = "Bedre planlægning"
  ) -> Goal {
    var goal = completeGoal(title)
    goal.theme = theme
    goal.goalText = goalText
    goal.means = means
    return goal
  }

  /// A version with the given goals in one area, adopted and (when a date is given) published.
  @discardableResult
  private func version(
    _ municipality: String, _ goals: [Goal], area: String = "Ældreområdet", adopted: String = "2011-01-10",
    published: String? = "2011-01-20"
  ) throws -> (versionId: Int64, goals: [Goal]) {
    let versionId = try store.createDraft(municipalityCode: municipality)
    let areaId = try store.addArea(versionId: versionId, serviceAreaId: try areaId(area))
    let added = try goals.map { try store.addGoal(versionAreaId: areaId, $0) }
    try store.adopt(
      versionId: versionId, Adoption(adoptedOn: date(adopted), meetingReference: "Byrådet \(adopted)"))
    if let published { try store.publish(versionId: versionId, on: date(published)) }
    return (versionId, added)
  }

  /// A follow-up with a status for each goal, adopted and (when a date is given) published.
  @discardableResult
  private func followUp(
    _ municipality: String, year: Int, statuses: [(goalId: Int64, text: String, followUp: String)],
    adopted: String, published: String?
  ) throws -> Int64 {
    let id = try store.createFollowUp(municipalityCode: municipality, budgetYear: year)
    for status in statuses {
      try store.setStatus(
        followUpId: id,
        GoalStatus(
          goalId: status.goalId, statusText: status.text, result: .partly, followUpText: status.followUp))
    }
    try store.adoptFollowUp(
      id: id, Adoption(adoptedOn: date(adopted), meetingReference: "Byrådet \(adopted)"))
    if let published { try store.publishFollowUp(id: id, on: date(published)) }
    return id
  }

  /// The index holds exactly one row per goal and per status, each with the folded text of its row.
  private func assertIndexMatchesTables(file: StaticString = #filePath, line: UInt = #line) throws {
    let fold = DanishFolding.sqlFold
    let stale = try scalar(
      """
      SELECT (SELECT count(*) FROM search_text t WHERE NOT EXISTS (
          SELECT 1 FROM goal g WHERE 2 * g.id = t.rowid
          AND t.title = \(fold("g.title")) AND t.theme = \(fold("g.theme"))
          AND t.goal = \(fold("g.goal_text")) AND t.means = \(fold("g.means")))
        AND NOT EXISTS (
          SELECT 1 FROM goal_status s WHERE 2 * s.id + 1 = t.rowid
          AND t.status = \(fold("s.status_text")) AND t.follow_up = \(fold("s.follow_up_text"))))
      + (SELECT count(*) FROM goal g WHERE NOT EXISTS (SELECT 1 FROM search_text t WHERE t.rowid = 2 * g.id))
      + (SELECT count(*) FROM goal_status s WHERE NOT EXISTS (SELECT 1 FROM search_text t WHERE t.rowid = 2 * s.id + 1))
      """, as: Int.self)
    XCTAssertEqual(stale, 0, "rows in the index that differ from the tables", file: file, line: line)
  }

  /// Rows of the index (public or not) that hold a word starting with `word`.
  private func indexed(_ word: String) throws -> Int {
    try scalar(
      "SELECT count(*) FROM search_text WHERE search_text MATCH ?",
      try XCTUnwrap(SearchQuery.parse(word)).matchExpression, as: Int.self) ?? -1
  }

  func testDanishLettersMatchHoweverTheyAreTyped() throws {
    let (_, goals) = try version(
      taastrup,
      [goal("Høje mål for hjemmeplejen", theme: "Ældre skal kunne klare sig selv længst muligt")])
    for input in ["ældre", "aeldre", "Ældre", "ÆLDRE", "AELDRE", "ældre klare"] {
      let groups = try search(input)
      XCTAssertEqual(groups.map(\.municipalityCode), [taastrup], input)
      XCTAssertEqual(groups.first?.municipalityName, "Høje-Taastrup")
      let hit = try XCTUnwrap(groups.first?.hits.first)
      XCTAssertEqual(hit.kind, .goal)
      XCTAssertEqual(hit.goalId, goals[0].id)
      XCTAssertEqual(hit.goalLineage, goals[0].lineage)
      XCTAssertEqual(hit.goalTitle, "Høje mål for hjemmeplejen")
      XCTAssertEqual(hit.areaName, "Ældreområdet")
      XCTAssertNil(hit.budgetYear)
      XCTAssertEqual(hit.field, .theme)
      XCTAssertEqual(hit.text, "Ældre skal kunne klare sig selv længst muligt")
      XCTAssertEqual(
        hit.matches, [SearchMatch(field: .theme, text: "Ældre skal kunne klare sig selv længst muligt")],
        input)
    }
    for input in ["hoeje", "Høje", "HØJE", "hoej"] {
      XCTAssertEqual(try hits(input).map(\.matches.first?.field), [.title], input)
    }
    XCTAssertEqual(try hits("hjemmeplejen høje").first?.matches.map(\.field), [.title])
    XCTAssertEqual(try search("aldre"), [], "a is not æ")
    XCTAssertEqual(try search("ældre kbh"), [], "every term is required")
  }

  func testTermsMatchTheStartOfWords() throws {
    try version(
      copenhagen,
      [
        goal("Skolebørns trivsel", goalText: "Trivslen i skoleområdet skal stige"),
        goal("Madservice", means: "Samarbejde med folkeskolen"),
      ])
    let found = try hits("skole")
    XCTAssertEqual(
      Set(found.map(\.goalTitle)), ["Skolebørns trivsel"], "folkeskolen does not start with skole")
    XCTAssertEqual(found.first?.matches.map(\.field), [.title, .goal])
    XCTAssertEqual(try hits("skoleområdet").map(\.matches.first?.field), [.goal])
    XCTAssertEqual(try hits("skoleområderne"), [])
    XCTAssertEqual(try hits("folkeskole").map(\.goalTitle), ["Madservice"])
    XCTAssertEqual(try hits("folkeskole").first?.matches.map(\.field), [.means])
  }

  func testDraftsAndUnpublishedVersionsAreNotFoundUntilPublished() throws {
    let versionId = try store.createDraft(municipalityCode: taastrup)
    let area = try store.addArea(versionId: versionId, serviceAreaId: try areaId("Dagtilbud"))
    try store.addGoal(versionAreaId: area, goal("Kladdeordet xylofonmål"))
    XCTAssertEqual(try indexed("xylofon"), 1, "the index holds drafts")
    XCTAssertEqual(try search("xylofon"), [], "a draft is not public")
    try store.adopt(
      versionId: versionId, Adoption(adoptedOn: date("2012-03-01"), meetingReference: "Byrådet"))
    XCTAssertEqual(try search("xylofon"), [], "adopted but not published")
    try store.publish(versionId: versionId, on: date("2012-03-15"))
    XCTAssertEqual(try hits("xylofon").map(\.goalTitle), ["Kladdeordet xylofonmål"])
    XCTAssertEqual(try search("xylofon", asOf: date("2012-03-14")), [], "not yet published on that day")
    XCTAssertEqual(try search("xylofon", asOf: date("2012-03-15")).count, 1)
    try assertIndexMatchesTables()
  }

  func testOnlyTheVersionInForceIsFound() throws {
    let (_, first) = try version(
      taastrup, [goal("Ventetid", goalText: "Gammelt mål om ventetid")], adopted: "2011-01-10",
      published: "2011-01-20")
    let draft = try store.createDraft(municipalityCode: taastrup)
    let copied = try XCTUnwrap(store.version(id: draft)?.areas.first?.goals.first)
    XCTAssertEqual(copied.lineage, first[0].lineage)
    var changed = copied
    changed.goalText = "Nyt mål om ventetid"
    try store.updateGoal(id: copied.id, changed)
    XCTAssertEqual(try indexed("nyt"), 1)
    XCTAssertEqual(try search("nyt"), [], "the new text is still a draft")
    try store.adopt(versionId: draft, Adoption(adoptedOn: date("2012-05-01"), meetingReference: "Byrådet"))
    try store.publish(versionId: draft, on: date("2012-05-10"))

    XCTAssertEqual(try hits("nyt").map(\.goalId), [copied.id])
    XCTAssertEqual(try search("gammelt"), [], "the superseded version is not found")
    XCTAssertEqual(try hits("gammelt", asOf: date("2012-05-09")).map(\.goalId), [first[0].id])
    XCTAssertEqual(try search("nyt", asOf: date("2012-05-09")), [])
    XCTAssertEqual(try search("ventetid", asOf: date("2011-01-19")), [], "nothing was in force yet")
    XCTAssertEqual(try hits("ventetid").map(\.goalId), [copied.id], "one hit: the goal in force")
    try assertIndexMatchesTables()
  }

  func testAnUpdatedGoalIsFoundByItsNewWordsOnly() throws {
    let versionId = try store.createDraft(municipalityCode: copenhagen)
    let area = try store.addArea(versionId: versionId, serviceAreaId: try areaId("Folkeskole"))
    var added = try store.addGoal(versionAreaId: area, goal("Læsning", means: "Læsevejledere på alle skoler"))
    added.title = "Læsefærdigheder"
    added.means = "Bibliotekarer i indskolingen"
    try store.updateGoal(id: added.id, added)
    XCTAssertEqual(try indexed("læsevejledere"), 0)
    XCTAssertEqual(try indexed("bibliotekarer"), 1)
    try store.adopt(
      versionId: versionId, Adoption(adoptedOn: date("2011-02-01"), meetingReference: "Borgerrep."))
    try store.publish(versionId: versionId, on: date("2011-02-02"))
    XCTAssertEqual(try hits("bibliotekarer").map(\.goalTitle), ["Læsefærdigheder"])
    XCTAssertEqual(
      try hits("bibliotekarer").first?.matches,
      [SearchMatch(field: .means, text: "Bibliotekarer i indskolingen")])
    XCTAssertEqual(try search("læsevejledere"), [])
    XCTAssertEqual(try search("læsning"), [])
    try assertIndexMatchesTables()
  }

  func testStatusesOfPublishedFollowUpsAreFound() throws {
    let (_, goals) = try version(
      taastrup, [goal("Hjemmehjælp"), goal("Madordning")], adopted: "2011-01-10", published: "2011-01-20")
    let published = try followUp(
      taastrup, year: 2012,
      statuses: [
        (goals[0].id, "Målet er delvis nået; tilfredsheden steg til 88 %", "Flere faste hjælpere i Ølstykke"),
        (goals[1].id, "Madordningen er udvidet", "Ny køkkenleverandør"),
      ], adopted: "2011-10-01", published: "2011-10-15")
    let unpublished = try followUp(
      taastrup, year: 2013,
      statuses: [
        (goals[0].id, "Tilfredsheden faldt; zebrastriber hjælper ikke", "Nye zebrastriber"),
        (goals[1].id, "Uændret", "Ingen"),
      ], adopted: "2012-10-01", published: nil)

    let found = try hits("tilfredsheden")
    XCTAssertEqual(found.count, 1, "only the published follow-up")
    let hit = try XCTUnwrap(found.first)
    XCTAssertEqual(hit.kind, .status)
    XCTAssertEqual(hit.followUpId, published)
    XCTAssertEqual(hit.budgetYear, 2012)
    XCTAssertEqual(hit.goalId, goals[0].id)
    XCTAssertEqual(hit.goalTitle, "Hjemmehjælp")
    XCTAssertEqual(hit.areaName, "Ældreområdet")
    XCTAssertEqual(
      hit.matches, [SearchMatch(field: .status, text: "Målet er delvis nået; tilfredsheden steg til 88 %")])
    XCTAssertEqual(try hits("oelstykke").first?.matches.map(\.field), [.followUp])
    XCTAssertEqual(try indexed("zebrastriber"), 1)
    XCTAssertEqual(try search("zebrastriber"), [], "an unpublished follow-up is not public")
    XCTAssertEqual(try search("tilfredsheden", asOf: date("2011-10-14")), [], "published the day after")

    try store.publishFollowUp(id: unpublished, on: date("2012-10-05"))
    XCTAssertEqual(try hits("zebrastriber").map(\.budgetYear), [2013])
    XCTAssertEqual(try hits("zebrastriber").first?.matches.map(\.field), [.status, .followUp])
    XCTAssertEqual(Set(try hits("tilfredsheden").compactMap(\.budgetYear)), [2012, 2013])
    try assertIndexMatchesTables()
  }

  func testAStatusOfAnEarlierVersionShowsUnderTheGoalInForce() throws {
    let (_, goals) = try version(
      taastrup, [goal("Hjemmehjælp")], adopted: "2011-01-10", published: "2011-01-20")
    try followUp(
      taastrup, year: 2012, statuses: [(goals[0].id, "Kvartalsmålinger viser fremgang", "Fortsat indsats")],
      adopted: "2011-10-01", published: "2011-10-15")
    let draft = try store.createDraft(municipalityCode: taastrup)
    var renamed = try XCTUnwrap(store.version(id: draft)?.areas.first?.goals.first)
    renamed.title = "Hjemmehjælp og rehabilitering"
    try store.updateGoal(id: renamed.id, renamed)
    try store.adopt(versionId: draft, Adoption(adoptedOn: date("2012-02-01"), meetingReference: "Byrådet"))
    try store.publish(versionId: draft, on: date("2012-02-10"))

    let hit = try XCTUnwrap(try hits("kvartalsmålinger").first)
    XCTAssertEqual(hit.goalId, renamed.id)
    XCTAssertEqual(hit.goalLineage, goals[0].lineage)
    XCTAssertEqual(hit.goalTitle, "Hjemmehjælp og rehabilitering")
    XCTAssertEqual(try hits("kvartalsmålinger", asOf: date("2012-01-01")).first?.goalTitle, "Hjemmehjælp")

    // A goal left out of the version in force takes its statuses with it.
    let next = try store.createDraft(municipalityCode: taastrup)
    let nextVersion = try XCTUnwrap(store.version(id: next))
    let area = try XCTUnwrap(nextVersion.areas.first)
    try store.addGoal(versionAreaId: area.id, goal("Genoptræning"))
    try store.removeGoal(id: try XCTUnwrap(area.goals.first).id)
    try store.adopt(versionId: next, Adoption(adoptedOn: date("2012-06-01"), meetingReference: "Byrådet"))
    try store.publish(versionId: next, on: date("2012-06-02"))
    XCTAssertEqual(try search("kvartalsmålinger"), [])
    try assertIndexMatchesTables()
  }

  func testStatusChangesAndDiscardedFollowUpsLeaveNoRows() throws {
    let (_, goals) = try version(taastrup, [goal("Hjemmehjælp"), goal("Madordning")])
    let followUpId = try store.createFollowUp(municipalityCode: taastrup, budgetYear: 2012)
    try store.setStatus(
      followUpId: followUpId, GoalStatus(goalId: goals[0].id, statusText: "Første udkast", result: .reached))
    try store.setStatus(
      followUpId: followUpId,
      GoalStatus(
        goalId: goals[0].id, statusText: "Endelig tekst", result: .partly, followUpText: "Mere hjælp"))
    XCTAssertEqual(try indexed("første"), 0, "the replaced status text is gone")
    XCTAssertEqual(try indexed("endelig"), 1)
    try store.setStatus(
      followUpId: followUpId, GoalStatus(goalId: goals[1].id, statusText: "Fjernes igen", result: .reached))
    try store.removeStatus(followUpId: followUpId, goalId: goals[1].id)
    XCTAssertEqual(try indexed("fjernes"), 0)
    try assertIndexMatchesTables()
    try store.discardFollowUp(id: followUpId)
    XCTAssertEqual(try indexed("endelig"), 0)
    XCTAssertEqual(try scalar("SELECT count(*) FROM search_text", as: Int.self), 2, "the two goals")
    try assertIndexMatchesTables()
  }

  func testRawSQLKeepsTheIndexInStep() throws {
    let versionId = try store.createDraft(municipalityCode: taastrup)
    let area = try store.addArea(versionId: versionId, serviceAreaId: try areaId("Dagtilbud"))
    let added = try store.addGoal(versionAreaId: area, goal("Pasning"))
    try sql("UPDATE goal SET means = 'Åbningstider udvides' WHERE id = ?", added.id)
    XCTAssertEqual(try indexed("aabningstider"), 1)
    XCTAssertEqual(try indexed("planlægning"), 0, "the old means are gone")
    try sql("UPDATE goal SET position = 7 WHERE id = ?", added.id)
    try sql(
      """
      INSERT INTO goal (version_id, version_area_id, lineage, title, means)
      VALUES (?1, ?2, (SELECT lineage FROM goal WHERE id = ?3), 'Ændret i SQL', 'x')
      ON CONFLICT (version_id, lineage) DO UPDATE SET title = excluded.title
      """, versionId, area, added.id)
    XCTAssertEqual(try indexed("ændret"), 1)
    XCTAssertEqual(try indexed("pasning"), 0)
    try assertIndexMatchesTables()
    try sql("DELETE FROM goal WHERE id = ?", added.id)
    XCTAssertEqual(try scalar("SELECT count(*) FROM search_text", as: Int.self), 0)
  }

  func testGroupsByMunicipalityBestFirst() throws {
    try version(taastrup, [goal("Rengøring", means: "Hjemmeplejen planlægger rengøring hver anden uge")])
    try version(
      copenhagen,
      [
        goal("Hjemmeplejen", theme: "Hjemmeplejen skal være stabil"),
        goal("Mad", means: "Hjemmeplejen bringer mad"),
      ])
    let groups = try search("hjemmeplejen")
    XCTAssertEqual(groups.map(\.municipalityCode), [copenhagen, taastrup], "a title match ranks first")
    XCTAssertEqual(groups.first?.municipalityName, "København")
    XCTAssertEqual(groups.first?.hits.map(\.goalTitle), ["Hjemmeplejen", "Mad"])
    for group in groups {
      XCTAssertEqual(group.hits.map(\.score), group.hits.map(\.score).sorted(), "best (lowest bm25) first")
    }
    XCTAssertLessThan(
      try XCTUnwrap(groups.first?.hits.first?.score), try XCTUnwrap(groups.last?.hits.first?.score))
    XCTAssertEqual(try search("hjemmeplejen", limit: 1).flatMap(\.hits).map(\.goalTitle), ["Hjemmeplejen"])
  }

  func testHostileQueriesAreJustWords() throws {
    try version(taastrup, [goal("Rengøring \"hver\" uge*", means: "NEAR(planlægning) OR: x")])
    for input in [
      "\"hver", "uge*", "NEAR(planlægning", "rengøring OR", "title:rengøring", "-rengøring", "^rengøring",
      "rengøring\" OR \"x", "xy') --",
    ] {
      let query = try XCTUnwrap(SearchQuery.parse(input), input)
      XCTAssertNoThrow(try store.search(query, asOf: asOf), input)
    }
    XCTAssertEqual(try hits("\"hver").count, 1)
    XCTAssertEqual(try hits("NEAR(planlægning").count, 1, "near is an ordinary word here")
    XCTAssertEqual(try hits("title:rengøring").count, 0, "title is a word to find, not a column filter")
    XCTAssertEqual(try hits("or: x").count, 1)
  }

  func testDiscardedDraftsAndRemovedExamplesLeaveNoRows() throws {
    let draft = try store.createDraft(municipalityCode: taastrup)
    let area = try store.addArea(versionId: draft, serviceAreaId: try areaId("Dagtilbud"))
    try store.addGoal(versionAreaId: area, goal("Kasseret kladde"))
    try store.addGoal(
      versionAreaId: try store.addArea(versionId: draft, serviceAreaId: try areaId("Folkeskole")),
      goal("Fjernet område"))
    try store.removeArea(versionAreaId: area)
    XCTAssertEqual(try indexed("kasseret"), 0)
    try store.discardDraft(versionId: draft)
    XCTAssertEqual(try indexed("fjernet"), 0)
    XCTAssertEqual(try scalar("SELECT count(*) FROM search_text", as: Int.self), 0)

    let example = try store.createDraft(municipalityCode: copenhagen, isExample: true)
    let exampleArea = try store.addArea(
      versionId: example, serviceAreaId: try areaId("Dagtilbud"), isExample: true)
    var exampleGoal = goal("Eksempelmål om vuggestuer")
    exampleGoal.isExample = true
    let added = try store.addGoal(versionAreaId: exampleArea, exampleGoal)
    try store.adopt(
      versionId: example, Adoption(adoptedOn: date("2011-01-10"), meetingReference: "Borgerrep."))
    try store.publish(versionId: example, on: date("2011-01-20"))
    let followUpId = try store.createFollowUp(municipalityCode: copenhagen, budgetYear: 2012, isExample: true)
    try store.setStatus(
      followUpId: followUpId,
      GoalStatus(goalId: added.id, statusText: "Vuggestuerne har udvidet", result: .reached),
      isExample: true)
    try store.adoptFollowUp(
      id: followUpId, Adoption(adoptedOn: date("2011-10-01"), meetingReference: "Borgerrep."))
    try store.publishFollowUp(id: followUpId, on: date("2011-10-02"))
    let found = try hits("vuggestuer")
    XCTAssertEqual(Set(found.map(\.kind)), [.goal, .status])
    XCTAssertTrue(found.allSatisfy(\.isExample))

    try store.removeExamples()
    XCTAssertEqual(try search("vuggestuer"), [])
    XCTAssertEqual(try scalar("SELECT count(*) FROM search_text", as: Int.self), 0)
    try assertIndexMatchesTables()
  }
}
