import HTTP

extension MinistrySite {
  /// One municipality's violations in plain Danish, and the deadlines across the country.
  static let municipalityPageNames: [String] = []

  func addMunicipalityRoutes(to routes: inout [Route]) {}
}
