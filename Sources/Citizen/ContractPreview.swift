import Domain
import HTTP
import Store
import Web

extension CitizenSite {
  /// The municipality page for contract version `versionId` (a draft or an adopted, unpublished version) as citizens
  /// will see it once published, marked as a preview. For the admin module; never routed publicly, never cached or
  /// indexed.
  public func previewContract(versionId: Int64) throws -> Response {
    guard let overview = try store.municipalityOverview(versionId: versionId) else {
      throw PageError(.notFound, "Versionen findes ikke.")
    }
    var response = try municipalityPage(overview, preview: true)
    response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
    response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex, nofollow")
    return response
  }

  /// The decision facts a version not yet adopted or published cannot have yet, said in words instead of left blank.
  static func markAsPreview(_ facts: inout TemplateObject, _ version: ContractVersion) {
    if version.adoption == nil {
      facts["adopted"] = "Ikke vedtaget endnu"
      facts["deadline"] = "Én måned efter vedtagelsen"
    }
    if version.publishedOn == nil {
      facts["published"] = "Ikke offentliggjort endnu"
    }
  }
}
