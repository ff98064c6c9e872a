import Domain
import Foundation
import SQLite
import Store
import XCTest

final class SessionTests: StoreTestCase {
  private var userId: Int64 = 0
  private let start = Date(timeIntervalSince1970: 1_800_000_000)

  override func setUpWithError() throws {
    try super.setUpWithError()
    userId = try store.addUser(
      User(email: "redaktoer@htk.dk", role: .editor, municipalityCode: taastrup), passwordHash: "$y$test")
  }

  private func open(_ digest: String = "digest-1", at time: Date? = nil) throws -> Int64 {
    try store.createSession(
      userId: userId, tokenDigest: digest, csrfToken: "csrf-1", userAgent: "test", now: time ?? start)
  }

  func testALiveSessionFindsItsUserAndMovesItsLastUse() throws {
    _ = try open()
    let found = try XCTUnwrap(try store.session(tokenDigest: "digest-1", now: start.addingTimeInterval(60)))
    XCTAssertEqual(found.user.email, "redaktoer@htk.dk")
    XCTAssertEqual(found.csrfToken, "csrf-1")
    XCTAssertNil(try store.session(tokenDigest: "digest-2", now: start), "another token finds nothing")
    // Used every 20 minutes, it lives past the first 30.
    for minutes in stride(from: 20, through: 100, by: 20) {
      XCTAssertNotNil(
        try store.session(tokenDigest: "digest-1", now: start.addingTimeInterval(Double(minutes) * 60)))
    }
  }

  func testIdleAndAbsoluteExpiryEndTheSession() throws {
    _ = try open()
    XCTAssertNil(try store.session(tokenDigest: "digest-1", now: start.addingTimeInterval(31 * 60)), "idle")
    XCTAssertNil(try store.session(tokenDigest: "digest-1", now: start), "ended, not merely refused")

    _ = try open("digest-2")
    var time = start
    while time.timeIntervalSince(start) < 12 * 3600 - 20 * 60 {
      time.addTimeInterval(20 * 60)
      XCTAssertNotNil(try store.session(tokenDigest: "digest-2", now: time))
    }
    XCTAssertNil(
      try store.session(tokenDigest: "digest-2", now: start.addingTimeInterval(12 * 3600 + 1)), "absolute")
  }

  func testLogoutAndDeactivationEndIt() throws {
    _ = try open()
    try store.endSession(tokenDigest: "digest-1")
    XCTAssertNil(try store.session(tokenDigest: "digest-1", now: start))
    _ = try open("digest-3")
    try sql("UPDATE app_user SET active = 0 WHERE id = ?", userId)
    XCTAssertNil(try store.session(tokenDigest: "digest-3", now: start))
  }
}
