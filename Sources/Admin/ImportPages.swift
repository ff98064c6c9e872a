import Domain
import HTTP
import Store
import Web

extension AdminSite {
  /// Filling a draft from an uploaded CSV or JSON file.
  static let importPageNames = ["admin/import"]

  /// The largest file accepted; the CSV reader's own bounds (rows, columns, field size) come after it.
  static let maximumImportBytes = 2 * 1024 * 1024

  func registerImportRoutes(on routes: inout AdminRoutes) {
    routes.get("/admin/kommune/:code/udkast/import", .staff) { request in
      try importPage(request, problems: [], warnings: [])
    }
    routes.post("/admin/kommune/:code/udkast/import", .staff) { request in
      try importFile(request)
    }
  }

  /// The upload form with the columns, and after a refused upload every problem in a table with row and column.
  func importPage(
    _ request: AdminRequest, problems: [ImportProblem], warnings: [ImportProblem], filename: String? = nil,
    status: HTTPStatus = .ok
  ) throws -> Response {
    let code = try request.code
    let draft = try store.draft(municipalityCode: code)
    func rows(_ list: [ImportProblem]) -> TemplateValue {
      .array(
        list.map {
          [
            "row": $0.row.map { .string(String($0)) } ?? .string("–"), "column": .string($0.column ?? "–"),
            "message": .string($0.message),
          ]
        })
    }
    let columns = ImportColumn.allCases.map { column -> TemplateValue in
      [
        "name": .string(column.name), "ascii": .string(column.asciiName),
        "required": .bool(column.isRequired),
      ]
    }
    return try page(
      "admin/import", title: "Indlæs kontrakt fra fil", for: request, status: status,
      [
        "code": .string(code),
        "action": .string("/admin/kommune/\(code)/udkast/import"),
        "draft": draft.map { ["number": .int($0.number), "href": .string("/admin/kommune/\(code)/udkast")] }
          ?? .null,
        "filename": filename.map(TemplateValue.string) ?? .null,
        "problems": rows(problems), "warnings": rows(warnings),
        "columns": .array(columns),
        "tokens": request.formTokens(),
      ])
  }

  /// Reads the uploaded file; with no problems, replaces the draft's areas and goals (creating the draft from the
  /// version in force when there is none) in one transaction with its audit entry, then shows the draft.
  func importFile(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    guard let upload = request.uploads.first(where: { $0.name == "fil" }), !upload.body.isEmpty else {
      return try importPage(
        request,
        problems: [ImportProblem(row: nil, column: nil, message: "Vælg en CSV- eller JSON-fil at indlæse.")],
        warnings: [], status: .unprocessableContent)
    }
    let filename = upload.filename ?? ""
    guard upload.body.count <= Self.maximumImportBytes else {
      return try importPage(
        request,
        problems: [
          ImportProblem(
            row: nil, column: nil,
            message:
              "Filen er større end \(Self.maximumImportBytes / 1024 / 1024) MB. En kontrakt fylder langt mindre; "
              + "er det den rigtige fil?")
        ], warnings: [], filename: filename, status: .unprocessableContent)
    }
    let result = ContractImport.read(upload.body)
    guard result.isValid else {
      return try importPage(
        request, problems: result.problems, warnings: result.warnings, filename: filename,
        status: .unprocessableContent)
    }
    let existingDraft = try store.draft(municipalityCode: code)?.id
    do {
      return try perform(request, redirect: "/admin/kommune/\(code)/udkast") { writer in
        let versionId =
          try existingDraft
          ?? writer.createDraft(municipalityCode: code, changeNote: "Indlæst fra \(filename)")
        let before = try writer.version(id: versionId).map(Self.auditContent) ?? []
        let replacement = try writer.replaceDraftContent(
          versionId: versionId, municipalityCode: code,
          areas: result.areas.map { ($0.serviceAreaName, $0.goals) })
        let after = try writer.version(id: versionId).map(Self.auditContent) ?? []
        return AdminChange(
          "contract.import", entity: "contract_version", id: versionId, before: ["områder": before],
          after: [
            "områder": after, "fil": filename, "bevaret historik": replacement.keptLineageCount,
            "nye egne områder": replacement.createdServiceAreas,
            "fjernede måljusteringer": replacement.removedAdjustmentCount,
          ])
      }
    } catch let error as RuleViolation {
      return try importPage(
        request, problems: [ImportProblem(row: nil, column: nil, message: error.message)], warnings: [],
        filename: filename, status: .unprocessableContent)
    } catch let error as StoreError {
      return try importPage(
        request, problems: [ImportProblem(row: nil, column: nil, message: error.description)], warnings: [],
        filename: filename, status: .unprocessableContent)
    }
  }

  /// A version's areas with their goals' titles, for the audit log.
  static func auditContent(_ version: ContractVersion) -> [[String: Any]] {
    version.areas.map { ["navn": $0.name, "mål": $0.goals.map(\.title)] }
  }
}
