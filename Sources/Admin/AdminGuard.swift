import Foundation
import HTTP
import Store
import Web

extension AdminSite {
  /// The session cookie's name: `__Host-` prefixed (Secure, Path=/, no Domain) when the portal runs on https.
  var sessionCookieName: String { secureCookies ? "__Host-bi_session" : "bi_session" }

  /// The live session the request's cookie names, if any.
  func currentSession(_ request: Request) throws -> SessionRecord? {
    guard let token = request.cookies[sessionCookieName], token.utf8.count == 64,
      var session = try store.session(tokenDigest: SessionToken.digest(token), now: now())
    else { return nil }
    // The CSRF token is derived from the cookie's token, not read from the database (which stores none).
    session.csrfToken = SessionToken.csrfToken(forSession: token)
    return session
  }

  /// Wraps an admin handler: no session → the login page (remembering where the user was going); a password that
  /// must be changed → the password page; the wrong role or municipality → 403; a POST without the session's CSRF
  /// token → 403. Admin responses are never stored by caches.
  /// Public so that the executable can put another module's pages (the ministry's) behind the same sessions.
  public func guarded(_ route: AdminRoute, _ handler: @escaping AdminHandler) -> RouteHandler {
    { request in
      guard let session = try currentSession(request) else {
        let next = request.method == .get ? "?naeste=" + Self.queryEscaped(request.target) : ""
        return Self.redirect("/admin/login" + next)
      }
      var admin = AdminRequest(
        request: request, user: session.user, session: session, municipalityCode: request.parameters["code"],
        form: QueryParameters(), uploads: [])
      do {
        if session.user.mustChangePassword && !Self.passwordRoutes.contains(route.pattern) {
          return Self.redirect("/admin/adgangskode")
        }
        guard route.access.permits(session.user, municipalityCode: admin.municipalityCode) else {
          throw AdminError.forbidden
        }
        if request.method == .post {
          try readForm(into: &admin)
          guard Self.sameToken(admin.form["csrf"] ?? "", session.csrfToken) else {
            throw AdminError(
              .forbidden,
              "Formularen kunne ikke godkendes (sikkerhedsnøglen mangler eller er forkert). Gå tilbage, genindlæs siden, og prøv igen."
            )
          }
        }
        return try handler(admin)
      } catch let error as AdminError {
        return try errorPage(error, for: admin)
      } catch let error as Store.WriteUnavailable {
        FileHandle.standardError.write(Data("error: \(request.method) \(request.path): \(error)\n".utf8))
        return try errorPage(AdminError(.serviceUnavailable, error.message), for: admin)
      } catch let error as HTTPError {
        var response = try errorPage(
          AdminError(error.status, "Formularen kunne ikke læses. Gå tilbage, og prøv igen."), for: admin)
        for (name, value) in error.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
      }
    }
  }

  static let passwordRoutes: Set<String> = ["/admin/adgangskode", "/admin/logout"]

  /// Parses a url-encoded form, or a multipart upload (text parts become fields, files uploads).
  private func readForm(into admin: inout AdminRequest) throws {
    let contentType = admin.request.headers["Content-Type"].flatMap(MediaType.init(parsing:))
    if contentType?.essence == "multipart/form-data" {
      var fields = QueryParameters()
      for part in try admin.request.multipartFormData().parts {
        if part.filename == nil, let text = part.text {
          fields.append(name: part.name, value: text)
        } else {
          admin.uploads.append(part)
        }
      }
      admin.form = fields
    } else {
      admin.form = try admin.request.formParameters()
    }
  }

  /// The CSRF comparison: the same non-empty token.
  static func sameToken(_ sent: String, _ expected: String) -> Bool {
    !sent.isEmpty && ConstantTime.equal(sent, expected)
  }

  /// Percent-escapes everything but unreserved characters and `/`, for a path carried in a query parameter.
  static func queryEscaped(_ text: String) -> String {
    let allowed = CharacterSet(
      charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }

  /// Only a path inside the admin module is a place to return to after login (no open redirect).
  static func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/admin"), !next.hasPrefix("//"), !next.contains("\\"),
      !next.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7f })
    else { return "/admin" }
    return next
  }
}
