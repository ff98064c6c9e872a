/// One version of a municipality's quality contract: draft, adopted by the council, then published.
public struct ContractVersion: Hashable, Sendable {
  public var id: Int64
  public var municipalityCode: String
  public var number: Int
  public var basedOn: Int64?
  /// What changed, in the municipality's words ("Måljustering: …").
  public var changeNote: String
  public var adoption: Adoption?
  public var publishedOn: CalendarDate?
  public var areas: [VersionArea]
  public var isExample: Bool

  public init(
    id: Int64 = 0, municipalityCode: String, number: Int, basedOn: Int64? = nil, changeNote: String = "",
    adoption: Adoption? = nil,
    publishedOn: CalendarDate? = nil, areas: [VersionArea] = [], isExample: Bool = false
  ) {
    self.id = id
    self.municipalityCode = municipalityCode
    self.number = number
    self.basedOn = basedOn
    self.changeNote = changeNote
    self.adoption = adoption
    self.publishedOn = publishedOn
    self.areas = areas
    self.isExample = isExample
  }

  public var isDraft: Bool { adoption == nil }

  /// nil while unpublished or not adopted.
  public var publishedLate: Bool? {
    guard let publishedOn, let adoption else { return nil }
    return PublicationDeadline.isLate(published: publishedOn, adopted: adoption.adoptedOn)
  }
}

/// A service area as it appears, in order, in one version, with its goals.
public struct VersionArea: Hashable, Sendable {
  public var id: Int64
  public var serviceAreaId: Int64
  public var name: String
  public var position: Int
  public var goals: [Goal]

  public init(id: Int64 = 0, serviceAreaId: Int64 = 0, name: String, position: Int = 0, goals: [Goal] = []) {
    self.id = id
    self.serviceAreaId = serviceAreaId
    self.name = name
    self.position = position
    self.goals = goals
  }
}
