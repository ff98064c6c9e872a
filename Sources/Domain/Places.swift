public struct Region: Hashable, Sendable {
  /// ISO 3166-2 code, e.g. "DK-84".
  public var code: String
  public var name: String

  public init(code: String, name: String) {
    self.code = code
    self.name = name
  }
}

public struct Municipality: Hashable, Sendable {
  /// The official four-digit code, e.g. "0101".
  public var code: String
  public var name: String
  public var regionCode: String
  public var isExample: Bool

  public init(code: String, name: String, regionCode: String, isExample: Bool = false) {
    self.code = code
    self.name = name
    self.regionCode = regionCode
    self.isExample = isExample
  }

  /// Whether `text` has the form of a municipality code: four ASCII digits.
  public static func isCode(_ text: String) -> Bool {
    text.utf8.count == 4 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }
}

public struct ServiceArea: Hashable, Sendable {
  public var id: Int64
  /// nil for the national list every municipality can pick from.
  public var municipalityCode: String?
  public var name: String
  public var isExample: Bool

  public init(id: Int64, municipalityCode: String?, name: String, isExample: Bool = false) {
    self.id = id
    self.municipalityCode = municipalityCode
    self.name = name
    self.isExample = isExample
  }
}
