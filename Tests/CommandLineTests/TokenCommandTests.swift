import Domain
import Foundation
import Store
import Web
import XCTest

@testable import brugerinformation

final class TokenCommandTests: XCTestCase {
  private var folder: URL!
  private var path: String { folder.appendingPathComponent("tokens.sqlite").path }

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "token-command-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let store = try Store.open(path: path, readers: 1)
    try store.addRegion(Region(code: "DK-84", name: "Region Hovedstaden"))
    try store.addMunicipality(Municipality(code: "0169", name: "Høje-Taastrup", regionCode: "DK-84"))
    _ = try store.addUser(
      User(email: "it@htk.dk", role: .editor, municipalityCode: "0169"), passwordHash: "$y$x")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  private func run(_ words: [String]) -> Int32 {
    CommandLineTool.main(["token"] + words + ["--database", path])
  }

  func testCreateStoresOnlyTheDigestAndTheTokenActsAsItsUserUntilRevoked() throws {
    let store = try Store.open(path: path, readers: 1)
    let made = try TokenCommand.create(store, email: "IT@htk.dk", name: "ESDH", now: Date())
    XCTAssertEqual(made.token.count, 64)
    let principal = try XCTUnwrap(
      try store.apiTokenPrincipal(tokenDigest: SessionToken.digest(made.token), now: Date()))
    XCTAssertEqual(principal.user?.email, "it@htk.dk")
    XCTAssertEqual(principal.municipalityCode, "0169")
    XCTAssertEqual(try store.apiTokens().map(\.id), [made.id])
    XCTAssertEqual(try store.auditLog(entity: "api_token").map(\.action), ["api_token.create"])

    XCTAssertEqual(run(["list"]), 0)
    XCTAssertEqual(run(["revoke", "--id", String(made.id)]), 0)
    XCTAssertNil(try store.apiTokenPrincipal(tokenDigest: SessionToken.digest(made.token), now: Date()))
    XCTAssertTrue(try XCTUnwrap(try store.apiTokens().first).isRevoked)
    XCTAssertEqual(run(["revoke", "--id", String(made.id)]), 1, "already revoked")
  }

  func testRefusals() throws {
    XCTAssertEqual(run(["create", "--email", "it@htk.dk", "--name", "ESDH"]), 0)
    let count = try Store.open(path: path, readers: 1).apiTokens().count
    XCTAssertEqual(count, 1)
    XCTAssertEqual(run(["create", "--email", "ingen@htk.dk", "--name", "X"]), 1, "no such user")
    XCTAssertEqual(run(["create", "--email", "it@htk.dk", "--name", " "]), 1, "blank name")
    XCTAssertEqual(run(["create", "--email", "it@htk.dk"]), 64, "no name")
    XCTAssertEqual(run(["revoke"]), 64, "no id")
    XCTAssertEqual(run(["revoke", "--id", "999"]), 1)
    XCTAssertEqual(run([]), 64)
    XCTAssertEqual(try Store.open(path: path, readers: 1).apiTokens().count, count)
  }
}
