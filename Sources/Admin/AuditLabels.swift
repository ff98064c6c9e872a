/// Danish words for the audit log's action codes ("goal.update") and entity names ("app_user"). Codes are made of a
/// thing and what happened to it; a code whose thing is unknown is shown as it is.
enum AuditLabels {
  static let actions: [String: String] = [
    "login": "Logget ind",
    "logout": "Logget ud",
    "password.change": "Adgangskode skiftet",
    "user.add": "Bruger oprettet",
    "user.deactivate": "Bruger deaktiveret",
    "user.reactivate": "Bruger genaktiveret",
    "user.password-reset": "Ny engangsadgangskode givet",
    "contract.import": "Udkast udfyldt fra en fil",
    "draft.create": "Udkast oprettet", "draft.discard": "Udkast kasseret",
    "draft.change_note": "Udkastets ændringsnote rettet",
    "draft.area.add": "Serviceområde tilføjet i udkastet",
    "draft.area.move": "Serviceområde flyttet i udkastet",
    "draft.area.remove": "Serviceområde fjernet fra udkastet",
    "draft.goal.add": "Mål tilføjet i udkastet", "draft.goal.update": "Mål rettet i udkastet",
    "draft.goal.move": "Mål flyttet i udkastet", "draft.goal.remove": "Mål fjernet fra udkastet",
    "version.recommendation": "Udvalgets indstilling registreret",
    "version.adopt": "Kontraktversion vedtaget", "version.publish": "Kontraktversion offentliggjort",
    "goal.adjust_target": "Måltal justeret",
    "follow_up.create": "Opfølgning oprettet", "follow_up.update": "Opfølgning rettet",
    "follow_up.adopt": "Opfølgning vedtaget", "follow_up.publish": "Opfølgning offentliggjort",
    "follow_up.discard": "Opfølgning kasseret",
    "rule_calendar.update": "Regelkalenderen ændret",
  ]

  static let things: [String: String] = [
    "user": "Bruger", "password": "Adgangskode", "session": "Session",
    "contract": "Kontrakt", "draft": "Udkast", "version": "Kontraktversion",
    "area": "Serviceområde", "areas": "Serviceområder", "service-area": "Serviceområde",
    "service_area": "Serviceområde", "goal": "Mål", "goals": "Mål", "target": "Måltal",
    "adjustment": "Justering af måltal", "recommendation": "Udvalgets indstilling",
    "committee": "Udvalgets indstilling", "adoption": "Vedtagelse", "publication": "Offentliggørelse",
    "followup": "Opfølgning", "follow-up": "Opfølgning", "follow_up": "Opfølgning",
    "status": "Målstatus", "goal-status": "Målstatus", "goal_status": "Målstatus",
    "budget": "Budgetvedtagelse", "budget-adoption": "Budgetvedtagelse",
    "budget_adoption": "Budgetvedtagelse",
    "import": "Import", "note": "Ændringsnote", "change-note": "Ændringsnote",
    "rule_calendar": "Regelkalenderen", "rule-calendar": "Regelkalenderen",
  ]

  static let verbs: [String: String] = [
    "add": "tilføjet", "create": "oprettet", "new": "oprettet", "update": "rettet", "edit": "rettet",
    "save": "gemt", "change": "ændret", "set": "registreret", "record": "registreret",
    "remove": "fjernet", "delete": "slettet", "discard": "kasseret", "move": "flyttet", "reorder": "flyttet",
    "adopt": "vedtaget", "publish": "offentliggjort", "recommend": "indstillet", "adjust": "justeret",
    "deactivate": "deaktiveret", "reactivate": "genaktiveret", "reset": "nulstillet", "import": "importeret",
    "copy": "kopieret", "status": "status registreret", "note": "note rettet",
  ]

  /// The Danish label of an action code, or nil when its thing is unknown (show the code itself).
  static func action(_ code: String) -> String? {
    if let label = actions[code] { return label }
    let parts = code.split(separator: ".", maxSplits: 1).map(String.init)
    guard let thing = things[parts[0]] else { return nil }
    guard parts.count == 2 else { return thing }
    if let verb = verbs[parts[1]] { return thing + " " + verb }
    let words = parts[1].split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).map(String.init)
    let known = words.compactMap { verbs[$0] }
    return known.count == words.count && !known.isEmpty
      ? thing + " " + known.joined(separator: " og ") : thing + " (" + parts[1] + ")"
  }

  static let entities: [String: String] = [
    "app_user": "bruger", "goal": "mål", "contract": "kontrakt", "contract_version": "kontraktversion",
    "contract_version_area": "serviceområde i kontrakten", "service_area": "serviceområde",
    "follow_up": "opfølgning", "goal_status": "målstatus",
    "committee_recommendation": "udvalgets indstilling",
    "budget_adoption": "budgetvedtagelse", "target_adjustment": "justering af måltal", "import": "import",
    "version": "kontraktversion", "draft": "udkast", "area": "serviceområde", "user": "bruger",
    "rule_calendar": "regelkalenderen",
  ]

  /// "mål 17", or the entity's own name when it has no Danish one.
  static func entity(_ name: String, id: String?) -> String {
    let label = entities[name] ?? name
    guard let id, !id.isEmpty else { return label }
    return label + " " + id
  }
}
