import Domain

/// Checks imported rows field by field and groups the goals by area in the order first seen.
struct ImportValidator {
  private(set) var problems: [ImportProblem] = []
  private(set) var warnings: [ImportProblem] = []
  private var suppressedProblems = 0
  private var areas: [(name: String, goals: [(goal: Goal, row: ImportRow)])] = []
  /// An area's index in `areas` by its name as matched (lower case), and its goals' indexes by title.
  private var areaIndexes: [String: (area: Int, titles: [String: Int])] = [:]

  mutating func problem(_ row: Int?, _ column: String?, _ message: String) {
    guard problems.count < ContractImport.maximumProblems else {
      suppressedProblems += 1
      return
    }
    problems.append(ImportProblem(row: row, column: column, message: message))
  }

  /// Checks the row's values; a goal with every value valid joins its area.
  mutating func add(_ row: ImportRow) {
    let areaName = text(row, .area)
    let title = text(row, .title)
    let theme = text(row, .theme)
    let goalText = text(row, .goalText)
    let indicator = text(row, .indicator)
    let unit = text(row, .unit)
    let baselineValue = number(row, .baselineValue)
    let baselineDate = date(row, .baselineDate)
    let targetValue = number(row, .targetValue)
    let targetDate = date(row, .targetDate)
    let direction = direction(row, .direction)
    let means = text(row, .means)
    if let baselineDate, let targetDate, targetDate <= baselineDate, let cell = row.cells[.targetDate] {
      problem(
        row.row, cell.label,
        "Måldatoen (\(targetDate.danishNumeric)) skal ligge efter udgangsdatoen (\(baselineDate.danishNumeric))."
      )
    }
    guard let areaName, let title, let goalText, let indicator, let unit, let baselineValue, let baselineDate,
      let targetValue, let targetDate, let direction, let means
    else { return }
    let goal = Goal(
      title: title, theme: theme ?? "", goalText: goalText, indicator: indicator, unit: unit,
      baselineValue: baselineValue, baselineDate: baselineDate, targetValue: targetValue,
      targetDate: targetDate,
      direction: direction, means: means)
    if direction == .higher ? targetValue < baselineValue : targetValue > baselineValue {
      warnings.append(
        ImportProblem(
          row: row.row, column: row.cells[.direction]?.label,
          message:
            "Retningen er «\(direction == .higher ? "højere" : "lavere")», men målværdien "
            + "(\(DanishNumber.format(targetValue, maximumFractionDigits: 6))) er "
            + "\(direction == .higher ? "lavere" : "højere") end udgangsværdien "
            + "(\(DanishNumber.format(baselineValue, maximumFractionDigits: 6))). Er retningen rigtig?"))
    }
    let key = areaName.lowercased()
    let titleKey = title.lowercased()
    guard let (index, titles) = areaIndexes[key] else {
      areaIndexes[key] = (areas.count, [titleKey: 0])
      areas.append((areaName, [(goal, row)]))
      return
    }
    if let earlier = titles[titleKey] {
      let same = areas[index].goals[earlier]
      problem(
        row.row, row.cells[.title]?.label,
        "Området «\(areas[index].name)» har allerede et mål med betegnelsen «\(same.goal.title)» (\(same.row.origin)). "
          + "Giv målene hver sin betegnelse.")
      return
    }
    areaIndexes[key]!.titles[titleKey] = areas[index].goals.count
    areas[index].goals.append((goal, row))
  }

  mutating func result() -> ContractImportResult {
    if problems.isEmpty && areas.isEmpty {
      problem(nil, nil, "Filen indeholder ingen mål. Skriv ét mål pr. række under overskrifterne.")
    }
    var allProblems = problems
    if suppressedProblems > 0 {
      allProblems.append(
        ImportProblem(
          row: nil, column: nil,
          message: "… og \(suppressedProblems) problemer mere. Ret dem ovenfor, og prøv igen."))
    }
    var areaWarnings: [ImportProblem] = []
    let imported = areas.map { area in
      if area.goals.count > 3 {
        areaWarnings.append(
          ImportProblem(
            row: area.goals[3].row.row, column: area.goals[3].row.cells[.area]?.label,
            message:
              "Vejledningen anbefaler få mål (højst 2-3) pr. serviceområde; \(area.name) har \(area.goals.count)."
          ))
      }
      return ImportedArea(
        serviceAreaName: area.name,
        goals: area.goals.enumerated().map { index, entry in
          var goal = entry.goal
          goal.position = index + 1
          return goal
        })
    }
    return ContractImportResult(areas: imported, problems: allProblems, warnings: areaWarnings + warnings)
  }

  // MARK: Values

