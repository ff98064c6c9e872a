import HTTP

extension CitizenSite {
  /// The follow-up page for follow-up `followUpId` (adopted or not) as citizens will see it once published, marked
  /// as a preview. For the admin module; never routed publicly.
  public func previewFollowUp(followUpId: Int64) throws -> Response {
    throw PageError(.notFound, "Forhåndsvisningen er ikke lavet endnu.")
  }
}
