import Domain

extension Store.Writer {
  /// The rule calendar as this transaction sees it (its own writes included): the "before" of an audited change.
  public func ruleCalendar() throws -> RuleCalendar {
    try Store.ruleCalendar(connection)
  }
}
