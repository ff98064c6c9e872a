import HTTP

extension CitizenSite {
  /// The municipality page for contract version `versionId` (a draft or an adopted, unpublished version) as citizens
  /// will see it once published, marked as a preview. For the admin module; never routed publicly.
  public func previewContract(versionId: Int64) throws -> Response {
    throw PageError(.notFound, "Forhåndsvisningen er ikke lavet endnu.")
  }
}
