import Domain
import Foundation
import SQLite
import Store
import XCTest

/// `recentSiteRevision` answers from memory only while this process has written nothing and the last read is young.
final class RecentSiteRevisionTests: StoreTestCase {
  /// Bumps the revision from a second connection to the same file, as another process would.
  private func bumpFromElsewhere() throws {
    let other = try Database(path: folder.appendingPathComponent("test.sqlite").path, readers: 0)
    try other.write { try $0.run("UPDATE municipality SET name = name || '!' WHERE code = ?", copenhagen) }
  }

  func testAWriteInThisProcessShowsAtOnce() throws {
    let before = try store.recentSiteRevision(maximumAge: .seconds(3600))
    try store.addMunicipality(Municipality(code: "0147", name: "Frederiksberg", regionCode: "DK-84"))
    XCTAssertGreaterThan(try store.recentSiteRevision(maximumAge: .seconds(3600)).revision, before.revision)
  }

  func testAWriteElsewhereShowsWhenTheMemoryIsOld() throws {
    let before = try store.recentSiteRevision(maximumAge: .seconds(3600))
    try bumpFromElsewhere()
    XCTAssertGreaterThan(
      try store.siteRevision().revision, before.revision, "the database has the new revision")
    XCTAssertEqual(
      try store.recentSiteRevision(maximumAge: .seconds(3600)).revision, before.revision,
      "answered from memory: nothing written here, memory young")
    Thread.sleep(forTimeInterval: 0.06)
    XCTAssertGreaterThan(
      try store.recentSiteRevision(maximumAge: .milliseconds(50)).revision, before.revision,
      "memory older than the maximum age: read again")
  }
}
