/// The columns of a contract import (CSV headers and JSON keys), one row per goal.
///
/// A header matches a column when it equals one of the column's spellings after `ImportColumn.key`: case, spaces,
/// `_`, `-` and the Danish letters' ASCII forms do not matter, so "Målværdi", "maalvaerdi" and "malvaerdi" are the
/// same column, as are "veje til målet" and "veje_til_maalet".
public enum ImportColumn: String, CaseIterable, Hashable, Sendable {
  case area = "område"
  case title = "betegnelse"
  case theme = "tema"
  case goalText = "mål"
  case indicator = "indikator"
  case unit = "enhed"
  case baselineValue = "udgangsværdi"
  case baselineDate = "udgangsdato"
  case targetValue = "målværdi"
  case targetDate = "måldato"
  case direction = "retning"
  case means = "veje til målet"

  /// The column's name as documented, with æ, ø and å (the raw value).
  public var name: String { rawValue }

  /// The name in lower-case ASCII, as the documentation also gives it.
  public var asciiName: String {
    switch self {
    case .area: return "omraade"
    case .title: return "betegnelse"
    case .theme: return "tema"
    case .goalText: return "maal"
    case .indicator: return "indikator"
    case .unit: return "enhed"
    case .baselineValue: return "udgangsvaerdi"
    case .baselineDate: return "udgangsdato"
    case .targetValue: return "maalvaerdi"
    case .targetDate: return "maaldato"
    case .direction: return "retning"
    case .means: return "veje_til_maalet"
    }
  }

  /// Every column must be in the file except the theme, which may be left out or empty.
  public var isRequired: Bool { self != .theme }

  /// Other names accepted for the column, from the headings of the seed documents' follow-up table.
  var aliases: [String] {
    switch self {
    case .area: return ["serviceområde"]
    case .title: return ["overskrift"]
    case .theme: return ["overordnet målsætning"]
    default: return []
    }
  }

  /// The column a header or JSON key names, or nil.
  public init?(header: String) {
    let key = ImportColumn.key(header)
    guard let column = ImportColumn.byKey[key] else { return nil }
    self = column
  }

  private static let byKey: [String: ImportColumn] = {
    var table: [String: ImportColumn] = [:]
    for column in allCases {
      for name in [column.rawValue, column.asciiName] + column.aliases { table[key(name)] = column }
    }
    return table
  }()

  /// `text` trimmed and lower-cased, without spaces, `_`, `-` and `.`, with æ → ae, ø → o, å → a (and the ASCII
  /// forms "oe" → "o", "aa" → "a"), so that the ways people write a Danish name without æøå meet.
  static func key(_ text: String) -> String {
    var key = ""
    for character in text.lowercased() {
      switch character {
      case " ", "_", "-", ".", "\t", "\u{A0}": continue
      case "æ", "ä": key += "ae"
      case "ø", "ö": key += "o"
      case "å": key += "a"
      default: key.append(character)
      }
    }
    return key.replacing("aa", with: "a").replacing("oe", with: "o")
  }
}
