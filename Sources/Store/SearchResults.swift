/// A field the search looks in.
public enum SearchField: String, Hashable, Sendable, CaseIterable {
  case title, theme, goal, means
  /// A status's text (status på arbejdet med målet).
  case status
  /// A status's follow-up on a goal not reached (§5, stk. 2).
  case followUp
}

/// A field in which a term matched, with the field's original text (to highlight with `SearchHighlight`).
public struct SearchMatch: Hashable, Sendable {
  public var field: SearchField
  public var text: String

  public init(field: SearchField, text: String) {
    self.field = field
    self.text = text
  }
}

/// One goal, or one status of a goal, that matched: a goal of the contract in force, or a status in a published
/// follow-up for a goal in force (by lineage).
public struct SearchHit: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    case goal, status
  }

  public var kind: Kind
  public var goalLineage: Int64
  /// The goal in the version in force (for a status: the goal of its lineage in force, whose title is shown).
  public var goalId: Int64
  public var goalTitle: String
  public var areaName: String
  /// For a status: its follow-up and budget year.
  public var followUpId: Int64?
  public var budgetYear: Int?
  /// Every field in which a term matched, in `SearchField` order; never empty.
  public var matches: [SearchMatch]
  /// FTS5's bm25: lower is better.
  public var score: Double
  public var isExample: Bool

  /// The first field in which a term matched (for a goal: title before theme, goal and means).
  public var field: SearchField { matches[0].field }
  /// That field's original text.
  public var text: String { matches[0].text }

  public init(
    kind: Kind, goalLineage: Int64, goalId: Int64, goalTitle: String, areaName: String,
    followUpId: Int64? = nil,
    budgetYear: Int? = nil, matches: [SearchMatch], score: Double = 0, isExample: Bool = false
  ) {
    self.kind = kind
    self.goalLineage = goalLineage
    self.goalId = goalId
    self.goalTitle = goalTitle
    self.areaName = areaName
    self.followUpId = followUpId
    self.budgetYear = budgetYear
    self.matches = matches
    self.score = score
    self.isExample = isExample
  }
}

/// A municipality's hits, best first.
public struct SearchResultGroup: Hashable, Sendable {
  public var municipalityCode: String
  public var municipalityName: String
  public var hits: [SearchHit]

  public init(municipalityCode: String, municipalityName: String, hits: [SearchHit]) {
    self.municipalityCode = municipalityCode
    self.municipalityName = municipalityName
    self.hits = hits
  }
}
