import Domain

/// Example data after seed 004: Høje-Taastrup Kommune's follow-up on its 2012 contract for Borgerservice og
/// administration and Integrationsområdet, and its 2013 contract, recommended by Borger- og Erhvervsudvalget on
/// 5 September 2012. The goals, targets, adjustments and statuses are the document's, in our own words; the
/// council's dates, meeting references and publication dates are not in the document and are made up (and, like
/// everything here, marked as example data).
enum HoejeTaastrupExample {
  static let code = "0169"
  static let committee = "Borger- og Erhvervsudvalget"

  static func add(to store: Store.Writer, areas: [String: Int64], summary: inout Seeder.Summary) throws {
    let citizenService = try area("Borgerservice og administration", areas)
    let integration = try area("Integrationsområdet", areas)

    // Version 1 (2010): the goals the 2012 follow-up reports on, with their original targets.
    let first = try store.createDraft(
      municipalityCode: code, changeNote: "Første kvalitetskontrakt", isExample: true)
    let service = try store.addArea(versionId: first, serviceAreaId: citizenService, isExample: true)
    let phone = try store.addGoal(versionAreaId: service, phoneGoal)
    let inPerson = try store.addGoal(versionAreaId: service, inPersonGoal)
    try store.addGoal(versionAreaId: service, selfServiceGoal)
    let integrationArea = try store.addArea(versionId: first, serviceAreaId: integration, isExample: true)
    for goal in integrationGoals2012 { try store.addGoal(versionAreaId: integrationArea, goal) }
    try store.adopt(
      versionId: first,
      Adoption(adoptedOn: day(2010, 6, 22), meetingReference: "Byrådet 22.06.2010, punkt 12"))
    try store.publish(versionId: first, on: day(2010, 6, 29))

    // Version 2 (2012): both service targets lowered because of staff reductions.
    let reason = "Målet er justeret på grund af personalereduktioner."
    let adjusted = try store.adjustTarget(
      goalId: phone.id, newTargetValue: 90, reason: reason, on: day(2012, 3, 1), isExample: true)
    try store.adjustTarget(
      goalId: inPerson.id, newTargetValue: 70, reason: reason, on: day(2012, 3, 1), isExample: true)
    try store.adopt(
      versionId: adjusted.versionId,
      Adoption(adoptedOn: day(2012, 3, 27), meetingReference: "Byrådet 27.03.2012, punkt 8"))
    try store.publish(versionId: adjusted.versionId, on: day(2012, 4, 11))

    // The follow-up for budget year 2013, adopted with the 2013 contract before the budget.
    try store.setBudgetAdoption(
      municipalityCode: code, budgetYear: 2013, adoptedOn: day(2012, 10, 9), isExample: true)
    let followUp = try store.createFollowUp(municipalityCode: code, budgetYear: 2013, isExample: true)
    guard let inForce = try store.contractInForce(municipalityCode: code, asOf: day(2012, 9, 25)) else {
      throw StoreError.notFound("Høje-Taastrups kontrakt i kraft 2012-09-25")
    }
    for goal in inForce.version.areas.flatMap(\.goals) {
      try store.setStatus(followUpId: followUp, status2012(for: goal), isExample: true)
    }
    try store.addCommitteeRecommendation(
      followUpId: followUp,
      CommitteeRecommendation(committee: committee, recommendedOn: day(2012, 9, 5), note: "Anbefales."),
      isExample: true)
    try store.adoptFollowUp(
      id: followUp, Adoption(adoptedOn: day(2012, 9, 25), meetingReference: "Byrådet 25.09.2012, punkt 4"))
    try store.publishFollowUp(id: followUp, on: day(2012, 10, 8))

    // Version 3: the 2013 contract.
    let third = try store.createDraft(
      municipalityCode: code, changeNote: "Kvalitetskontrakt 2013", isExample: true)
    guard let draft = try store.version(id: third) else { throw StoreError.notFound("udkast \(third)") }
    for versionArea in draft.areas {
      for goal in versionArea.goals where !keptIn2013.contains(goal.title) {
        try store.removeGoal(id: goal.id)
      }
      if versionArea.serviceAreaId == citizenService {
        try store.addGoal(versionAreaId: versionArea.id, immediateResolutionGoal)
      } else {
        for goal in integrationGoals2013 { try store.addGoal(versionAreaId: versionArea.id, goal) }
      }
    }
    try store.addCommitteeRecommendation(
      versionId: third,
      CommitteeRecommendation(committee: committee, recommendedOn: day(2012, 9, 5), note: "Anbefales."),
      isExample: true)
    try store.adopt(
      versionId: third, Adoption(adoptedOn: day(2012, 9, 25), meetingReference: "Byrådet 25.09.2012, punkt 4")
    )
    try store.publish(versionId: third, on: day(2012, 10, 8))

    summary.versions += 3
    summary.goals += 6 + 5 + 5
    summary.followUps += 1
  }

