import Domain
import HTTP
import Store
import Web

extension AdminSite {
  func registerDraftAreaRoutes(on routes: inout AdminRoutes, under draft: String) {
    routes.post(draft + "/omraader", .staff) { request in try addDraftArea(request) }
    routes.get(draft + "/omraader/:area/fjern", .staff) { request in try confirmRemoveArea(request) }
    routes.post(draft + "/omraader/:area/fjern", .staff) { request in try removeDraftArea(request) }
    routes.post(draft + "/omraader/:area/flyt", .staff) { request in try moveDraftArea(request) }
  }

  /// The area `id` of the draft; 404 when it belongs to another version or municipality, or does not exist.
  static func area(_ id: Int64, in draft: ContractVersion) throws -> VersionArea {
    guard let area = draft.areas.first(where: { $0.id == id }) else {
      throw AdminError.notFound("Serviceområdet")
    }
    return area
  }

  /// Adds a service area chosen from the list (national or the municipality's own), or the municipality's own area
  /// typed as a new name (one already on the list by that name is used instead of a second with the same name).
  func addDraftArea(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    var input = AreaFormInput(selected: request.field("omraade"), newName: request.field("nyt_omraade"))
    let draft = try requireDraft(request)
    var chosen: ServiceArea?
    if !input.selected.isEmpty {
      chosen = try Int64(input.selected).flatMap { try store.serviceArea(id: $0) }
      if chosen == nil || (chosen?.municipalityCode != nil && chosen?.municipalityCode != code) {
        input.errors.add("omraade", "Vælg et serviceområde fra listen.")
      }
    } else if input.newName.isEmpty {
      input.errors.add(
        "omraade", "Vælg et serviceområde fra listen, eller skriv navnet på kommunens eget i feltet nedenfor."
      )
    } else if input.newName.count > 100 {
      input.errors.add("nyt_omraade", "Gør navnet kortere: højst 100 tegn (nu \(input.newName.count)).")
    }
    if let chosen, draft.areas.contains(where: { $0.serviceAreaId == chosen.id }) {
      input.errors.add("omraade", "\(chosen.name) er allerede med i udkastet. Vælg et andet serviceområde.")
    } else if chosen == nil, input.errors.isEmpty,
      let existing = draft.areas.first(where: { $0.name.lowercased() == input.newName.lowercased() })
    {
      input.errors.add("nyt_omraade", "\(existing.name) er allerede med i udkastet. Skriv et andet navn.")
    }
    guard input.errors.isEmpty else {
      return try draftEditor(request, status: .unprocessableContent, areaForm: input)
    }
    let newName = input.newName
    let chosenId = chosen?.id
    return try draftChange(request, redirect: Self.draftPath(code)) { writer in
      let draft = try Self.requireDraft(writer, code)
      let serviceAreaId: Int64
      var created = false
      if let chosenId {
        serviceAreaId = chosenId
      } else if let existing = try writer.serviceArea(named: newName, municipalityCode: code) {
        serviceAreaId = existing.id
      } else {
        serviceAreaId = try writer.addServiceArea(name: newName, municipalityCode: code)
        created = true
      }
      guard !draft.areas.contains(where: { $0.serviceAreaId == serviceAreaId }) else {
        throw StoreError.invalid("serviceområdet er allerede med i udkastet")
      }
      let id = try writer.addArea(versionId: draft.id, serviceAreaId: serviceAreaId)
      let name = try writer.serviceArea(id: serviceAreaId)?.name ?? newName
      return AdminChange(
        "draft.area.add", entity: "contract_version_area", id: id,
        after: [
          "version": draft.number, "serviceAreaId": serviceAreaId, "name": name,
          "newOwnArea": created, "position": draft.areas.count + 1,
        ], redirect: Self.draftPath(code, "#omraade-\(id)"))
    }
  }

  func confirmRemoveArea(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let draft = try requireDraft(request)
    let area = try Self.area(try request.id("area"), in: draft)
    let goals = area.goals.map(\.title)
    return try page(
      "admin/draft-confirm", title: "Fjern \(area.name)", for: request,
      [
        "heading": .string("Fjern \(area.name) fra udkastet?"),
        "text": .string(
          goals.isEmpty
            ? "Området har ingen mål."
            : "Områdets \(goals.count == 1 ? "mål" : "\(goals.count) mål") fjernes også:"),
        "items": .array(goals.map(TemplateValue.string)),
        "action": .string(Self.draftPath(code, "/omraader/\(area.id)/fjern")),
        "button": .string(
          "Fjern \(area.name) og \(goals.count == 1 ? "dets mål" : "dets \(goals.count) mål")"),
        "back": .string(Self.draftPath(code, "#omraade-\(area.id)")), "tokens": request.formTokens(),
      ])
  }

  func removeDraftArea(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let areaId = try request.id("area")
    return try draftChange(request, redirect: Self.draftPath(code)) { writer in
      let draft = try Self.requireDraft(writer, code)
      let area = try Self.area(areaId, in: draft)
      try writer.removeArea(versionAreaId: area.id)
      return AdminChange(
        "draft.area.remove", entity: "contract_version_area", id: area.id,
        before: [
          "version": draft.number, "name": area.name, "position": area.position,
          "goals": area.goals.map(Self.auditValue),
        ])
    }
  }

  enum MoveDirection: String {
    case up = "op"
    case down = "ned"

    init(_ request: AdminRequest) throws {
      guard let direction = MoveDirection(rawValue: request.field("retning")) else {
        throw AdminError(.badRequest, "Vælg, om der skal flyttes op eller ned.")
      }
      self = direction
    }

    /// `ids` with the one at `index` swapped with its neighbour; nil at the edge.
    func moved(_ ids: [Int64], at index: Int) -> [Int64]? {
      let target = self == .up ? index - 1 : index + 1
      guard ids.indices.contains(target) else { return nil }
      var result = ids
      result.swapAt(index, target)
      return result
    }
  }

  func moveDraftArea(_ request: AdminRequest) throws -> Response {
    let code = try request.code
    let areaId = try request.id("area")
    let direction = try MoveDirection(request)
    return try draftChange(request, redirect: Self.draftPath(code, "#omraade-\(areaId)")) { writer in
      let draft = try Self.requireDraft(writer, code)
      let area = try Self.area(areaId, in: draft)
      let ids = draft.areas.map(\.id)
      let index = ids.firstIndex(of: area.id)!
      let order = direction.moved(ids, at: index) ?? ids
      try writer.reorderAreas(versionId: draft.id, areaIds: order)
      return AdminChange(
        "draft.area.move", entity: "contract_version_area", id: area.id,
        before: ["name": area.name, "position": index + 1],
        after: ["name": area.name, "position": order.firstIndex(of: area.id)! + 1])
    }
  }
}
