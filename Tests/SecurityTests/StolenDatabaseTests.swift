import Admin
import Domain
import Foundation
import HTTPTestSupport
import SQLite
import Store
import Web
import XCTest

@testable import brugerinformation

/// Issue 8, security bullet 4: a stolen copy of the database (the file, its `-wal`, a backup) holds no password,
/// one-time password, session cookie, CSRF token or API token; what it holds instead (yescrypt hashes, SHA-256
/// digests) gets an attacker nothing when sent back.
final class StolenDatabaseTests: SecurityTestCase {
  /// The `<code>` the one-time password and new-token pages show the secret in.
  static func shownSecret(_ html: String) -> String? {
    html.firstMatch(of: /class="one-time-password"><code>([^<]+)<\/code>/).map {
      Browser.unescape(String($0.output.1))
    }
  }

  func testAStolenDatabaseLeaksNoSecretAndItsDigestsOpenNothing() throws {
    let code = Self.code
    var secrets: [(String, String)] = [("password", Self.password)]
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: code)
    let admin = try signedIn("admin@example.dk")
    secrets.append(("admin session", try XCTUnwrap(admin.cookies["bi_session"])))

    // A password change.
    let newPassword = "et helt nyt og hemmeligt kodeord"
    try admin.get("/admin/adgangskode")
    secrets.append(("csrf", try XCTUnwrap(admin.hiddenField("csrf"))))
    let changed = try admin.post(
      "/admin/adgangskode", [("current", Self.password), ("new", newPassword), ("repeat", newPassword)])
    XCTAssertEqual(changed.status, 303, changed.text)
    secrets.append(("new password", newPassword))

    // A new editor with a one-time password, then a second one-time password for them.
    try admin.get("/admin/kommune/\(code)/brugere")
    let added = try admin.post(
      "/admin/kommune/\(code)/brugere", [("name", "Ny Redaktør"), ("email", "ny@example.dk")])
    let oneTime = try XCTUnwrap(Self.shownSecret(added.text), added.text)
    secrets.append(("one-time password", oneTime))
    let editor = try XCTUnwrap(try store.user(email: "ny@example.dk"))
    try admin.get("/admin/kommune/\(code)/brugere")
    let reset = try admin.post("/admin/kommune/\(code)/brugere/\(editor.id)/ny-adgangskode")
    let secondOneTime = try XCTUnwrap(Self.shownSecret(reset.text), reset.text)
    secrets.append(("second one-time password", secondOneTime))
    // The editor logs in with it and must choose a password.
    let editorBrowser = Browser(port: server.boundPort)
    XCTAssertEqual(try editorBrowser.logIn(email: "ny@example.dk", password: secondOneTime).status, 303)
    secrets.append(("editor session", try XCTUnwrap(editorBrowser.cookies["bi_session"])))
    try editorBrowser.get("/admin/adgangskode")
    secrets.append(("editor csrf", try XCTUnwrap(editorBrowser.hiddenField("csrf"))))
    let editorPassword = "redaktørens egen lange adgangskode"
    XCTAssertEqual(
      try editorBrowser.post(
        "/admin/adgangskode",
        [("current", secondOneTime), ("new", editorPassword), ("repeat", editorPassword)]
      ).status, 303)
    secrets.append(("editor password", editorPassword))

    // API tokens: on the admin page and with the command line tool.
    try admin.get("/admin/kommune/\(code)/tokens")
    secrets.append(("tokens csrf", try XCTUnwrap(admin.hiddenField("csrf"))))
    let created = try admin.post("/admin/kommune/\(code)/tokens", [("name", "ESDH")])
    let pageToken = try XCTUnwrap(Self.shownSecret(created.text), created.text)
    secrets.append(("API token (page)", pageToken))
    let cliToken = try TokenCommand.create(store, email: "admin@example.dk", name: "Integration", now: Date())
      .token
    secrets.append(("API token (command line)", cliToken))
    for token in [pageToken, cliToken] {
      XCTAssertEqual(
        try send(
          "PUT", "/api/v1/municipalities/\(code)/budget-adoptions/2031", headers: bearer(token),
          body: "{\"adoptedOn\": \"2030-10-08\"}"
        ).status, 200, "the token works before the theft")
    }
    XCTAssertEqual(try admin.get("/admin/kommune/\(code)").status, 200, "the session works before the theft")

    // The theft: the file and its WAL as they are, a backup, and a copy of the files.
    let backup = folder.appendingPathComponent("backup.sqlite").path
    try store.database.backup(to: backup)
    var stolen: [(String, [UInt8])] = []
    for path in [databasePath, databasePath + "-wal", backup] {
      stolen.append((path, Array(try XCTUnwrap(FileManager.default.contents(atPath: path), path))))
    }
    XCTAssertGreaterThan(stolen[1].1.count, 0, "the test means to read a WAL with content")
    for (file, bytes) in stolen {
      for (what, secret) in secrets {
        XCTAssertNil(
          Self.find(Array(secret.utf8), in: bytes),
          "the \(what) is readable in \((file as NSString).lastPathComponent)")
      }
    }

