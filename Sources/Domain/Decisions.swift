/// The council's (kommunalbestyrelsen / byrådet) decision; only the council can adopt (delegationsforbud).
public struct Adoption: Hashable, Sendable {
  public var adoptedOn: CalendarDate
  public var meetingReference: String

  public init(adoptedOn: CalendarDate, meetingReference: String) {
    self.adoptedOn = adoptedOn
    self.meetingReference = meetingReference
  }

  /// §6 deadline for publishing what was adopted.
  public var publicationDeadline: CalendarDate { PublicationDeadline.after(adoption: adoptedOn) }
}

/// A committee's (udvalg) recommendation; never counts as adoption.
public struct CommitteeRecommendation: Hashable, Sendable {
  public var id: Int64
  public var committee: String
  public var recommendedOn: CalendarDate
  public var note: String

  public init(id: Int64 = 0, committee: String, recommendedOn: CalendarDate, note: String = "") {
    self.id = id
    self.committee = committee
    self.recommendedOn = recommendedOn
    self.note = note
  }
}
