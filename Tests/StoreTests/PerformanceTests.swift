import Domain
import Foundation
import SQLite
import Store
import XCTest

/// Fills the database with N municipalities (98 by default, `STORE_BENCH_SCALE` to change) that each have a published
/// contract of 3 areas × 2 goals and two adopted follow-ups, then times compliance and the contract in force. The
/// figures are printed, not asserted (no timing assertions in unit tests); the answers are checked.
final class PerformanceTests: StoreTestCase {
  private var scale: Int { Int(ProcessInfo.processInfo.environment["STORE_BENCH_SCALE"] ?? "") ?? 98 }

  private func fill(_ count: Int) throws {
    try store.database.write { connection in
      try connection.run(
        """
        INSERT INTO municipality (code, name, region_code)
        WITH RECURSIVE n(i) AS (SELECT 200 UNION ALL SELECT i + 1 FROM n WHERE i < 199 + ?)
        SELECT printf('%04d', i), 'Kommune ' || i, 'DK-84' FROM n
        """, count)
      try connection.execute(
        """
        INSERT INTO contract (municipality_code) SELECT code FROM municipality WHERE code >= '0200';
        INSERT INTO contract_version (municipality_code, number) SELECT municipality_code, 1 FROM contract;
        INSERT INTO contract_version_area (version_id, service_area_id, position)
          SELECT v.id, s.id, s.id FROM contract_version v, service_area s WHERE s.id <= 3;
        INSERT INTO goal_lineage (id, municipality_code)
          SELECT a.id * 2 + k.k, v.municipality_code FROM contract_version_area a
          JOIN contract_version v ON v.id = a.version_id, (SELECT 0 AS k UNION ALL SELECT 1) k;
        INSERT INTO goal (version_id, version_area_id, lineage, position, title, indicator, unit, baseline_value,
            baseline_date, target_value, target_date, means)
          SELECT a.version_id, a.id, a.id * 2 + k.k, k.k, 'Mål ' || k.k, 'Andel', '%', 80, '2010-01-01', 90,
            '2012-12-31', 'Indsats' FROM contract_version_area a, (SELECT 0 AS k UNION ALL SELECT 1) k;
        UPDATE contract_version SET adopted_on = '2010-06-01', meeting_reference = 'Byrådet';
        UPDATE contract_version SET published_on = '2010-06-20';
        INSERT INTO budget_adoption (municipality_code, budget_year, adopted_on)
          SELECT code, 2012, '2011-10-05' FROM municipality WHERE CAST(code AS INTEGER) % 2 = 0;
        INSERT INTO follow_up (municipality_code, budget_year)
          SELECT code, y FROM municipality, (SELECT 2012 AS y UNION ALL SELECT 2013) WHERE code >= '0200';
        INSERT INTO goal_status (follow_up_id, goal_id, status_text, result, follow_up_text)
          SELECT f.id, g.id, 'Status', CASE g.position WHEN 0 THEN 'reached' ELSE 'partly' END, 'Opfølgning'
          FROM follow_up f JOIN contract_version v ON v.municipality_code = f.municipality_code
          JOIN goal g ON g.version_id = v.id;
        UPDATE follow_up SET meeting_reference = 'Byrådet',
          adopted_on = CASE budget_year WHEN 2012 THEN '2011-10-10' ELSE '2012-10-20' END;
        UPDATE follow_up SET published_on = CASE budget_year WHEN 2012 THEN '2011-11-01' ELSE '2012-11-25' END;
        ANALYZE;
        """)
    }
  }

  private func microseconds(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure { for _ in 0..<runs { try body() } }
    let (seconds, attoseconds) = elapsed.components
    return (Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / Double(runs)
  }

  func testComplianceAndContractInForceAtScale() throws {
    let count = scale
    try fill(count)
    let municipalities = count + 2
    let asOf = date("2013-06-01")
    let findings = try store.compliance(asOf: asOf)
    XCTAssertEqual(findings.count, municipalities * (4 + 2 * 3))
    let filled = findings.filter { $0.municipalityCode >= "0200" }
    let even = filled.filter {
      $0.rule == .followUpAdoptedOnTime && $0.budgetYear == 2012 && $0.outcome != .met
    }
    XCTAssertEqual(even.count, (count + 1) / 2, "the municipalities whose budget came before their follow-up")
    XCTAssertTrue(filled.filter { $0.rule == .contractComplete }.allSatisfy { $0.outcome == .met })

    let runs = count > 1000 ? 3 : 20
    _ = try store.compliance(asOf: asOf)
    let compliance = try microseconds(runs) { _ = try store.compliance(asOf: asOf) }
    let sql = try microseconds(runs) {
      _ = try store.database.read { connection in
        try connection.query("SELECT count(*) FROM compliance_today").count
      }
    }
    let code = "0200"
    XCTAssertEqual(
      try store.contractInForce(municipalityCode: code, asOf: asOf)?.version.areas.flatMap(\.goals).count, 6)
    let inForce = try microseconds(1000) { _ = try store.contractInForce(municipalityCode: code, asOf: asOf) }
    print(
      """
      PERF municipalities=\(municipalities) compliance(asOf:)=\(Int(compliance)) µs \
      compliance_today view=\(Int(sql)) µs contractInForce=\(Int(inForce)) µs
      """)
  }
}
