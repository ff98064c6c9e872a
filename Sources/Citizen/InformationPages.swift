import Domain
import HTTP
import Web

extension CitizenSite {
  /// About the contracts and the accessibility statement.
  func registerInformationPages(on router: inout Router) {
    router.get(
      "/om",
      cached { _ in
        let calendar = try store.ruleCalendar()
        return try page(
          "citizen/about", title: "Om kvalitetskontrakter", nav: "about",
          crumbs: [Crumb(label: "Om kvalitetskontrakter")],
          [
            "firstContractDeadline": .string(DanishFormat.date(calendar.firstContractDeadline)),
            "firstFollowUpBudgetYear": .int(calendar.firstFollowUpBudgetYear),
            "dutyEnds": .string(DanishFormat.date(calendar.dutyEndsOn)),
            "defaultDue": .string(DanishFormat.monthDay(calendar.followUpDefaultDue)),
          ])
      })
    router.get(
      "/tilgaengelighed",
      cached { _ in
        try page(
          "citizen/accessibility", title: "Tilgængelighedserklæring",
          crumbs: [Crumb(label: "Tilgængelighedserklæring")])
      })
  }
}
