import Foundation
import HTTP
import Web

/// The draft's body in the public contract's shape (`areas: [{name, goals: [{title, …, baseline: {value, date}, …}]}]`),
/// checked by the contract import's own rules: it is rewritten into the import's JSON and read by
/// `ContractImport.json`, so the API and the admin module's import accept and refuse the same contracts.
enum WriteAPIContractBody {
  /// The public contract's goal keys and the import's column for each.
  static let goalKeys: [(english: String, danish: String)] = [
    ("title", "betegnelse"), ("theme", "tema"), ("goal", "mål"), ("indicator", "indikator"),
    ("unit", "enhed"),
    ("direction", "retning"), ("means", "veje til målet"),
  ]
  static let measureKeys: [(english: String, value: String, date: String)] = [
    ("baseline", "udgangsværdi", "udgangsdato"), ("target", "målværdi", "måldato"),
  ]

  /// The areas with their goals; 400 for a body of the wrong shape, 422 (with every problem) for goals the import
  /// refuses.
  static func areas(_ body: WriteAPIBody) throws -> [ImportedArea] {
    var areas: [Any] = []
    for (areaIndex, areaValue) in try body.list("areas").enumerated() {
      let path = "areas[\(areaIndex + 1)]."
      guard let areaObject = areaValue as? [String: Any] else {
        throw APIProblem.badRequest(
          "«areas[\(areaIndex + 1)]» skal være et objekt: {\"name\": …, \"goals\": […]}.")
      }
      let area = WriteAPIBody(object: areaObject)
      try area.allowOnly(["name", "goals"], at: path)
      var goals: [Any] = []
      for (goalIndex, goalValue) in try area.list("goals", at: path).enumerated() {
        let goalPath = "\(path)goals[\(goalIndex + 1)]."
        guard let goalObject = goalValue as? [String: Any] else {
          throw APIProblem.badRequest("«\(goalPath.dropLast())» skal være et objekt med målets felter.")
        }
        goals.append(try importGoal(WriteAPIBody(object: goalObject), at: goalPath))
      }
      areas.append(["navn": area.object["name"] ?? NSNull(), "mål": goals] as [String: Any])
    }
    let document: [String: Any] = ["områder": areas]
    let data = try JSONSerialization.data(withJSONObject: document)
    let result = ContractImport.json(Array(data))
    guard result.isValid else {
      let problems = result.problems.map(message)
      throw APIProblem(
        .unprocessableContent, title: "Unprocessable Content",
        detail: problems.first ?? "Kontrakten kan ikke læses.",
        extensions: [("rule", "§2"), ("problems", .array(problems.map(JSONValue.string)))])
    }
    return result.areas
  }

  /// One goal in the import's keys; `id`, `adjustments` and `latestStatus` (the public answer's read-only members)
  /// are ignored, so a contract read from the public API can be sent back.
  static func importGoal(_ goal: WriteAPIBody, at path: String) throws -> [String: Any] {
    let readOnly: Set<String> = ["id", "adjustments", "latestStatus"]
    try goal.allowOnly(Set(goalKeys.map(\.english) + measureKeys.map(\.english)).union(readOnly), at: path)
    var cells: [String: Any] = [:]
    for key in goalKeys { cells[key.danish] = goal.object[key.english] ?? NSNull() }
    for key in measureKeys {
      let measure = try goal.nested(key.english, at: path)
      try measure?.allowOnly(["value", "date"], at: "\(path)\(key.english).")
      cells[key.value] = measure?.object["value"] ?? NSNull()
      cells[key.date] = measure?.object["date"] ?? NSNull()
    }
    return cells
  }

  /// An import problem with its place in the body's own keys ("areas[1].goals[2].title: …").
  static func message(_ problem: ImportProblem) -> String {
    guard var place = problem.column else { return problem.message }
    let renames =
      [("områder", "areas"), ("navn", "name")] + goalKeys.map { ($0.danish, $0.english) }
      + measureKeys.flatMap { [($0.value, "\($0.english).value"), ($0.date, "\($0.english).date")] }
    place = place.replacing("områder[", with: "areas[").replacing("].mål[", with: "].goals[")
    if place.hasSuffix("].mål") && !place.contains("goals[") { place = place.dropLast(3) + "goals" }
    for (danish, english) in renames.sorted(by: { $0.0.count > $1.0.count }) {
      place = place.replacing(".\(danish)", with: ".\(english)")
    }
    return "\(place): \(problem.message)"
  }
}