  private static func area(_ name: String, _ areas: [String: Int64]) throws -> Int64 {
    guard let id = areas[name] else { throw StoreError.notFound("serviceområdet \(name)") }
    return id
  }

  static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    CalendarDate(year: year, month: month, day: day)!
  }

  private static let keptIn2013: Set<String> = [
    "Digital selvbetjening", "Sprogundervisning for flygtninge og indvandrere",
  ]

  private static let phoneGoal = Goal(
    title: "Svartid ved telefoniske henvendelser",
    theme: "Borgerne skal opleve en effektiv telefonservice, når de ringer til kommunen",
    goalText: "95 % af alle telefonopkald besvares inden for 60 sekunder",
    indicator: "Andel opkald besvaret inden for 60 sekunder", unit: "%", baselineValue: 85,
    baselineDate: day(2010, 1, 1), targetValue: 95, targetDate: day(2012, 12, 31), direction: .higher,
    means: "Bemandingen tilpasses det mønster, borgerne henvender sig i", isExample: true)

  private static let inPersonGoal = Goal(
    title: "Ventetid ved personligt fremmøde",
    theme: "Borgere, der møder op i borgerservice, skal kun vente kort",
    goalText: "80 % af alle personlige henvendelser er i gang inden for 5 minutter",
    indicator: "Andel personlige henvendelser påbegyndt inden for 5 minutter", unit: "%", baselineValue: 65,
    baselineDate: day(2010, 1, 1), targetValue: 80, targetDate: day(2012, 12, 31), direction: .higher,
    means: "Flere borgere hjælpes til at bruge de digitale løsninger, så skranken aflastes", isExample: true)

  private static let selfServiceGoal = Goal(
    title: "Digital selvbetjening",
    theme: "Flere borgere skal betjene sig selv digitalt, fx ved lægeskift, sundhedskort og flytning",
    goalText:
      "Mindst 20 % flere borgere bruger ved udgangen af 2012 selvbetjening på udvalgte områder end i 2010",
    indicator: "Brug af selvbetjening på udvalgte områder (indeks, 2010 = 100)", unit: "indeks",
    baselineValue: 100,
    baselineDate: day(2010, 1, 1), targetValue: 120, targetDate: day(2012, 12, 31), direction: .higher,
    means:
      "Kampagner om løsningerne; borgere, der henvender sig ad de gamle veje, vejledes til selvbetjening; "
      + "investering i digitale løsninger", isExample: true)

  private static let integrationGoals2012 = [
    Goal(
      title: "Fritidspas for særligt udsatte børn og unge",
      theme: "Flere udsatte børn og unge skal deltage i organiserede fritidsaktiviteter",
      goalText:
        "Mindst 350 fritidspas uddeles om året, og flere fortsætter som betalende medlemmer efter prøvetiden",
      indicator: "Uddelte fritidspas pr. år", unit: "fritidspas", baselineValue: 0,
      baselineDate: day(2011, 6, 1),
      targetValue: 350, targetDate: day(2012, 6, 1), direction: .higher,
      means:
        "Frikøbte lærere taler med eleverne om fritidsaktiviteter; en fritidsvejleder følger de børn, der "
        + "har brug for det, til og fra aktiviteten og samarbejder med familien", isExample: true),
    Goal(
      title: "Flere frivillige forældre med anden etnisk baggrund end dansk i foreningslivet",
      theme: "Forældre med anden etnisk baggrund end dansk skal involvere sig mere i børnenes fritidsliv",
      goalText: "Mindst 25 % af forældrene med anden etnisk baggrund end dansk deltager aktivt i børnenes "
        + "foreningsaktiviteter",
      indicator: "Andel aktive forældre med anden etnisk baggrund end dansk i udvalgte foreninger", unit: "%",
      baselineValue: 10, baselineDate: day(2010, 9, 1), targetValue: 25, targetDate: day(2012, 12, 31),
      direction: .higher,
      means:
        "Opsøgende arbejde i udvalgte foreninger; forældrene kontaktes og informeres om frivilligt arbejde; "
        + "nye frivillige støttes i en opstartsperiode", isExample: true),
    Goal(
      title: "Sprogundervisning for flygtninge og indvandrere",
      theme:
        "Indvandrere og efterkommere skal have sprog til at deltage i samfunds-, arbejds- og kulturlivet",
      goalText: "Mindst 15 FVU-forløb er gennemført, og erfaringerne er evalueret",
      indicator: "Gennemførte FVU-forløb", unit: "forløb", baselineValue: 0, baselineDate: day(2011, 1, 1),
      targetValue: 15, targetDate: day(2012, 12, 31), direction: .higher,
      means: "Supplerende danskundervisning med tilbud om FVU; efteruddannelse af lærerne", isExample: true),
  ]

  private static let immediateResolutionGoal = Goal(
    title: "Straksafklaring ved telefoniske og personlige henvendelser",
    theme: "Borgerne skal opleve effektiv service, når de ringer eller møder op",
    goalText: "80 % af alle henvendelser afklares med det samme",
    indicator: "Andel henvendelser afklaret ved første kontakt", unit: "%", baselineValue: 60,
    baselineDate: day(2012, 9, 1), targetValue: 80, targetDate: day(2013, 12, 31), direction: .higher,
    means: "Borgerservice deles i generalister og specialister; generalisterne uddannes til at afklare flest "
      + "mulige henvendelser på tværs af fagområder", isExample: true)

  private static let integrationGoals2013 = [
    Goal(
      title: "Øget deltagelse i forenings- og kulturlivet blandt borgere med anden etnisk baggrund",
      theme:
        "Flere borgere med anden etnisk baggrund end dansk skal kende og bruge forenings- og kulturlivet",
      goalText:
        "I 2016 har mindst tre kommunale projekter arbejdet med kendskabet til og lysten til at deltage",
      indicator: "Kommunale projekter om deltagelse i forenings- og kulturlivet", unit: "projekter",
      baselineValue: 0, baselineDate: day(2012, 9, 1), targetValue: 3, targetDate: day(2016, 12, 31),
      direction: .higher,
      means:
        "Projekterne Fritidspasset, Etniske forældre i foreningslivet og Get2Sport samt integrationspuljen",
      isExample: true),
    Goal(
      title: "Foreningers og kulturinstitutioners tilbud afspejler mangfoldigheden",
      theme: "Tilbuddene skal være tilgængelige for alle uanset kulturel baggrund",
      goalText: "I 2016 har mindst 10 institutioner og foreninger været gennem et udviklingsforløb om "
        + "publikumsudvikling og foreningsdeltagelse",
      indicator: "Institutioner og foreninger gennem et udviklingsforløb",
      unit: "institutioner og foreninger",
      baselineValue: 0, baselineDate: day(2012, 9, 1), targetValue: 10, targetDate: day(2016, 12, 31),
      direction: .higher,
      means:
        "Afklaring af en forlængelse af projektet om etniske forældre; midler søges til et udviklingsforløb "
        + "for biblioteker, museer og kulturhuse", isExample: true),
  ]

  private static func status2012(for goal: Goal) -> GoalStatus {
    let measured = day(2012, 8, 31)
    switch goal.title {
    case phoneGoal.title:
      return GoalStatus(
        goalId: goal.id,
        statusText: "Målet er justeret til 90 % på grund af personalereduktioner og overholdes.",
        measuredValue: 90, measuredOn: measured, result: .reached)
    case inPersonGoal.title:
      return GoalStatus(
        goalId: goal.id,
        statusText: "Målet er justeret til 70 % og overholdes. Langt flere borgere betjener sig nu selv.",
        measuredValue: 70, measuredOn: measured, result: .reached)
    case selfServiceGoal.title:
      return GoalStatus(
        goalId: goal.id,
        statusText:
          "Målet er mere end nået, bl.a. for flytninger og pensionsansøgninger. Borgerne visiteres stramt "
          + "til selv- og medbetjening.",
        result: .reached)
    case integrationGoals2012[0].title:
      return GoalStatus(
        goalId: goal.id,
        statusText:
          "Fra 1. juni 2011 til 1. juni 2012 er der uddelt 371 fritidspas, som forventet. Indsatsen er "
          + "koordineret med socialrådgivere, kontaktpersoner, SSP og Gadeplan.",
        measuredValue: 371, measuredOn: day(2012, 6, 1), result: .reached)
    case integrationGoals2012[1].title:
      return GoalStatus(
        goalId: goal.id,
        statusText:
          "Klubberne skulle først gennem et udviklingsforløb. Siden er der kommet 45 nye trænere og "
          + "holdledere, heraf 26 med anden etnisk baggrund end dansk, og 134 nye medlemmer med anden baggrund.",
        result: .partly,
        followUpText: "Projektet evalueres samlet ved udløbet i december 2012, og en forlængelse afklares.")
    default:
      return GoalStatus(
        goalId: goal.id,
        statusText: "Der er gennemført 18 FVU-forløb med 29 prøvedeltagere, fire lærere er efteruddannet, og "
          + "sprogskolen har fået en driftsoverenskomst fra januar 2013.",
        measuredValue: 18, measuredOn: measured, result: .reached)
    }
  }
}
