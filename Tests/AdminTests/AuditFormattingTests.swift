import Foundation
import XCTest

@testable import Admin

final class AuditFormattingTests: XCTestCase {
  func testDanishTimeFollowsTheEuropeanSummerTimeRule() {
    XCTAssertEqual(DanishTime.text(utc: "2026-01-15T12:05:00.123Z"), "15. januar 2026 kl. 13.05")
    XCTAssertEqual(DanishTime.text(utc: "2026-07-01T12:00:00Z"), "1. juli 2026 kl. 14.00")
    // Summer time starts 01:00 UTC on the last Sunday of March (29 March 2026) and ends on 25 October 2026.
    XCTAssertEqual(DanishTime.text(utc: "2026-03-29T00:59:00Z"), "29. marts 2026 kl. 01.59")
    XCTAssertEqual(DanishTime.text(utc: "2026-03-29T01:00:00Z"), "29. marts 2026 kl. 03.00")
    XCTAssertEqual(DanishTime.text(utc: "2026-10-25T00:59:00Z"), "25. oktober 2026 kl. 02.59")
    XCTAssertEqual(DanishTime.text(utc: "2026-10-25T01:00:00Z"), "25. oktober 2026 kl. 02.00")
    XCTAssertEqual(DanishTime.text(utc: "2026-12-31T23:30:00Z"), "1. januar 2027 kl. 00.30")
    XCTAssertEqual(DanishTime.text(utc: "ikke en tid"), "ikke en tid")
  }

  func testActionLabelsComposeKnownThingsAndLeaveUnknownCodes() throws {
    XCTAssertEqual(AuditLabels.action("goal.update"), "Mål rettet")
    XCTAssertEqual(AuditLabels.action("version.adopt"), "Kontraktversion vedtaget")
    XCTAssertEqual(AuditLabels.action("user.deactivate"), "Bruger deaktiveret")
    XCTAssertEqual(AuditLabels.action("login"), "Logget ind")
    XCTAssertEqual(AuditLabels.action("goal.wibble"), "Mål (wibble)")
    for code in ["goal.adjust_target", "version.recommendation", "draft.change_note", "rule_calendar.update"]
    {
      let label = try XCTUnwrap(AuditLabels.action(code), code)
      XCTAssertFalse(label.contains("("), "\(code) reads \(label)")
    }
    XCTAssertNil(AuditLabels.action("frobnicate.zap"))
    XCTAssertEqual(AuditLabels.entity("goal", id: "17"), "mål 17")
    XCTAssertEqual(AuditLabels.entity("widget", id: nil), "widget")
  }

  func testTheDiffListsEveryFieldOfBothSides() {
    let diff = AuditDiff(
      beforeJSON: #"{"title":"Før","target":{"value":80,"date":"2026-01-01"},"means":null,"ok":true}"#,
      afterJSON: #"{"title":"Før","target":{"value":90.5,"date":"2026-01-01"},"ok":false,"tags":["a","b"]}"#)
    XCTAssertEqual(
      diff.rows,
      [
        .init(field: "means", before: "(tom)", after: nil),
        .init(field: "ok", before: "ja", after: "nej"),
        .init(field: "target.date", before: "2026-01-01", after: "2026-01-01"),
        .init(field: "target.value", before: "80", after: "90.5"),
        .init(field: "title", before: "Før", after: "Før"),
        .init(field: "tags", before: nil, after: #"["a","b"]"#),
      ])
    XCTAssertEqual(diff.rows.filter(\.changed).map(\.field), ["means", "ok", "target.value", "tags"])
    XCTAssertEqual(AuditDiff(beforeJSON: nil, afterJSON: nil).rows, [])
    XCTAssertEqual(
      AuditDiff(beforeJSON: nil, afterJSON: "[1]").rows, [.init(field: "værdi", before: nil, after: "[1]")])
  }
}
