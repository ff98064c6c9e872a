import Domain
import Store

/// The Danish sentences for one municipality's findings; dates in ISO form ("2011-02-28").
struct MunicipalityPhrases: Sendable {
  var facts: MunicipalityFacts
  var asOf: CalendarDate
  var calendar: RuleCalendar

  /// "§6", or "§8, stk. 2" for the first contract.
  static func paragraph(_ rule: ComplianceRule) -> String {
    rule == .firstContract ? "§8, stk. 2" : rule.rule.rawValue
  }

  /// Why the §4 deadline for `year` is what it is.
  func dueReason(_ year: Int) -> String {
    if facts.budgetAdoptions[year] != nil {
      return "den dag budgettet for \(year) blev vedtaget"
    }
    return "kalenderens frist \(calendar.followUpDefaultDue.inYear(year - 1).danishText), "
      + "da der ikke er registreret en budgetvedtagelse"
  }

  private func text(_ date: CalendarDate?) -> String { date?.description ?? "ukendt dato" }

  private func followUpName(_ year: Int?) -> String {
    "Opfølgningsredegørelsen for budgetåret \(year.map(String.init) ?? "–")"
  }

  // MARK: Violations

  func violation(_ finding: ComplianceFinding, due: CalendarDate?, actual: CalendarDate?) -> String {
    let year = finding.budgetYear
    switch finding.rule {
    case .contractInForce:
      return "Kommunen har ingen offentliggjort kvalitetskontrakt pr. \(asOf); den første skulle være "
        + "offentliggjort senest \(text(due)) (§3)."
    case .firstContract:
      guard let actual else {
        return "Den første kvalitetskontrakt er ikke offentliggjort; fristen var \(text(due)) (§8, stk. 2)."
      }
      let first = facts.versions.first { $0.publishedOn == actual }
      let adopted = first?.adoption.map { " blev vedtaget \($0.adoptedOn) og" } ?? " blev"
      let name = first.map { " (version \($0.number))" } ?? ""
      return
        "Den første kvalitetskontrakt\(name)\(adopted) offentliggjort \(actual); fristen var \(text(due)) "
        + "(§8, stk. 2)."
    case .contractComplete:
      let inForce = facts.versionInForce(asOf: asOf)
      let name = inForce.map { " (version \($0.number), offentliggjort \(text($0.publishedOn)))" } ?? ""
      return
        "Den gældende kontrakt\(name) har ikke mål med tal og veje til målet for hvert serviceområde (§2)."
    case .contractPublishedOnTime:
      let version = facts.version(publicationDue: due, published: actual, asOf: asOf)
      let name =
        version.map { "Kontrakten (version \($0.number)) blev vedtaget \(text($0.adoption?.adoptedOn))" }
        ?? "En vedtaget version af kontrakten blev"
      if let actual {
        return "\(name) og offentliggjort \(actual); fristen var \(text(due)) (§6)."
      }
      return "\(name) og er ikke offentliggjort; fristen var \(text(due)) (§6)."
    case .followUpAdoptedOnTime:
      let reason = year.map { " (\(dueReason($0)))" } ?? ""
      if let actual {
        return "\(followUpName(year)) blev vedtaget \(actual); fristen var \(text(due))\(reason) (§4)."
      }
      return "\(followUpName(year)) er ikke vedtaget; fristen var \(text(due))\(reason) (§4)."
    case .followUpComplete:
      if let actual {
        return
          "\(followUpName(year)) blev vedtaget \(actual), men dækker ikke alle mål i den kontrakt, der var "
          + "gældende den dag (§5)."
      }
      return "\(followUpName(year)) er ikke vedtaget, så kontraktens mål er ikke fulgt op; den skulle være "
        + "vedtaget senest \(text(due)) (§5)."
    case .followUpPublishedOnTime:
      guard let year, let (_, adopted) = facts.adoptedFollowUp(year, asOf: asOf) else {
        return
          "\(followUpName(year)) er hverken vedtaget eller offentliggjort; den skulle være vedtaget senest "
          + "\(text(due)) og offentliggjort senest en måned efter (§6)."
      }
      if let actual {
        return "\(followUpName(year)) blev vedtaget \(adopted) og offentliggjort \(actual); fristen var "
          + "\(text(due)) (§6)."
      }
      return
        "\(followUpName(year)) blev vedtaget \(adopted) og er ikke offentliggjort; fristen var \(text(due)) (§6)."
    }
  }

