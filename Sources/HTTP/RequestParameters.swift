extension Request {
  /// The decoded path parameter `name` converted to `T` (e.g. `Int`).
  ///
  /// A value that does not convert means the path names nothing → 404. A name the route does not declare is a
  /// programming error → 500.
  public func parameter<T: LosslessStringConvertible>(_ name: String, as type: T.Type = T.self) throws -> T {
    guard let raw = parameters[name] else {
      throw HTTPError(.internalServerError, "The route has no parameter \(name.debugDescription).")
    }
    guard let value = T(raw) else {
      throw HTTPError(.notFound, "Not found.")
    }
    return value
  }
}
