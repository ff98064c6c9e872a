import Domain

extension Store {
  /// Delegationsforbud: the committee recommendations recorded for a version (a draft, typically), oldest first.
  public func recommendations(versionId: Int64) throws -> [CommitteeRecommendation] {
    try read { try Self.recommendations($0, column: "version_id", id: versionId) }
  }
}
