import Domain
import SQLite
import Store
import XCTest

final class MigrationTests: StoreTestCase {
  func testMigratesToTheLatestVersionAndReopensWithoutChanges() throws {
    XCTAssertEqual(try scalar("PRAGMA user_version", as: Int.self), Store.migrations.count)
    let path = store.database.path
    store = nil
    store = try Store.open(path: path, readers: 0)
    XCTAssertEqual(try store.municipalities().map(\.code), [taastrup, copenhagen])
  }

  func testEveryContentTableIsStrictAndHasAnExampleFlag() throws {
    let tables = try store.database.withWriter { connection in
      try connection.query(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'"
      )
      .map { (try $0.get("name", as: String.self), try $0.get("strict", as: Int.self)) }
    }
    let userTables = tables.filter { !$0.0.hasPrefix("sqlite_") }
    XCTAssertGreaterThan(userTables.count, 15)
    for (table, strict) in userTables {
      XCTAssertEqual(strict, 1, table)
    }
    let content = [
      "municipality", "service_area", "contract", "contract_version", "contract_version_area", "goal_lineage",
      "goal",
      "target_adjustment", "committee_recommendation", "follow_up", "goal_status", "budget_adoption",
    ]
    for table in content {
      let hasFlag = try scalar(
        "SELECT count(*) FROM pragma_table_info(?) WHERE name = 'is_example'", table, as: Int.self)
      XCTAssertEqual(hasFlag, 1, table)
    }
    XCTAssertThrowsError(try sql("UPDATE municipality SET is_example = 2 WHERE code = ?", taastrup))
  }

  func testNationalServiceAreasAndTheRegulationsCalendarAreThere() throws {
    let national = try store.serviceAreas().map(\.name)
    XCTAssertTrue(national.contains("Integrationsområdet"))
    XCTAssertTrue(national.contains("Ældreområdet"))
    XCTAssertEqual(try store.ruleCalendar(), .regulation)
    try store.addServiceArea(name: "Erhverv", municipalityCode: taastrup)
    XCTAssertTrue(try store.serviceAreas(municipalityCode: taastrup).contains { $0.name == "Erhverv" })
    XCTAssertFalse(try store.serviceAreas(municipalityCode: copenhagen).contains { $0.name == "Erhverv" })
  }

  func testDatesMustBeRealDates() throws {
    try draft()
    XCTAssertThrowsError(try sql("UPDATE goal SET target_date = '2011-02-29'"))
    XCTAssertThrowsError(try sql("UPDATE goal SET target_date = '2011-2-28'"))
    XCTAssertNoThrow(try sql("UPDATE goal SET target_date = '2012-02-29'"))
  }

  func testUsersNeedAKnownRoleAndMunicipalStaffAMunicipality() throws {
    try sql(
      "INSERT INTO app_user (email, password_hash, role, municipality_code) VALUES ('a@htk.dk', 'x', 'editor', ?)",
      taastrup)
    XCTAssertThrowsError(
      try sql("INSERT INTO app_user (email, password_hash, role) VALUES ('A@htk.dk', 'x', 'ministry')"),
      "email is unique regardless of case")
    XCTAssertThrowsError(
      try sql("INSERT INTO app_user (email, password_hash, role) VALUES ('b@im.dk', 'x', 'boss')"))
    XCTAssertThrowsError(
      try sql("INSERT INTO app_user (email, password_hash, role) VALUES ('c@htk.dk', 'x', 'editor')"))
    XCTAssertNoThrow(
      try sql("INSERT INTO app_user (email, password_hash, role) VALUES ('d@im.dk', 'x', 'ministry')"))
  }
}
