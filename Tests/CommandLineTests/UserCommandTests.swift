import Domain
import Foundation
import Store
import Web
import XCTest

@testable import brugerinformation

final class UserCommandTests: XCTestCase {
  private var folder: URL!
  private var path: String { folder.appendingPathComponent("users.sqlite").path }

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "user-command-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let store = try Store.open(path: path, readers: 1)
    try store.addRegion(Region(code: "DK-84", name: "Region Hovedstaden"))
    try store.addMunicipality(Municipality(code: "0169", name: "Høje-Taastrup", regionCode: "DK-84"))
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  private func run(_ words: [String]) -> Int32 {
    CommandLineTool.main(["user"] + words + ["--database", path])
  }

  private func users() throws -> [User] { try Store.open(path: path, readers: 1).users() }

  func testAddCreatesAnAccountThatMustChangeItsYescryptPassword() throws {
    XCTAssertEqual(
      run(["add", "--email", "redaktoer@htk.dk", "--role", "editor", "--municipality", "0169"]), 0)
    let store = try Store.open(path: path, readers: 1)
    let user = try XCTUnwrap(try store.user(email: "REDAKTOER@htk.dk"), "e-mail compared without case")
    XCTAssertEqual(user.role, .editor)
    XCTAssertEqual(user.municipalityCode, "0169")
    XCTAssertTrue(user.mustChangePassword)
    XCTAssertTrue(user.isActive)
    let hash = try XCTUnwrap(try store.passwordHash(userId: user.id))
    XCTAssertTrue(hash.hasPrefix("$y$"), hash)
    XCTAssertEqual(try store.auditLog().filter { $0.action == "user.add" }.count, 1)

    XCTAssertEqual(run(["add", "--email", "tilsyn@im.dk", "--role", "ministry"]), 0)
    XCTAssertEqual(try store.user(email: "tilsyn@im.dk")?.municipalityCode, nil)
  }

  func testRefusalsLeaveTheDatabaseAsItWas() throws {
    XCTAssertEqual(run(["add", "--email", "a@htk.dk", "--role", "editor", "--municipality", "0169"]), 0)
    let before = try users()
    XCTAssertEqual(run(["add", "--email", "b@htk.dk", "--role", "editor"]), 1, "staff need a municipality")
    XCTAssertEqual(run(["add", "--email", "c@im.dk", "--role", "ministry", "--municipality", "0169"]), 1)
    XCTAssertEqual(run(["add", "--email", "d@htk.dk", "--role", "editor", "--municipality", "9999"]), 1)
    XCTAssertEqual(run(["add", "--email", "A@HTK.DK", "--role", "sysadmin"]), 1, "the address is taken")
    XCTAssertEqual(run(["add", "--email", "ikke-en-adresse", "--role", "sysadmin"]), 1)
    XCTAssertEqual(run(["add", "--email", "e@htk.dk", "--role", "chef"]), 64, "unknown role")
    XCTAssertEqual(run(["add", "--role", "sysadmin"]), 64, "no e-mail")
    XCTAssertEqual(run(["remove", "--email", "a@htk.dk"]), 64, "unknown subcommand")
    XCTAssertEqual(run([]), 64, "no subcommand")
    XCTAssertEqual(run(["list", "extra"]), 64)
    XCTAssertEqual(try users(), before)
    XCTAssertEqual(run(["list"]), 0)
  }
}
