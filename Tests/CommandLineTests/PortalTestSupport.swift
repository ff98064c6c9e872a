import Domain
import Foundation
import HTTP
import Store
import Web

@testable import brugerinformation

/// The repository's root (for `Public` and `Templates`).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The portal over `store`, served with the repository's static files and templates on an ephemeral port by two
/// loops, without an access log, with the security headers as `serve` gives them; `adjust` may change the
/// configuration (with the portal at hand).
func startTestPortal(
  store: Store, https: Bool = false, _ adjust: (inout ServerConfiguration, Portal) -> Void = { _, _ in }
) throws -> HTTPServer {
  let portal = try Portal(
    store: store, publicDirectory: repositoryRoot.appendingPathComponent("Public").path,
    templatesDirectory: repositoryRoot.appendingPathComponent("Templates").path, benchmarkRoutes: false,
    https: https)
  var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
  configuration.eventLoops = 2
  configuration.accessLog = false
  configuration.responseHeaders = portal.responseHeaders  // as `serve` does
  adjust(&configuration, portal)
  let server = HTTPServer(configuration: configuration, responder: portal.router)
  try server.start()
  return server
}

/// An editor of `municipality` (esdh@htk.dk) with a new API token, as an ESDH system would hold it.
func addEditorAPIToken(to store: Store, municipality: String) throws -> String {
  let userId = try store.addUser(
    User(email: "esdh@htk.dk", role: .editor, municipalityCode: municipality), passwordHash: "x")
  let token = SessionToken.generate()
  _ = try store.batch { writer in
    try writer.createAPIToken(
      name: "ESDH", userId: userId, municipalityCode: nil, tokenDigest: SessionToken.digest(token),
      now: Date())
  }
  return token
}
