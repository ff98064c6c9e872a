import Domain
import HTTP
import Store
import Web

extension AdminSite {
  /// The contract draft: create, areas and goals, reorder, remove, preview, discard.
  static let draftPageNames: [String] = [
    "admin/draft", "admin/draft-none", "admin/draft-goal", "admin/draft-confirm",
  ]

  func registerDraftRoutes(on routes: inout AdminRoutes) {
    let draft = "/admin/kommune/:code/udkast"
    routes.get(draft, .staff) { request in try draftEditor(request) }
    routes.post(draft, .staff) { request in try createDraft(request) }
    routes.post(draft + "/aendring", .staff) { request in try saveChangeNote(request) }
    routes.get(draft + "/forhaandsvisning", .staff) { request in try previewDraft(request) }
    routes.get(draft + "/kasser", .staff) { request in try confirmDiscard(request) }
    routes.post(draft + "/kasser", .staff) { request in try discardDraft(request) }
    registerDraftAreaRoutes(on: &routes, under: draft)
    registerDraftGoalRoutes(on: &routes, under: draft)
  }

  static func draftPath(_ code: String, _ rest: String = "") -> String {
    "/admin/kommune/\(code)/udkast" + rest
  }

  /// The municipality's draft for a page that needs one: 404 with a way on when there is none.
  func requireDraft(_ request: AdminRequest) throws -> ContractVersion {
    guard let draft = try store.draft(municipalityCode: try request.code) else {
      throw AdminError(
        .notFound, "Kommunen har intet udkast til kvalitetskontrakten. Opret et fra siden Kontrakt.")
    }
    return draft
  }

  /// The draft as the change's transaction sees it: 404 when there is none (discarded or adopted meanwhile).
  static func requireDraft(_ writer: Store.Writer, _ code: String) throws -> ContractVersion {
    guard let draft = try writer.draft(municipalityCode: code) else {
      throw AdminError(.notFound, "Kommunen har intet udkast til kvalitetskontrakten.")
    }
    return draft
  }

  /// Runs a change to the draft; a rule the Store enforces comes back as the editor with the rule's message.
  func draftChange(
    _ request: AdminRequest, redirect: String, _ body: (Store.Writer) throws -> AdminChange
  ) throws -> Response {
    do {
      return try perform(request, redirect: redirect, body)
    } catch {
      guard RuleViolation(naming: error) != nil || error is StoreError else { throw error }
      return try draftEditor(request, status: .conflict, message: Self.refusal(error))
    }
  }

  /// A refused change in words for the editor: what the rule says and what to do instead.
  static func refusal(_ error: any Error) -> String {
    if let violation = RuleViolation(naming: error) {
      if violation.rule == .section3 {
        return "Ændringen blev ikke gemt: \(violation.message). Vedtagne versioner kan ikke ændres; "
          + "ret i udkastet, eller opret et nyt udkast."
      }
      return "Ændringen blev ikke gemt: \(violation.message)."
    }
    return "Ændringen blev ikke gemt (\(error)). Genindlæs siden, og prøv igen."
  }

  // MARK: Create, change note, preview, discard

  func createDraft(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let editor = Self.draftPath(code)
    do {
      return try perform(request, redirect: editor) { writer in
        let id = try writer.createDraft(municipalityCode: code)
        let draft = try writer.version(id: id)
        return AdminChange(
          "draft.create", entity: "contract_version", id: id,
          after: [
            "number": draft?.number ?? 0, "basedOn": draft?.basedOn ?? 0,
            "areas": draft?.areas.count ?? 0, "goals": draft?.areas.reduce(0) { $0 + $1.goals.count } ?? 0,
          ])
      }
    } catch let error where RuleViolation(naming: error)?.rule == .section3 {
      // Another form (another tab, a colleague) created the draft first: work on in that one.
      return Self.redirect(editor + "?findes=1")
    }
  }

  static let maximumChangeNoteLength = 2_000

  func saveChangeNote(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let note = request.field("aendring")
    guard note.count <= Self.maximumChangeNoteLength else {
      var errors = FormErrors()
      errors.add(
        "aendring",
        "Gør teksten kortere: højst \(Self.maximumChangeNoteLength) tegn (nu \(note.count)). Skriv kort, hvad der er ændret."
      )
      return try draftEditor(
        request, status: .unprocessableContent, changeNote: (note, errors))
    }
    return try draftChange(request, redirect: Self.draftPath(code, "#aendring")) { writer in
      let draft = try Self.requireDraft(writer, code)
      try writer.setChangeNote(versionId: draft.id, note)
      return AdminChange(
        "draft.change_note", entity: "contract_version", id: draft.id,
        before: ["changeNote": draft.changeNote],
        after: ["changeNote": note])
    }
  }

  func previewDraft(_ request: AdminRequest) throws -> Response {
    var response = try previews.contract(try requireDraft(request).id)
    response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
    return response
  }

  func confirmDiscard(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let draft = try requireDraft(request)
    let goals = draft.areas.reduce(0) { $0 + $1.goals.count }
    return try page(
      "admin/draft-confirm", title: "Kassér udkastet", for: request,
      [
        "heading": .string("Kassér udkastet til version \(draft.number)?"),
        "text": .string(
          "Udkastet slettes med alle dets \(draft.areas.count) serviceområder og \(goals) mål. "
            + "Den gældende version og alle vedtagne versioner berøres ikke. Det kan ikke fortrydes."),
        "items": .array([]),
        "action": .string(Self.draftPath(code, "/kasser")),
        "button": .string("Kassér udkastet til version \(draft.number)"),
        "back": .string(Self.draftPath(code)), "tokens": request.formTokens(),
      ])
  }

  func discardDraft(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    return try draftChange(request, redirect: "/admin/kommune/\(code)") { writer in
      let draft = try Self.requireDraft(writer, code)
      try writer.discardDraft(versionId: draft.id)
      return AdminChange(
        "draft.discard", entity: "contract_version", id: draft.id,
        before: [
          "number": draft.number, "changeNote": draft.changeNote,
          "areas": draft.areas.map(\.name), "goals": draft.areas.flatMap { $0.goals.map(\.title) },
        ])
    }
  }
}
