import Domain
import HTTP
import Store
import Web

/// A request from a signed-in ministry user (the executable puts every ministry route behind the admin module's
/// sessions, CSRF check and role check, so this module never sees anyone else).
public struct MinistryRequest: Sendable {
  public var request: Request
  public var user: User
  /// The fields of a POSTed form (CSRF already checked).
  public var form: QueryParameters
  /// The admin layout's fields (user, navigation, logout form); `MinistrySite.page` adds them.
  public var layout: TemplateObject
  /// Fresh hidden tokens (`csrf`, `once`) for one form on the page: `{{> admin/tokens }}` with `tokens`.
  public var formTokens: @Sendable () -> TemplateValue
  /// Runs `body` as ONE transaction with the form's one-time token claimed and an audit entry of what it returns;
  /// false when the same form had been sent before (then nothing was done).
  public var change: @Sendable (_ body: (Store.Writer) throws -> MinistryChange) throws -> Bool

  public init(
    request: Request, user: User, form: QueryParameters, layout: TemplateObject,
    formTokens: @escaping @Sendable () -> TemplateValue,
    change: @escaping @Sendable (_ body: (Store.Writer) throws -> MinistryChange) throws -> Bool
  ) {
    self.request = request
    self.user = user
    self.form = form
    self.layout = layout
    self.formTokens = formTokens
    self.change = change
  }

  /// A trimmed form field; "" when missing.
  public func field(_ name: String) -> String {
    (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// What one change did, for the audit log: before and after as JSON objects.
public struct MinistryChange {
  public var action: String
  public var entity: String
  public var entityId: String?
  public var before: [String: Any]?
  public var after: [String: Any]?

  public init(
    _ action: String, entity: String, entityId: String? = nil, before: [String: Any]? = nil,
    after: [String: Any]? = nil
  ) {
    self.action = action
    self.entity = entity
    self.entityId = entityId
    self.before = before
    self.after = after
  }
}