  /// The trimmed text, or nil after a problem; "" for an empty optional column.
  private mutating func text(_ row: ImportRow, _ column: ImportColumn) -> String? {
    guard let cell = row.cells[column] else { return column.isRequired ? nil : "" }
    let value: String
    switch cell.value {
    case .text(let text): value = ImportValueParsing.trimmed(text)
    case .empty: value = ""
    case .number, .other:
      problem(row.row, cell.label, "Skal være tekst (i anførselstegn).")
      return nil
    }
    if value.isEmpty && column.isRequired {
      problem(row.row, cell.label, ImportValidator.missing(column))
      return nil
    }
    if column == .area || column == .title, value.count > ContractImport.maximumNameLength {
      problem(
        row.row, cell.label,
        "Teksten er for lang til en overskrift: højst \(ContractImport.maximumNameLength) tegn (den har "
          + "\(value.count)).")
      return nil
    }
    return value
  }

  private mutating func number(_ row: ImportRow, _ column: ImportColumn) -> Double? {
    guard let cell = row.cells[column] else { return nil }
    switch cell.value {
    case .number(let value) where value.isFinite:
      return value
    case .text(let text) where !ImportValueParsing.trimmed(text).isEmpty:
      let shown = ImportValueParsing.trimmed(text)
      switch DanishNumber.read(text) {
      case .value(let value):
        return value
      case .ambiguous:
        let plain = shown.replacing(".", with: "")
        let comma = shown.replacing(".", with: ",")
        problem(
          row.row, cell.label,
          "«\(shown)» kan læses både som \(plain) og som \(comma). Skriv \(plain) eller \(comma).")
      case .invalid:
        if let (number, unit) = ImportValueParsing.numberWithUnit(shown) {
          problem(
            row.row, cell.label,
            "«\(shown)»: skriv kun tallet (\(number)). Enheden (\(unit)) hører til i kolonnen «enhed».")
        } else {
          problem(row.row, cell.label, "«\(shown)» er ikke et tal. Skriv fx 90 eller 90,5.")
        }
      }
    case .text, .empty:
      problem(row.row, cell.label, ImportValidator.missing(column))
    case .number, .other:
      problem(row.row, cell.label, "Er ikke et tal. Skriv fx 90 eller 90,5.")
    }
    return nil
  }

  private mutating func date(_ row: ImportRow, _ column: ImportColumn) -> CalendarDate? {
    guard let cell = row.cells[column] else { return nil }
    switch cell.value {
    case .text(let text) where !ImportValueParsing.trimmed(text).isEmpty:
      if let date = CalendarDate(typed: text) { return date }
      problem(
        row.row, cell.label,
        "«\(ImportValueParsing.trimmed(text))» er ikke en gyldig dato. Skriv fx 2012-12-31 eller 31-12-2012.")
    case .text, .empty:
      problem(row.row, cell.label, ImportValidator.missing(column))
    case .number, .other:
      problem(row.row, cell.label, "Er ikke en dato. Skriv den som tekst, fx \"2012-12-31\".")
    }
    return nil
  }

  private mutating func direction(_ row: ImportRow, _ column: ImportColumn) -> Direction? {
    guard let cell = row.cells[column] else { return nil }
    switch cell.value {
    case .text(let text) where !ImportValueParsing.trimmed(text).isEmpty:
      if let direction = ImportValueParsing.direction(text) { return direction }
      problem(
        row.row, cell.label,
        "«\(ImportValueParsing.trimmed(text))» er ikke en retning. Skriv «højere», når et større tal er bedre, "
          + "ellers «lavere».")
    case .text, .empty:
      problem(row.row, cell.label, ImportValidator.missing(column))
    case .number, .other:
      problem(row.row, cell.label, "Skriv «højere» eller «lavere» (i anførselstegn).")
    }
    return nil
  }

  static func missing(_ column: ImportColumn) -> String {
    switch column {
    case .area: return "Serviceområdet mangler. Skriv fx Ældreområdet eller kommunens eget navn for området."
    case .title: return "Betegnelsen mangler: målets korte overskrift."
    case .theme: return "Temaet mangler."
    case .goalText:
      return "Målet mangler: det målbare mål i ord, fx «95 % af opkaldene besvares inden for 60 sekunder»."
    case .indicator:
      return "Indikatoren mangler: det, der måles, fx «Andel af opkald besvaret inden for 60 sekunder»."
    case .unit: return "Enheden mangler, fx % eller dage."
    case .baselineValue: return "Udgangsværdien mangler. Skriv et tal, fx 82 eller 82,5."
    case .baselineDate: return "Datoen for udgangsværdien mangler. Skriv fx 2010-01-01 eller 01-01-2010."
    case .targetValue: return "Målværdien mangler. Skriv et tal, fx 90 eller 90,5."
    case .targetDate: return "Datoen for målværdien mangler. Skriv fx 2012-12-31 eller 31-12-2012."
    case .direction: return "Retningen mangler. Skriv «højere», når et større tal er bedre, ellers «lavere»."
    case .means: return "Veje til målet mangler: hvordan kommunen vil nå målet (§2, stk. 2)."
    }
  }
}