  // MARK: Briefly

  func met(_ finding: ComplianceFinding) -> String {
    let year = finding.budgetYear
    switch finding.rule {
    case .contractInForce:
      let inForce = facts.versionInForce(asOf: asOf)
      return "Der er en gældende kvalitetskontrakt" + (inForce.map { " (version \($0.number))" } ?? "") + "."
    case .firstContract:
      return "Den første kvalitetskontrakt blev offentliggjort senest \(calendar.firstContractDeadline)."
    case .contractComplete:
      return "Den gældende kontrakt har mål med tal og veje til målet for hvert serviceområde."
    case .contractPublishedOnTime:
      return "Hver vedtaget version er offentliggjort senest en måned efter vedtagelsen."
    case .followUpAdoptedOnTime:
      let adopted = year.flatMap { facts.adoptedFollowUp($0, asOf: asOf) }.map { " (\($0.1))" } ?? ""
      return "\(followUpName(year)) blev vedtaget til tiden\(adopted)."
    case .followUpComplete:
      return "\(followUpName(year)) dækker alle kontraktens mål."
    case .followUpPublishedOnTime:
      let published = year.flatMap { facts.adoptedFollowUp($0, asOf: asOf)?.0.publishedOn }
      return "\(followUpName(year)) blev offentliggjort til tiden" + (published.map { " (\($0))" } ?? "")
        + "."
    }
  }

  func pending(_ finding: ComplianceFinding, due: CalendarDate?) -> String {
    let year = finding.budgetYear
    switch finding.rule {
    case .contractInForce:
      return "En kvalitetskontrakt skal være offentliggjort senest \(text(due))."
    case .firstContract:
      return "Den første kvalitetskontrakt skal vedtages og offentliggøres senest \(text(due))."
    case .contractComplete:
      return "Den gældende kontrakt skal have mål med tal og veje til målet for hvert serviceområde."
    case .contractPublishedOnTime:
      let version = facts.version(publicationDue: due, published: nil, asOf: asOf)
      let name =
        version.map { "Version \($0.number), vedtaget \(text($0.adoption?.adoptedOn))," }
        ?? "Den vedtagne kontrakt"
      return "\(name) skal offentliggøres senest \(text(due))."
    case .followUpAdoptedOnTime:
      let reason = year.map { " (\(dueReason($0)))" } ?? ""
      return "\(followUpName(year)) skal vedtages senest \(text(due))\(reason)."
    case .followUpComplete:
      return "\(followUpName(year)) skal dække alle kontraktens mål, når den vedtages (senest \(text(due)))."
    case .followUpPublishedOnTime:
      if let year, let (_, adopted) = facts.adoptedFollowUp(year, asOf: asOf) {
        return "\(followUpName(year)), vedtaget \(adopted), skal offentliggøres senest \(text(due))."
      }
      return "\(followUpName(year)) skal offentliggøres senest en måned efter vedtagelsen (vedtages senest "
        + "\(text(due)))."
    }
  }

  func notApplicable(_ finding: ComplianceFinding) -> String {
    switch finding.rule {
    case .contractInForce:
      return "Pligten til en kvalitetskontrakt ophørte \(calendar.dutyEndsOn)."
    case .contractComplete:
      return "Der er ingen gældende kontrakt at vurdere."
    case .contractPublishedOnTime:
      return "Ingen version er vedtaget, mens pligten gjaldt."
    default:
      return "Reglen gælder ikke for kommunen pr. \(asOf)."
    }
  }
}
