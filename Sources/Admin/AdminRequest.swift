import Domain
import Foundation
import HTTP
import Store
import Web

/// A request from a signed-in user who may use the route: the user, the session, the municipality in the path and,
/// for a POST, the submitted form (its CSRF token already checked).
public struct AdminRequest: Sendable {
  public var request: Request
  public var user: User
  public var session: SessionRecord
  /// The `:code` of routes under `/admin/kommune/:code`, already checked against the user.
  public var municipalityCode: String?
  /// The fields of a POSTed form (url-encoded, or the text parts of a multipart upload).
  public var form: QueryParameters
  /// The uploaded files of a multipart POST.
  public var uploads: [MultipartPart]

  /// The municipality in the path; a route without `:code` has none, which is a programming error.
  public var code: String {
    get throws {
      guard let code = municipalityCode else { throw AdminError(.internalServerError, "") }
      return code
    }
  }

  /// A path parameter that must be a positive integer (ids); 404 otherwise.
  public func id(_ name: String) throws -> Int64 {
    guard let text = request.parameters[name], let id = Int64(text), id > 0 else {
      throw AdminError(.notFound, "Siden findes ikke.")
    }
    return id
  }

  /// A trimmed form field; "" when missing.
  public func field(_ name: String) -> String {
    (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The hidden fields every state-changing form carries: the session's CSRF token and a one-time token that makes a
  /// second submission of the same form change nothing (`AdminSite.perform`). Give each rendered form its own.
  public func formTokens() -> TemplateValue {
    ["csrf": .string(session.csrfToken), "once": .string(SessionToken.generate())]
  }
}
