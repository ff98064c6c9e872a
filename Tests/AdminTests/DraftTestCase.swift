import Admin
import Citizen
import Domain
import Foundation
import HTTP
import HTTPTestSupport
import Store
import Web
import XCTest

/// Helpers to find municipalities in the seeded data rather than naming them in advance.
class DraftTestCase: AdminTestCase {
  /// Municipalities with a version in force (with at least `minimumGoals` goals in some area) and no draft.
  func municipalitiesWithContract(count: Int, minimumGoals: Int = 1) throws -> [(String, ContractInForce)] {
    var result: [(String, ContractInForce)] = []
    let today = try store.today()
    for municipality in try store.municipalities() where result.count < count {
      guard try store.draft(municipalityCode: municipality.code) == nil,
        let contract = try store.contractInForce(municipalityCode: municipality.code, asOf: today),
        contract.version.areas.contains(where: { $0.goals.count >= minimumGoals })
      else { continue }
      result.append((municipality.code, contract))
    }
    XCTAssertEqual(result.count, count, "the seeded data has too few municipalities with a contract")
    return result
  }

  func draft(_ code: String) throws -> ContractVersion? { try store.draft(municipalityCode: code) }

  /// A national service area not yet in the draft.
  func unusedNationalArea(_ draft: ContractVersion) throws -> ServiceArea {
    let used = Set(draft.areas.map(\.serviceAreaId))
    return try XCTUnwrap(
      try store.serviceAreas(municipalityCode: draft.municipalityCode).first {
        $0.municipalityCode == nil && !used.contains($0.id)
      })
  }

  /// The text as a template writes it.
  func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "'", with: "&#39;")
  }

  /// Every field of the goal form, filled in completely.
  static func completeGoal(title: String) -> [(String, String)] {
    [
      ("betegnelse", title), ("tema", "Hurtig sagsbehandling"),
      ("maal", "Byggesager afgøres på højst 40 dage"), ("indikator", "Gennemsnitlig sagsbehandlingstid"),
      ("enhed", "dage"), ("udgangsvaerdi", "62"), ("udgangsdato", "2010-01-01"), ("maalvaerdi", "40"),
      ("maaldato", "2013-12-31"), ("retning", "lower"), ("veje", "Digital ansøgning og faste sagsbehandlere"),
    ]
  }
}
