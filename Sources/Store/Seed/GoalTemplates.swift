/// Goal shapes for generated example contracts, after the examples in the ministry's guidance (seed 001):
/// satisfaction raised from 82 % to 90 % over three years, case times cut by at least 10 % a year, language
/// development improved by 5 % in three years. Each municipality gets its own numbers from a seeded generator.
struct GoalTemplate {
  enum Shape {
    /// From a share (percent) to a higher share over `years` years.
    case raiseShare(from: ClosedRange<Int>, by: ClosedRange<Int>)
    /// A duration or count cut by `percentPerYear` each year.
    case cutYearly(from: ClosedRange<Int>, percentPerYear: ClosedRange<Int>)
    /// An index raised by a number of percent.
    case raiseIndex(byPercent: ClosedRange<Int>)
  }

  let area: String
  let title: String
  let theme: String
  /// The goal in words; `{baseline}`, `{target}`, `{unit}` and `{year}` are filled in.
  let goal: String
  let indicator: String
  let unit: String
  let shape: Shape
  let years: ClosedRange<Int>
  let means: String
}

enum GoalTemplates {
  static let all: [GoalTemplate] = [
    GoalTemplate(
      area: "Ældreområdet", title: "Tilfredshed med hjemmeplejen",
      theme: "Brugerne af ældreplejen skal være tilfredse med den hjælp, de får",
      goal:
        "Andelen af brugere, der er tilfredse eller meget tilfredse med personlig pleje og praktisk hjælp, "
        + "skal øges fra {baseline} {unit} til {target} {unit} inden udgangen af {year}",
      indicator: "Andel tilfredse eller meget tilfredse i den årlige brugerundersøgelse", unit: "%",
      shape: .raiseShare(from: 76...84, by: 5...9), years: 3...3,
      means:
        "Faste hjælpere til den enkelte borger, kortere ventetid på hjælp og opfølgende besøg efter tre måneder"
    ),
    GoalTemplate(
      area: "Ældreområdet", title: "Hverdagsrehabilitering",
      theme: "Ældre skal kunne klare sig selv længst muligt",
      goal:
        "{target} {unit} af nye modtagere af hjemmehjælp skal tilbydes et rehabiliteringsforløb inden {year} "
        + "(i dag {baseline} {unit})",
      indicator: "Andel nye modtagere af hjemmehjælp, der får et rehabiliteringsforløb", unit: "%",
      shape: .raiseShare(from: 40...60, by: 15...25), years: 2...3,
      means: "Træningsterapeuter i alle hjemmeplejegrupper og en fælles visitation"),
    GoalTemplate(
      area: "Dagtilbud", title: "Sproglig udvikling",
      theme: "Børnenes sprog skal styrkes, før de begynder i skole",
      goal:
        "Den sproglige udvikling for børn i kommunens dagtilbud skal forbedres med {delta} {unit} over de næste "
        + "tre år, målt med kommunens sprogvurdering",
      indicator: "Gennemsnitlig score i sprogvurderingen af 3-årige (indeks, {baselineYear} = 100)",
      unit: "indekspoint",
      shape: .raiseIndex(byPercent: 4...6), years: 3...3,
      means: "Sprogvurdering af alle 3-årige, sprogpakker til alle stuer og kurser for pædagogerne"),
    GoalTemplate(
      area: "Dagtilbud", title: "Pasningsgaranti overholdt",
      theme: "Forældre skal kunne regne med en plads til tiden",
      goal: "Mindst {target} {unit} af børnene skal have plads på den ønskede dato inden {year}",
      indicator: "Andel børn, der får plads på den ønskede startdato", unit: "%",
      shape: .raiseShare(from: 85...93, by: 3...6), years: 2...2,
      means: "Bedre prognoser for børnetallet og fleksibel brug af pladserne på tværs af distrikter"),
    GoalTemplate(
      area: "Folkeskole", title: "Læsefærdigheder i 2. klasse",
      theme: "Alle børn skal lære at læse",
      goal:
        "Andelen af elever i 2. klasse, der læser sikkert, skal stige fra {baseline} {unit} til {target} {unit} "
        + "inden {year}",
      indicator: "Andel elever med resultatet 'sikker læser' i den nationale læsetest", unit: "%",
      shape: .raiseShare(from: 70...80, by: 5...10), years: 3...3,
      means: "Læsevejledere på alle skoler, daglig læsetid og tidlig indsats for svage læsere"),
    GoalTemplate(
      area: "Folkeskole", title: "Elevernes trivsel",
      theme: "Eleverne skal trives i skolen",
      goal: "Andelen af elever, der svarer, at de trives i skolen, skal øges fra {baseline} {unit} til "
        + "{target} {unit} inden {year}",
      indicator: "Andel elever, der trives, i den årlige trivselsmåling", unit: "%",
      shape: .raiseShare(from: 80...88, by: 3...6), years: 2...3,
      means: "Klassetrivselsmøder hvert halvår og en antimobbestrategi på hver skole"),
    GoalTemplate(
      area: "Borgerservice og administration", title: "Svartid i telefonen",
      theme: "Borgerne skal opleve en effektiv telefonservice",
      goal: "{target} {unit} af alle telefoniske henvendelser besvares inden for 60 sekunder",
      indicator: "Andel opkald besvaret inden for 60 sekunder", unit: "%",
      shape: .raiseShare(from: 78...88, by: 5...10), years: 1...2,
      means: "Bemandingen tilpasses borgernes henvendelsesmønstre over dagen"),
    GoalTemplate(
      area: "Borgerservice og administration", title: "Digital selvbetjening",
      theme: "Flere borgere skal kunne betjene sig selv digitalt",
      goal:
        "Andelen af flytteanmeldelser, der sker digitalt, skal stige fra {baseline} {unit} til {target} {unit} "
        + "inden udgangen af {year}",
      indicator: "Andel flytteanmeldelser indgivet digitalt", unit: "%",
      shape: .raiseShare(from: 30...50, by: 15...25), years: 2...3,
      means: "Målrettede kampagner og vejledning i borgerservice, når borgeren henvender sig ved skranken"),
    GoalTemplate(
      area: "Integrationsområdet", title: "Danskuddannelse gennemført",
      theme: "Nye borgere skal lære dansk, så de kan deltage i arbejds- og samfundslivet",
      goal:
        "Andelen af kursister, der består en danskprøve inden for tre år, skal øges fra {baseline} {unit} "
        + "til {target} {unit} inden {year}",
      indicator: "Andel kursister, der består en danskprøve inden for tre år", unit: "%",
      shape: .raiseShare(from: 45...60, by: 8...15), years: 3...3,
      means: "Undervisning på flere tidspunkter af dagen og tæt samarbejde med jobcentret"),
    GoalTemplate(
      area: "Integrationsområdet", title: "Fritidsaktiviteter for udsatte børn",
      theme: "Flere udsatte børn og unge skal deltage i foreningslivet",
      goal: "Mindst {target} børn og unge om året skal have et fritidspas inden {year} (i dag {baseline})",
      indicator: "Antal uddelte fritidspas om året", unit: "fritidspas",
      shape: .raiseShare(from: 150...300, by: 40...120), years: 2...3,
      means: "Fritidsvejledere følger barnet til aktiviteten og samarbejder med familien og foreningen"),
    GoalTemplate(
      area: "Beskæftigelse", title: "Hurtigere i job",
      theme: "Ledige skal hurtigt tilbage i arbejde",
      goal:
        "Den gennemsnitlige varighed af et ledighedsforløb skal nedbringes med mindst {percent} % om året "
        + "frem til {year}",
      indicator: "Gennemsnitlig varighed af ledighedsforløb", unit: "uger",
      shape: .cutYearly(from: 20...30, percentPerYear: 5...10), years: 3...4,
      means: "Tidlig samtale i jobcentret og flere virksomhedsrettede tilbud"),
    GoalTemplate(
      area: "Sundhed og forebyggelse", title: "Rygestop",
      theme: "Færre borgere skal ryge",
      goal: "Andelen af deltagere i kommunens rygestopkurser, der er røgfri efter et år, skal stige fra "
        + "{baseline} {unit} til {target} {unit} inden {year}",
      indicator: "Andel røgfri et år efter kurset", unit: "%",
      shape: .raiseShare(from: 20...30, by: 5...10), years: 2...3,
      means: "Rygestopkurser på arbejdspladser og om aftenen, og opfølgende opkald efter tre og seks måneder"),
    GoalTemplate(
      area: "Kultur og fritid", title: "Besøg på bibliotekerne",
      theme: "Bibliotekerne skal være åbne og brugte kulturhuse",
      goal:
        "Antallet af besøg på kommunens biblioteker skal stige fra {baseline} til {target} om året inden {year}",
      indicator: "Besøg på bibliotekerne pr. år (tusinder)", unit: "tusinde besøg",
      shape: .raiseShare(from: 150...400, by: 20...60), years: 3...3,
      means: "Længere åbningstider med selvbetjening og flere arrangementer for børnefamilier"),
    GoalTemplate(
      area: "Teknik og miljø", title: "Genanvendelse af husholdningsaffald",
      theme: "Mere af affaldet skal genanvendes",
      goal:
        "Andelen af husholdningsaffaldet, der genanvendes, skal stige fra {baseline} {unit} til {target} {unit} "
        + "inden {year}",
      indicator: "Andel af husholdningsaffaldet sendt til genanvendelse", unit: "%",
      shape: .raiseShare(from: 22...32, by: 6...12), years: 3...4,
      means: "Sortering ved husstanden og flere genbrugsstationer med længere åbningstid"),
    GoalTemplate(
      area: "Handicap og psykiatri", title: "Sagsbehandlingstid for hjælpemidler",
      theme: "Borgere med handicap skal have en hurtig afgørelse",
      goal:
        "Sagsbehandlingstiden for ansøgninger om hjælpemidler skal nedbringes med mindst {percent} % om året "
        + "frem til {year}",
      indicator: "Gennemsnitlig sagsbehandlingstid for hjælpemidler", unit: "dage",
      shape: .cutYearly(from: 30...60, percentPerYear: 8...12), years: 3...4,
      means: "Digital ansøgning og faste svarfrister for hver sagstype"),
    GoalTemplate(
      area: "Børn og unge med særlige behov", title: "Underretninger behandlet til tiden",
      theme: "Børn i mistrivsel skal hjælpes hurtigt",
      goal: "{target} {unit} af alle underretninger skal være vurderet inden for 24 timer inden {year}",
      indicator: "Andel underretninger vurderet inden for 24 timer", unit: "%",
      shape: .raiseShare(from: 75...88, by: 6...12), years: 2...2,
      means: "En fælles modtagelse af underretninger med faste vagter"),
    GoalTemplate(
      area: "Byggesager", title: "Sagsbehandlingstid for byggesager",
      theme: "Borgere og virksomheder skal have svar hurtigt",
      goal: "Sagsbehandlingstiden for byggesager skal nedbringes med minimum {percent} % om året de kommende "
        + "fire år",
      indicator: "Gennemsnitlig sagsbehandlingstid for byggesager", unit: "dage",
      shape: .cutYearly(from: 40...70, percentPerYear: 10...12), years: 4...4,
      means: "Digital byggeansøgning, forhåndsdialog med ansøgeren og faste sagsbehandlere for erhverv"),
  ]
}
