import Foundation
import HTTP
import SQLite
import Store
import Web

extension OpenDataSite {
  /// The token-authenticated writes under /api/v1/municipalities/{code}/… and the ministry's /api/v1/compliance.
  func registerWriteAPI(on router: inout Router) {
    registerContractWrites(on: &router)
    registerFollowUpWrites(on: &router)
    registerCompliance(on: &router)
  }

  /// An API handler for a live token (`Authorization: Bearer TOKEN`): 401 with `WWW-Authenticate: Bearer` without
  /// one; the Store's "not found" and "invalid" become 404 and 422. Never cached.
  func authenticated(_ handler: @escaping @Sendable (Request, APITokenPrincipal) throws -> Response)
    -> RouteHandler
  {
    let store = self.store
    return api { request in
      guard let token = Self.bearerToken(request),
        let principal = try store.apiTokenPrincipal(tokenDigest: SessionToken.digest(token), now: Date())
      else {
        var response = APIProblem(
          .unauthorized, title: "Unauthorized",
          detail: "Adgang kræver en gyldig API-nøgle: Authorization: Bearer NØGLE. Nøglen mangler, er ukendt "
            + "eller tilbagekaldt."
        ).response
        response.headers.replaceOrAdd(name: "WWW-Authenticate", value: "Bearer realm=\"brugerinformation\"")
        return response
      }
      var response: Response
      do {
        response = try handler(request, principal)
      } catch StoreError.notFound(let what) {
        throw APIProblem.notFound("Findes ikke: \(what).")
      } catch StoreError.invalid(let why) {
        throw APIProblem(.unprocessableContent, title: "Unprocessable Content", detail: Self.sentence(why))
      } catch let error as SQLiteError {
        if let violation = RuleViolation(error) { throw violation }
        guard error.isConstraintViolation else { throw error }
        throw APIProblem(
          .unprocessableContent, title: "Unprocessable Content",
          detail: "Ændringen strider mod portalens regler: \(error.message)")
      }
      response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
      return response
    }
  }

  /// The token of `Authorization: Bearer TOKEN` (the scheme in any case, RFC 9110 §11.1).
  static func bearerToken(_ request: Request) -> String? {
    guard let value = request.headers["Authorization"] else { return nil }
    let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
    let token = parts[1].trimmingCharacters(in: .whitespaces)
    return token.isEmpty ? nil : token
  }

  /// 403 unless the token acts for the municipality's own staff.
  static func requireMunicipality(_ principal: APITokenPrincipal, _ code: String) throws {
    guard principal.mayWrite(municipalityCode: code) else {
      throw APIProblem(
        .forbidden, title: "Forbidden",
        detail: "API-nøglen giver ikke adgang til at ændre kommune \(code)s data.")
    }
  }

  /// A Store message as a sentence: capital first letter, full stop.
  static func sentence(_ text: String) -> String {
    guard let first = text.first else { return text }
    let capitalized = first.uppercased() + text.dropFirst()
    return capitalized.hasSuffix(".") ? capitalized : capitalized + "."
  }
}
