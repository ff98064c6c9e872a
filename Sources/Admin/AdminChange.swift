import Foundation
import HTTP
import Store
import Web

/// What one change did, for the audit log: who is known from the request; the before and after are JSON objects.
struct AdminChange {
  var action: String
  var entity: String
  var entityId: String?
  var before: [String: Any]?
  var after: [String: Any]?
  /// Where to send the user afterwards, when not where `perform` was told.
  var redirect: String?

  init(
    _ action: String, entity: String, id: Int64? = nil, before: [String: Any]? = nil,
    after: [String: Any]? = nil,
    redirect: String? = nil
  ) {
    self.action = action
    self.entity = entity
    self.entityId = id.map(String.init)
    self.before = before
    self.after = after
    self.redirect = redirect
  }

  static func json(_ object: [String: Any]?) -> String? {
    guard let object, JSONSerialization.isValidJSONObject(object),
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return nil }
    return String(decoding: data, as: UTF8.self)
  }
}

extension AdminSite {
  /// Runs one change as ONE transaction: claims the form's one-time token (a form sent twice changes nothing the
  /// second time), does the change and logs it in the audit log; then 303 to `redirect` (or the change's own).
  /// A thrown error (a rule the Store enforces) undoes everything and reaches the caller, which shows the form again.
  func perform(_ request: AdminRequest, redirect: String, _ body: (Store.Writer) throws -> AdminChange) throws
    -> Response
  {
    let target = try performOnce(request) { writer -> (AdminChange, String) in
      let change = try body(writer)
      return (change, change.redirect ?? redirect)
    }
    return Self.redirect(target ?? redirect)
  }

  /// `perform`'s transaction, handing back what `body` made (a page that must show something once, such as a
  /// one-time password); nil when the form had been sent before and nothing was done.
  func performOnce<T: Sendable>(
    _ request: AdminRequest, _ body: (Store.Writer) throws -> (AdminChange, T)
  ) throws -> T? {
    let once = request.field("once")
    guard once.utf8.count >= 16 else {
      throw AdminError(.badRequest, "Formularen mangler sit engangsnummer. Genindlæs siden, og prøv igen.")
    }
    let userId = request.user.id
    let code = request.municipalityCode
    return try store.batch { writer -> T? in
      guard try writer.claimForm(nonce: once, userId: userId) else { return nil }
      let (change, result) = try body(writer)
      try writer.audit(
        userId: userId, action: change.action, entity: change.entity, entityId: change.entityId,
        municipalityCode: code, beforeJSON: AdminChange.json(change.before),
        afterJSON: AdminChange.json(change.after))
      return result
    }
  }
}

extension AdminSite {
  /// `perform` for another module's forms (the ministry's): one transaction with the form's one-time token, the
  /// change `body` makes and its audit entry; false when the form had been sent before and nothing was done.
  public func record(
    _ request: AdminRequest,
    _ body: (Store.Writer) throws -> (
      action: String, entity: String, entityId: String?, before: [String: Any]?, after: [String: Any]?
    )
  ) throws -> Bool {
    try performOnce(request) { writer -> (AdminChange, Bool) in
      let made = try body(writer)
      var change = AdminChange(made.action, entity: made.entity, before: made.before, after: made.after)
      change.entityId = made.entityId
      return (change, true)
    } ?? false
  }

  /// The admin layout's fields for a page of another module: the user, the navigation and the logout form.
  public func layoutFields(for request: AdminRequest) -> TemplateObject {
    var context: TemplateObject = [:]
    addLayoutFields(for: request, to: &context)
    return context
  }
}
