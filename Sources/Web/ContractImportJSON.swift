import Foundation

extension ContractImport {
  /// `{"områder": [{"navn": "…", "mål": [{"betegnelse": "…", …}]}]}`: the goal keys are the CSV's column names
  /// (without "område"), matched the same way; numbers may be JSON numbers or text in either form.
  public static func json(_ bytes: [UInt8]) -> ContractImportResult {
    var validator = ImportValidator()
    let body = bytes.starts(with: CSVTable.byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes
    guard let document = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
    else {
      validator.problem(
        nil, nil,
        "Filen er ikke gyldig JSON (tjek kommaer, anførselstegn og klammer), eller den er ikke gemt som UTF-8."
      )
      return validator.result()
    }
    let areasKeyShape = "{\"områder\": [{\"navn\": …, \"mål\": [{…}]}]}"
    guard let root = document as? [String: Any] else {
      validator.problem(nil, nil, "Filen skal være ét JSON-objekt af formen \(areasKeyShape).")
      return validator.result()
    }
    var areasKey: String?
    for key in root.keys.sorted() {
      if ImportColumn.key(key) == "omrader" && areasKey == nil {
        areasKey = key
      } else {
        validator.problem(
          nil, key, "Nøglen «\(key)» kendes ikke her; filen skal have formen \(areasKeyShape).")
      }
    }
    guard let areasKey else {
      validator.problem(nil, "områder", "Nøglen «områder» mangler; filen skal have formen \(areasKeyShape).")
      return validator.result()
    }
    guard let areas = root[areasKey] as? [Any] else {
      validator.problem(nil, areasKey, "Skal være en liste af områder: [{\"navn\": …, \"mål\": [ … ]}, …].")
      return validator.result()
    }
    for (areaIndex, areaValue) in areas.enumerated() {
      let areaPath = "\(areasKey)[\(areaIndex + 1)]"
      guard let area = areaValue as? [String: Any] else {
        validator.problem(nil, areaPath, "Skal være et objekt: {\"navn\": …, \"mål\": [ … ]}.")
        continue
      }
      var nameKey: String?
      var goalsKey: String?
      for key in area.keys.sorted() {
        switch ImportColumn.key(key) {
        case "navn" where nameKey == nil: nameKey = key
        case "mal" where goalsKey == nil: goalsKey = key
        default:
          validator.problem(
            nil, "\(areaPath).\(key)", "Nøglen «\(key)» kendes ikke her; et område har kun «navn» og «mål».")
        }
      }
      let nameCell = ImportCell(
        value: jsonValue(nameKey.map { area[$0] } ?? nil), label: "\(areaPath).\(nameKey ?? "navn")")
      guard let goalsKey, let goals = area[goalsKey] as? [Any] else {
        validator.problem(
          nil, "\(areaPath).\(goalsKey ?? "mål")",
          "Skal være en liste med områdets mål: [{\"betegnelse\": …}, …].")
        continue
      }
      if goals.isEmpty {
        validator.problem(
          nil, "\(areaPath).\(goalsKey)", "Området har ingen mål; §2 kræver mindst ét mål for hvert område.")
      }
      for (goalIndex, goalValue) in goals.enumerated() {
        let goalPath = "\(areaPath).\(goalsKey)[\(goalIndex + 1)]"
        guard let goal = goalValue as? [String: Any] else {
          validator.problem(nil, goalPath, "Skal være et objekt med målets felter: {\"betegnelse\": …, …}.")
          continue
        }
        var cells: [ImportColumn: ImportCell] = [.area: nameCell]
        for key in goal.keys.sorted() {
          guard let column = ImportColumn(header: key), column != .area else {
            validator.problem(
              nil, "\(goalPath).\(key)",
              "Nøglen «\(key)» kendes ikke. Et mål har: "
                + ImportColumn.allCases.dropFirst().map(\.name).joined(separator: ", ") + ".")
            continue
          }
          if let earlier = cells[column] {
            validator.problem(nil, "\(goalPath).\(key)", "Står to gange (også som «\(earlier.label)»).")
            continue
          }
          cells[column] = ImportCell(value: jsonValue(goal[key]), label: "\(goalPath).\(key)")
        }
        for column in ImportColumn.allCases where cells[column] == nil {
          cells[column] = ImportCell(value: .empty, label: "\(goalPath).\(column.name)")
        }
        validator.add(ImportRow(row: nil, origin: goalPath, cells: cells))
      }
    }
    return validator.result()
  }

  private static func jsonValue(_ value: Any?) -> ImportCell.Value {
    switch value {
    case nil, is NSNull: return .empty
    case let text as String: return .text(text)
    case let number as NSNumber where !isBoolean(number): return .number(number.doubleValue)
    default: return .other
    }
  }

  /// JSONSerialization gives true and false as NSNumbers; they are not numbers to an import.
  private static func isBoolean(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) == "c" && (number == true as NSNumber || number == false as NSNumber)
  }
}
