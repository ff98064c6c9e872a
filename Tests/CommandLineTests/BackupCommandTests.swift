import Domain
import Foundation
import HTTP
import HTTPTestSupport
import SQLite
import Store
import Synchronization
import Web
import XCTest

@testable import brugerinformation

/// `brugerinformation backup` while the portal serves and writes, `restore` into a stopped portal, and the files
/// both refuse.
final class BackupCommandTests: XCTestCase {
  private var folder: URL!
  private var store: Store!
  private var server: HTTPServer!
  private var live: String { folder.appendingPathComponent("live.sqlite").path }
  private var backup: String { folder.appendingPathComponent("backups/backup.sqlite").path }
  private let code = "0169"

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "backup-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(path: live, readers: 2)
    _ = try Seeder.seed(store)
  }

  override func tearDownWithError() throws {
    stopPortal()
    try? FileManager.default.removeItem(at: folder)
  }

  // MARK: Backup while serving, restore

  func testABackupWhileThePortalServesIsOneConsistentSnapshotAndRestoresIntoAServingPortal() throws {
    try startPortal()
    let token = try apiToken()
    try writePair("before-1")
    try writePair("before-2")

    // Clients read pages and the API and write drafts through the API all through the backup.
    let load = Load()
    let port = server.boundPort
    let clients = DispatchGroup()
    let code = self.code
    for client in 0..<3 {
      DispatchQueue.global().async(group: clients) {
        Self.runClient(client, port: port, token: token, code: code, load: load)
      }
    }
    while load.acknowledgedWrites.load(ordering: .acquiring) < 3 { usleep(1_000) }

    // Pairs written during the backup (after some of its steps) must not be in it; all before must.
    let acknowledgedBefore = load.acknowledgedWrites.load(ordering: .acquiring)
    var step = 0
    let (summary, snapshotAt) = try DatabaseCopy.backUp(database: live, to: backup, pagesPerStep: 8) {
      step += 1
      if step <= 3 { try writePair("during-\(step)") }
    }
    XCTAssertGreaterThan(step, 3, "the backup took several steps, with writes between them")
    try writePair("after")
    load.stop.store(true, ordering: .releasing)
    clients.wait()
    XCTAssertEqual(load.failures.withLock { $0 }, [], "no client saw an error during the backup")
    XCTAssertGreaterThan(load.reads.load(ordering: .acquiring), 0)

    // The copy: integrity ok, every write committed before the backup, none after its snapshot, nothing torn.
    XCTAssertEqual(summary.municipalities, 98)
    XCTAssertEqual(summary.schemaVersion, try Migrator(Store.migrations).latestVersion)
    XCTAssertLessThanOrEqual(abs(snapshotAt.timeIntervalSinceNow), 60)
    XCTAssertEqual(try leftovers(), [], "no temporary file is left in the backup folder")
    let copy = try Connection(path: backup)
    XCTAssertEqual(try copy.scalar("PRAGMA integrity_check", as: String.self), "ok")
    XCTAssertEqual(try pairs(copy), ["before-1", "before-2"])
    let imports =
      try copy.scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'contract.import'", as: Int.self) ?? 0
    let note = try copy.scalar(
      "SELECT change_note FROM contract_version WHERE municipality_code = ? AND adopted_on IS NULL", code,
      as: String.self)
    XCTAssertGreaterThanOrEqual(imports, acknowledgedBefore, "every acknowledged API write before the backup")
    XCTAssertEqual(note, "nr. \(imports)", "the draft and its audit entries come from the same commits")
    XCTAssertEqual(Int64(summary.bytes), try fileSize(backup))

    // Stop the portal, restore, start again: the portal serves the restored state. (A server in another process
    // makes restore refuse: see below.)
    stopPortal()
    let restored = try DatabaseCopy.restore(backup: backup, into: live)
    XCTAssertEqual(restored.municipalities, summary.municipalities)
    XCTAssertEqual(restored.versions, summary.versions)
    store = try Store.open(path: live, readers: 2)
    try startPortal()
    XCTAssertEqual(try pairs(nil), ["before-1", "before-2"], "the writes after the snapshot are gone")
    let draft = try TestClient(port: server.boundPort).request(
      "GET", "/api/v1/municipalities/\(code)/contract/draft", headers: ["Authorization: Bearer \(token)"])
    XCTAssertEqual(draft.status, 200, draft.text)
    let answer = try JSONSerialization.jsonObject(with: Data(draft.body)) as? [String: Any]
    XCTAssertEqual(answer?["changeNote"] as? String, "nr. \(imports)")
    XCTAssertEqual(try TestClient(port: server.boundPort).request("GET", "/kommune/\(code)").status, 200)
    try writePair("after-restore")
    XCTAssertEqual(
      try pairs(nil), ["after-restore", "before-1", "before-2"], "the restored database takes writes")
  }

  /// A server in another process (the built binary) holds the database open: restore refuses and changes nothing.
  /// Then the server is killed (SIGKILL: its `-wal`, with a commit in it, and `-shm` stay behind); the restore
  /// goes through, none of the old WAL's content mixes in, and a new server serves the restored database.
  func testRestoreIsRefusedWhileAServerProcessHasTheDatabaseOpen() throws {
    _ = try ServerProcess.binary()
    _ = try DatabaseCopy.backUp(database: live, to: backup)
    try writePair("after-backup")
    store = nil
    let server = try ServerProcess(database: live, folder: folder)
    defer { server.stop() }
    try Connection(path: live).run(
      "INSERT INTO audit_log (action, entity, entity_id) VALUES (?, 'pair', ?), (?, 'pair', ?)", "test.pair",
      "while-served/a", "test.pair", "while-served/b")
    XCTAssertThrowsError(try DatabaseCopy.restore(backup: backup, into: live)) { error in
      XCTAssertTrue("\(error)".contains("is open in another process"), "\(error)")
    }
    XCTAssertEqual(try server.get("/healthz").status, 200, "the server goes on")
    server.kill()
    XCTAssertGreaterThan(try fileSize(live + "-wal"), 0, "the killed server left its WAL")
    XCTAssertEqual(
      try pairs(Connection(path: live, readOnly: true)), ["after-backup", "while-served"],
      "nothing was restored")

    let restored = try DatabaseCopy.restore(backup: backup, into: live)
    XCTAssertEqual(restored.municipalities, 98)
    XCTAssertEqual(try pairs(Connection(path: live, readOnly: true)), [])
    let again = try ServerProcess(database: live, folder: folder)
    defer { again.stop() }
    XCTAssertEqual(try again.get("/kommune/\(code)").status, 200)
    again.stop()
    XCTAssertEqual(try pairs(Connection(path: live, readOnly: true)), [], "still the backup's state")
    XCTAssertEqual(
      try Connection(path: live).scalar("PRAGMA integrity_check", as: String.self), "ok")
  }

  // MARK: Refusals

  func testBadTargetsAreRefusedAndLeftAlone() throws {
    let note = folder.appendingPathComponent("notes.txt").path
    try Data("vigtige noter\n".utf8).write(to: URL(fileURLWithPath: note))
    XCTAssertThrowsError(try DatabaseCopy.backUp(database: live, to: note)) {
      XCTAssertTrue("\($0)".contains("is not an SQLite database; it is not overwritten"), "\($0)")
    }
    XCTAssertEqual(try String(contentsOfFile: note, encoding: .utf8), "vigtige noter\n")
    XCTAssertThrowsError(try DatabaseCopy.backUp(database: live, to: folder.path)) {
      XCTAssertTrue("\($0)".contains("is a folder"), "\($0)")
    }
    XCTAssertThrowsError(try DatabaseCopy.backUp(database: live, to: live)) {
      XCTAssertTrue("\($0)".contains("is the database itself"), "\($0)")
    }
    XCTAssertThrowsError(try DatabaseCopy.backUp(database: folder.path + "/none.sqlite", to: backup)) {
      XCTAssertTrue("\($0)".contains("there is no database"), "\($0)")
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/none.sqlite"), "not created")

    // An older backup is replaced; one with a -wal beside it (open elsewhere, or not closed cleanly) is not.
    _ = try DatabaseCopy.backUp(database: live, to: backup)
    try writePair("newer")
    _ = try DatabaseCopy.backUp(database: live, to: backup)
    XCTAssertEqual(try pairs(Connection(path: backup)), ["newer"])
    try Data("frames".utf8).write(to: URL(fileURLWithPath: backup + "-wal"))
    XCTAssertThrowsError(try DatabaseCopy.backUp(database: live, to: backup)) {
      XCTAssertTrue("\($0)".contains("its -wal holds changes"), "\($0)")
    }
    XCTAssertEqual(try String(contentsOfFile: backup + "-wal", encoding: .utf8), "frames")
    try FileManager.default.removeItem(atPath: backup + "-wal")
    XCTAssertEqual(try pairs(Connection(path: backup)), ["newer"], "the refused backup left the old one")
    XCTAssertEqual(try leftovers(), [])
  }

  func testBadBackupsAreNotRestored() throws {
    let before = try pairs(nil)
    let note = folder.appendingPathComponent("notes.txt").path
    try Data("ikke en database".utf8).write(to: URL(fileURLWithPath: note))
    let foreign = folder.appendingPathComponent("foreign.sqlite").path
    try Connection(path: foreign).execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
    let newer = folder.appendingPathComponent("newer.sqlite").path
    _ = try DatabaseCopy.backUp(database: live, to: newer)
    try Connection(path: newer).execute("PRAGMA user_version = 999")
    let broken = folder.appendingPathComponent("broken.sqlite").path
    _ = try DatabaseCopy.backUp(database: live, to: broken)
    try corrupt(broken)
    store = nil
    let cases = [
      (folder.path + "/none.sqlite", "there is no backup"), (note, "is not an SQLite database"),
      (foreign, "not a brugerinformation database"), (newer, "newer than this program's"),
      (broken, "fails PRAGMA integrity_check"),
      (live, "is the database itself"),
    ]
    for (file, reason) in cases {
      XCTAssertThrowsError(try DatabaseCopy.restore(backup: file, into: live), file) {
        XCTAssertTrue("\($0)".contains(reason), "\(file): \($0)")
      }
    }
    XCTAssertEqual(try pairs(Connection(path: live, readOnly: true)), before, "the database is unchanged")
  }

  func testTheCommandLine() throws {
    store = nil
    XCTAssertEqual(CommandLineTool.main(["backup", backup, "--database", live]), 0)
    XCTAssertTrue(FileManager.default.fileExists(atPath: backup))
    XCTAssertEqual(CommandLineTool.main(["backup", "--database", live]), 64, "FILE missing")
    XCTAssertEqual(CommandLineTool.main(["backup", backup, "more", "--database", live]), 64)
    XCTAssertEqual(CommandLineTool.main(["backup", folder.path, "--database", live]), 1)
    XCTAssertEqual(CommandLineTool.main(["backup", "--help"]), 0)
    XCTAssertEqual(CommandLineTool.main(["restore", backup, "--database", live]), 0)
    XCTAssertEqual(CommandLineTool.main(["restore", folder.path + "/none", "--database", live]), 1)
  }

  // MARK: Helpers

  private func startPortal() throws {
    server = try startTestPortal(store: store)
  }

  private func stopPortal() {
    server?.shutdown()
    server?.wait()
    server = nil
    store = nil
  }

  private func apiToken() throws -> String {
    try addEditorAPIToken(to: store, municipality: code)
  }

  /// Two audit entries in one transaction: a backup has both or neither.
  private func writePair(_ name: String) throws {
    try store.batch { writer in
      for half in ["a", "b"] {
        _ = try writer.audit(userId: nil, action: "test.pair", entity: "pair", entityId: "\(name)/\(half)")
      }
    }
  }

  /// The complete pairs in `connection`'s database (the live Store's when nil); fails on a half pair.
  private func pairs(_ connection: Connection?) throws -> [String] {
    let sql = "SELECT entity_id FROM audit_log WHERE action = 'test.pair' ORDER BY entity_id"
    let ids: [String] =
      if let connection {
        try connection.query(sql).map { try $0.get(0) }
      } else {
        try store.database.read { try $0.query(sql).map { try $0.get(0) } }
      }
    let names = ids.map { String($0.split(separator: "/")[0]) }
    var counts: [String: Int] = [:]
    for name in names { counts[name, default: 0] += 1 }
    XCTAssertEqual(Set(counts.values).subtracting([2]), [], "a torn pair: \(ids)")
    return counts.keys.sorted()
  }

  private func fileSize(_ path: String) throws -> Int64 {
    (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? -1
  }

  /// Files in the backup folder other than backup.sqlite (temporary copies, -wal, -shm).
  private func leftovers() throws -> [String] {
    try FileManager.default.contentsOfDirectory(
      atPath: URL(fileURLWithPath: backup).deletingLastPathComponent().path
    )
    .filter { $0 != "backup.sqlite" }
  }

  /// Overwrites pages in the middle of the file with garbage (the header stays valid).
  private func corrupt(_ path: String) throws {
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    let size = try handle.seekToEnd()
    try handle.seek(toOffset: size / 2)
    try handle.write(contentsOf: Data(repeating: 0xA5, count: 16_384))
  }

  /// What the clients saw: writes acknowledged, reads done, anything that was not a success.
  final class Load: Sendable {
    let stop = Atomic<Bool>(false)
    let acknowledgedWrites = Atomic<Int>(0)
    let reads = Atomic<Int>(0)
    let failures = Mutex<[String]>([])
  }

  /// Client 0 writes the draft through the API ("nr. 1", "nr. 2", …), the others read pages and the API.
  private static func runClient(_ client: Int, port: Int, token: String, code: String, load: Load) {
    var number = 0
    while !load.stop.load(ordering: .acquiring) {
      do {
        if client == 0 {
          number += 1
          let body = """
            {"changeNote": "nr. \(number)", "areas": [{"name": "Folkeskole", "goals": [{"title": "Svartid",
              "theme": "Service", "goal": "Svar inden for en uge", "indicator": "Andel svar", "unit": "%",
              "baseline": {"value": 80, "date": "2020-01-01"}, "target": {"value": 90, "date": "2027-12-31"},
              "direction": "higher", "means": "Planlægning"}]}]}
            """
          let reply = try TestClient(port: port).request(
            "PUT", "/api/v1/municipalities/\(code)/contract/draft",
            headers: ["Authorization: Bearer \(token)", "Content-Type: application/json"], body: body)
          guard reply.status == 200 || reply.status == 201 else {
            load.failures.withLock { $0.append("PUT \(reply.status): \(reply.text.prefix(200))") }
            return
          }
          load.acknowledgedWrites.store(number, ordering: .releasing)
        } else {
          for target in ["/kommune/\(code)", "/api/v1/municipalities/\(code)/contract", "/feed.atom"] {
            let reply = try TestClient(port: port).request("GET", target)
            guard reply.status == 200 else {
              load.failures.withLock { $0.append("GET \(target) \(reply.status)") }
              return
            }
            load.reads.add(1, ordering: .relaxed)
          }
        }
      } catch {
        load.failures.withLock { $0.append("client \(client): \(error)") }
        return
      }
    }
  }
}