    // What it holds: yescrypt hashes and SHA-256 digests, which open nothing.
    let connection = try Connection(path: backup, readOnly: true)
    let hashes = try connection.query("SELECT password_hash FROM app_user").map {
      try $0.get("password_hash", as: String.self)
    }
    XCTAssertFalse(hashes.isEmpty)
    for hash in hashes { XCTAssertTrue(hash.hasPrefix("$y$"), "not a yescrypt hash: \(hash.prefix(8))") }
    let sessionDigests = try connection.query("SELECT token_hash, csrf_token FROM session").map {
      (try $0.get("token_hash", as: String.self), try $0.get("csrf_token", as: String.self))
    }
    XCTAssertGreaterThanOrEqual(sessionDigests.count, 2)
    let tokenDigests = try connection.query("SELECT token_hash FROM api_token").map {
      try $0.get("token_hash", as: String.self)
    }
    XCTAssertGreaterThanOrEqual(tokenDigests.count, 2)
    for (digest, csrf) in sessionDigests {
      XCTAssertEqual(digest.count, 64)
      XCTAssertEqual(csrf, "", "a CSRF token is stored")
      let page = try send("GET", "/admin/kommune/\(code)", headers: ["Cookie: bi_session=\(digest)"])
      XCTAssertEqual(page.status, 303, "a stolen session digest opens the admin pages")
      XCTAssertTrue(page.headers["Location"]?.hasPrefix("/admin/login") ?? false)
    }
    for digest in tokenDigests + sessionDigests.map(\.0) {
      let reply = try send(
        "PUT", "/api/v1/municipalities/\(code)/budget-adoptions/2031", headers: bearer(digest),
        body: "{\"adoptedOn\": \"2030-10-09\"}")
      XCTAssertEqual(reply.status, 401, "a stolen digest works as a bearer token")
    }
    // The audit log's before and after hold no secret (nor any hash of one).
    let entries = try store.auditLog(limit: 100_000)
    XCTAssertTrue(entries.contains { $0.action == "password.change" })
    let audit = entries.map { "\($0.beforeJSON ?? "") \($0.afterJSON ?? "")" }.joined(separator: "\n")
    for (what, secret) in secrets {
      XCTAssertFalse(audit.contains(secret), "the audit log holds the \(what)")
    }
    for hash in hashes { XCTAssertFalse(audit.contains(hash), "the audit log holds a password hash") }
    for digest in tokenDigests + sessionDigests.map(\.0) { XCTAssertFalse(audit.contains(digest)) }
  }

  /// `secure_delete`: a replaced password hash and an ended session's digest are overwritten in the database file,
  /// not left in its free space (once the WAL is checkpointed into it).
  func testReplacedHashesAndDigestsAreOverwrittenInTheDatabaseFile() throws {
    try addUser("admin@example.dk", role: .municipalAdmin, municipality: Self.code)
    let oldHash = try XCTUnwrap(
      try store.passwordHash(userId: try XCTUnwrap(try store.user(email: "admin@example.dk")).id))
    let admin = try signedIn("admin@example.dk")
    let sessionDigest = SessionToken.digest(try XCTUnwrap(admin.cookies["bi_session"]))
    try admin.get("/admin/adgangskode")
    let newPassword = "et helt nyt og hemmeligt kodeord"
    XCTAssertEqual(
      try admin.post(
        "/admin/adgangskode", [("current", Self.password), ("new", newPassword), ("repeat", newPassword)]
      )
      .status, 303)
    try admin.get("/admin")
    try admin.post("/admin/logout")
    XCTAssertNil(try store.session(tokenDigest: sessionDigest, now: Date()))
    let connection = try Connection(path: databasePath)
    // On whatever SQLite the system has (Debian's is built with SQLITE_SECURE_DELETE; others are not).
    XCTAssertEqual(try connection.scalar("PRAGMA secure_delete", as: Int.self), 1)
    try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    let bytes = Array(try XCTUnwrap(FileManager.default.contents(atPath: databasePath)))
    XCTAssertNil(Self.find(Array(oldHash.utf8), in: bytes), "the old password hash lingers in the file")
    XCTAssertNil(
      Self.find(Array(sessionDigest.utf8), in: bytes), "the ended session's digest lingers in the file")
  }

  /// The offset of `needle` in `haystack`, if it occurs.
  static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard let first = needle.first, needle.count <= haystack.count else { return nil }
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
      guard let start = haystack[index...last].firstIndex(of: first) else { return nil }
      if haystack[start..<start + needle.count].elementsEqual(needle) { return start }
      index = start + 1
    }
    return nil
  }
}
