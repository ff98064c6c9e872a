import Domain
import Foundation
import XCTest

@testable import Web

final class ContractImportTests: XCTestCase {
  static let header = [
    "område", "betegnelse", "tema", "mål", "indikator", "enhed", "udgangsværdi", "udgangsdato", "målværdi",
    "måldato", "retning", "veje til målet",
  ]

  /// A complete goal row; `changes` replaces values by header.
  static func row(
    _ area: String = "Folkeskole", _ title: String = "Læsning", _ changes: [String: String] = [:]
  )
    -> [String]
  {
    let values: [String: String] = [
      "område": area, "betegnelse": title, "tema": "Alle børn skal lære mest muligt",
      "mål": "90 % af eleverne læser sikkert i 3. klasse", "indikator": "Andel sikre læsere", "enhed": "%",
      "udgangsværdi": "78", "udgangsdato": "2010-06-01", "målværdi": "90", "måldato": "2013-06-01",
      "retning": "højere", "veje til målet": "Læsevejledere på alle skoler",
    ].merging(changes) { $1 }
    return header.map { values[$0]! }
  }

  static func csv(_ rows: [[String]], header: [String] = header, separator: String = ";") -> [UInt8] {
    Array(([header] + rows).map { $0.joined(separator: separator) }.joined(separator: "\r\n").utf8)
  }

  static func docs(_ name: String) throws -> [UInt8] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return Array(try Data(contentsOf: root.appendingPathComponent("docs").appendingPathComponent(name)))
  }

  private func problems(_ bytes: [UInt8]) -> [ImportProblem] {
    let result = ContractImport.read(bytes)
    XCTAssertEqual(result.areas, [], "nothing is handed on when there is a problem")
    return result.problems
  }

  // MARK: The examples

  func testTheExampleFilesAreValidAndTheSame() throws {
    let csv = ContractImport.read(try Self.docs("import-example.csv"))
    let json = ContractImport.read(try Self.docs("import-example.json"))
    XCTAssertEqual(csv.problems, [])
    XCTAssertEqual(csv.warnings, [])
    XCTAssertEqual(json, csv)
    XCTAssertEqual(csv.areas.map(\.serviceAreaName), ["Borgerservice og administration", "Ældreområdet"])
    XCTAssertEqual(csv.areas.map { $0.goals.map(\.position) }, [[1, 2], [1, 2]])
    let caseTime = csv.areas[0].goals[1]
    XCTAssertEqual(caseTime.title, "Sagsbehandlingstid for byggetilladelser")
    XCTAssertEqual(caseTime.baselineValue, 62.5)
    XCTAssertEqual(caseTime.targetValue, 41)
    XCTAssertEqual(caseTime.direction, .lower)
    XCTAssertEqual(caseTime.targetDate, CalendarDate("2013-12-31"))
    XCTAssertEqual(
      caseTime.means,
      "Digital ansøgning og tjekliste før indsendelse.\nUgentlig opfølgning på sager ældre end 30 dage.")
    XCTAssertEqual(csv.areas[1].goals[0].baselineDate, CalendarDate("2010-03-01"))
    XCTAssertEqual(csv.areas[0].goals[0].means.contains(";"), true)
    // What the Store's adoption check asks of every goal holds for the import as a whole.
    let version = ContractVersion(
      municipalityCode: "0169", number: 1,
      areas: csv.areas.map { VersionArea(name: $0.serviceAreaName, goals: $0.goals) })
    XCTAssertEqual(ContentRules.section2Problems(version), [])
  }

  // MARK: Headers and formats

  func testHeadersInEveryAcceptedSpellingWithCommasAndAByteOrderMark() throws {
    let ascii = [
      "OMRAADE", " Betegnelse ", "tema", "maal", "indikator", "enhed", "udgangsvaerdi", "udgangsdato",
      "malvaerdi", "Maal-dato", "retning", "veje_til_maalet",
    ]
    let bytes = [0xEF, 0xBB, 0xBF] + Self.csv([Self.row()], header: ascii, separator: ",")
    let plain = ContractImport.read(Self.csv([Self.row()]))
    XCTAssertEqual(plain.problems, [])
    XCTAssertEqual(ContractImport.read(bytes), plain)
    let aliases = ["Serviceområde", "Overskrift", "Overordnet målsætning"] + Self.header.dropFirst(3)
    XCTAssertEqual(ContractImport.read(Self.csv([Self.row()], header: aliases)), plain)
  }

  func testTheThemeColumnMayBeLeftOut() throws {
    let header = Self.header.filter { $0 != "tema" }
    let row = Self.row().enumerated().filter { Self.header[$0.offset] != "tema" }.map(\.element)
    let result = ContractImport.read(Self.csv([row], header: header))
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.areas.first?.goals.first?.theme, "")
  }

  func testANumberWithItsUnitIsToldApart() {
    XCTAssertEqual(ImportValueParsing.numberWithUnit("90 %")?.number, "90")
    XCTAssertEqual(ImportValueParsing.numberWithUnit("90 %")?.unit, "%")
    XCTAssertEqual(ImportValueParsing.numberWithUnit("12,5dage")?.number, "12,5")
    XCTAssertEqual(ImportValueParsing.numberWithUnit("12,5dage")?.unit, "dage")
    for other in ["ca. 90", "90", "%", "1.234 kr.", "kr. 100", ""] {
      XCTAssertNil(ImportValueParsing.numberWithUnit(other), other)
    }
  }

  func testAFullFileOfGoalsInOneArea() {
    let rows = (1...4_999).map { Self.row("Folkeskole", "Mål \($0)") }
    let result = ContractImport.read(Self.csv(rows))
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.areas.map(\.goals.count), [4_999])
    XCTAssertEqual(result.areas.first?.goals.last?.position, 4_999)
    XCTAssertEqual(result.warnings.count, 1)
    let tooMany = ContractImport.read(Self.csv(rows + [Self.row("Folkeskole", "Et mål for meget")]))
    XCTAssertEqual(
      tooMany.problems.map(\.message),
      ["Filen har flere end 5.000 linjer. Del den op, eller fjern tomme linjer nederst."])
  }

  func testDirections() {
    XCTAssertEqual(
      ["højere", "Højere", "hoejere", "hojere", "Højere er bedre", "lavere", "LAVERE", "lower"].map {
        ImportValueParsing.direction($0)
      }, [.higher, .higher, .higher, .higher, .higher, .lower, .lower, .lower])
    XCTAssertNil(ImportValueParsing.direction("op"))
  }

  // MARK: Areas

  func testRowsOfAnAreaAreGroupedInTheOrderFirstSeen() {
    let result = ContractImport.read(
      Self.csv([
        Self.row("Folkeskole", "A"), Self.row("Dagtilbud", "B"), Self.blankRow(),
        Self.row(" folkeskole ", "C"),
        Self.row("Dagtilbud", "D"),
      ]))
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.areas.map(\.serviceAreaName), ["Folkeskole", "Dagtilbud"])
    XCTAssertEqual(result.areas.map { $0.goals.map(\.title) }, [["A", "C"], ["B", "D"]])
    XCTAssertEqual(result.areas.map { $0.goals.map(\.position) }, [[1, 2], [1, 2]])
  }

  static func blankRow() -> [String] { Array(repeating: "", count: header.count) }

  func testMoreThanThreeGoalsInAnAreaIsAWarningOnly() {
    let result = ContractImport.read(Self.csv((1...4).map { Self.row("Folkeskole", "Mål \($0)") }))
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.areas.first?.goals.count, 4)
    XCTAssertEqual(
      result.warnings,
      [
        ImportProblem(
          row: 5, column: "område",
          message: "Vejledningen anbefaler få mål (højst 2-3) pr. serviceområde; Folkeskole har 4.")
      ])
  }

  func testADirectionAgainstTheValuesIsAWarning() {
    let result = ContractImport.read(Self.csv([Self.row("Folkeskole", "Læsning", ["retning": "lavere"])]))
    XCTAssertTrue(result.isValid)
    XCTAssertEqual(result.warnings.map(\.row), [2])
    XCTAssertEqual(result.warnings.map(\.column), ["retning"])
    XCTAssertEqual(
      result.warnings.first?.message,
      "Retningen er «lavere», men målværdien (90) er højere end udgangsværdien (78). Er retningen rigtig?")
  }

  // MARK: Problems, each with its row and column

  func testTheBriefsExampleOfANumberThatIsNot() {
    var header = Self.header
    header[8] = "malvaerdi"
    let rows = [Self.row(), Self.row("Folkeskole", "B"), Self.row("Folkeskole", "C", ["målværdi": "ca. 90"])]
    XCTAssertEqual(
      problems(Self.csv(rows, header: header)),
      [
        ImportProblem(
          row: 4, column: "malvaerdi", message: "«ca. 90» er ikke et tal. Skriv fx 90 eller 90,5.")
      ])
  }

  func testEveryEmptyRequiredValueIsNamed() {
    for (index, column) in Self.header.enumerated() where column != "tema" {
      var row = Self.row()
      row[index] = "  "
      let found = problems(Self.csv([Self.row("Dagtilbud", "Først"), row]))
      XCTAssertEqual(found.map(\.row), [3], column)
      XCTAssertEqual(found.map(\.column), [column])
      XCTAssertEqual(found.map(\.message), [ImportValidator.missing(ImportColumn(header: column)!)])
    }
    let short = Array(Self.row().prefix(10))
    XCTAssertEqual(
      problems(Self.csv([short])).map { [$0.row.map(String.init) ?? "-", $0.column ?? "-"] },
      [["2", "retning"], ["2", "veje til målet"]])
  }

  func testValuesThatCannotBeReadAreEachNamed() {
    let row = Self.row(
      "Folkeskole", "Læsning",
      [
        "udgangsværdi": "1.234", "udgangsdato": "31-02-2010", "målværdi": "90 %", "måldato": "2013/06/01",
        "retning": "op",
      ])
    XCTAssertEqual(
      problems(Self.csv([row])),
      [
        ImportProblem(
          row: 2, column: "udgangsværdi",
          message: "«1.234» kan læses både som 1234 og som 1,234. Skriv 1234 eller 1,234."),
        ImportProblem(
          row: 2, column: "udgangsdato",
          message: "«31-02-2010» er ikke en gyldig dato. Skriv fx 2012-12-31 eller 31-12-2012."),
        ImportProblem(
          row: 2, column: "målværdi",
          message: "«90 %»: skriv kun tallet (90). Enheden (%) hører til i kolonnen «enhed»."),
        ImportProblem(
          row: 2, column: "måldato",
          message: "«2013/06/01» er ikke en gyldig dato. Skriv fx 2012-12-31 eller 31-12-2012."),
        ImportProblem(
          row: 2, column: "retning",
          message: "«op» er ikke en retning. Skriv «højere», når et større tal er bedre, ellers «lavere»."),
      ])
  }

  func testTheTargetDateMustComeAfterTheBaseline() {
    let found = problems(Self.csv([Self.row("Folkeskole", "Læsning", ["måldato": "01-06-2010"])]))
    XCTAssertEqual(found.map(\.row), [2])
    XCTAssertEqual(found.map(\.column), ["måldato"])
    XCTAssertTrue(found.first?.message.hasPrefix("Måldatoen") == true)
  }

  func testHeaderProblems() {
    var header = Self.header
    header[2] = "Temaer"  // unknown
    header[4] = "Indikator "
    header.append("indikator")  // twice
    header.remove(at: 5)  // no "enhed"
    let row = Self.row().enumerated().filter { $0.offset != 5 }.map(\.element) + ["x"]
    let found = problems(Self.csv([row], header: header))
    XCTAssertEqual(found.map(\.row), [1, 1, 1])
    XCTAssertEqual(found.map(\.column), ["Temaer", "indikator", "enhed"])
    XCTAssertTrue(
      found[0].message.hasPrefix("Kolonnen «Temaer» kendes ikke. Kolonnerne hedder: område, betegnelse"))
    XCTAssertEqual(found[1].message, "Kolonnen «indikator» står to gange (også som «Indikator»).")
    XCTAssertEqual(found[2].message, "Kolonnen «enhed» mangler i overskriften (række 1).")
  }

  func testContentUnderNoHeaderIsAProblemButEmptyExtraColumnsAreNot() {
    let trailing = Self.row() + ["", " "]
    XCTAssertEqual(ContractImport.read(Self.csv([trailing])).problems, [])
    let found = problems(Self.csv([Self.row(), Self.row("Folkeskole", "B") + ["", "glemt"]]))
    XCTAssertEqual(found.map(\.row), [3])
    XCTAssertEqual(found.map(\.column), ["kolonne N"])
    XCTAssertEqual(ContractImport.excelColumn(0), "A")
    XCTAssertEqual(ContractImport.excelColumn(25), "Z")
    XCTAssertEqual(ContractImport.excelColumn(26), "AA")
    XCTAssertEqual(ContractImport.excelColumn(99), "CV")
  }

  func testTheSameTitleTwiceInAnAreaAndOverlongNames() {
    let long = String(repeating: "x", count: 201)
    let found = problems(
      Self.csv([
        Self.row("Folkeskole", "Læsning"), Self.row("Dagtilbud", "Læsning"),
        Self.row("FOLKESKOLE", "læsning "),
        Self.row(long, "Trivsel"), Self.row("Folkeskole", String(repeating: "y", count: 200)),
      ]))
    XCTAssertEqual(found.map(\.row), [4, 5])
    XCTAssertEqual(found.map(\.column), ["betegnelse", "område"])
    XCTAssertEqual(
      found[0].message,
      "Området «Folkeskole» har allerede et mål med betegnelsen «Læsning» (række 2). Giv målene hver sin betegnelse."
    )
    XCTAssertEqual(
      found[1].message, "Teksten er for lang til en overskrift: højst 200 tegn (den har 201).")
  }

  func testEmptyFilesAndFilesWithoutGoals() {
    XCTAssertTrue(problems([]).first?.message.hasPrefix("Filen er tom.") == true)
    XCTAssertTrue(problems([0xEF, 0xBB, 0xBF, 0x0D, 0x0A]).first?.message.hasPrefix("Filen er tom.") == true)
    XCTAssertEqual(
      problems(Self.csv([Self.blankRow()])),
      [
        ImportProblem(
          row: nil, column: nil,
          message: "Filen indeholder ingen mål. Skriv ét mål pr. række under overskrifterne.")
      ])
  }

  func testAFileTheReaderRefusesIsOneProblem() {
    let found = problems(Self.csv([Self.row()]) + [0x0A, 0xE6, 0x3B])
    XCTAssertEqual(found.count, 1)
    XCTAssertNil(found.first?.row)
    XCTAssertTrue(found.first?.message.hasPrefix("Linje 3 er ikke gyldig UTF-8") == true)
  }

  func testRowsCountAsExcelCountsThemPastLineBreaksInCells() {
    let rows = [
      Self.row("Folkeskole", "A", ["veje til målet": "\"to\nlinjer\""]),
      Self.row("Folkeskole", "B", ["enhed": ""]),
    ]
    XCTAssertEqual(problems(Self.csv(rows)).map(\.row), [3])
  }

  func testTheListOfProblemsIsBounded() {
    let rows = (1...150).map { Self.row("Folkeskole", "Mål \($0)", ["enhed": "", "retning": ""]) }
    let found = problems(Self.csv(rows))
    XCTAssertEqual(found.count, ContractImport.maximumProblems + 1)
    XCTAssertEqual(found.last?.message, "… og 100 problemer mere. Ret dem ovenfor, og prøv igen.")
  }

  // MARK: JSON

  private func json(_ object: Any) throws -> [UInt8] {
    Array(try JSONSerialization.data(withJSONObject: object))
  }

  private func jsonGoal(_ changes: [String: Any] = [:]) -> [String: Any] {
    var goal: [String: Any] = [:]
    for (name, value) in zip(Self.header, Self.row()) where name != "område" { goal[name] = value }
    return goal.merging(changes) { $1 }
  }

  func testJSONReadsLikeTheCSV() throws {
    let csv = ContractImport.read(
      Self.csv([Self.row("Folkeskole", "A"), Self.row("Dagtilbud", "B"), Self.row("Folkeskole", "C")]))
    let document: [String: Any] = [
      "omraader": [
        ["navn": "Folkeskole", "maal": [jsonGoal(["betegnelse": "A"])]],
        ["navn": "Dagtilbud", "mål": [jsonGoal(["betegnelse": "B", "målværdi": 90])]],
        ["navn": "folkeskole", "Mål": [jsonGoal(["betegnelse": "C", "udgangsværdi": "78,0"])]],
      ]
    ]
    XCTAssertEqual(ContractImport.read(try json(document)), csv)
    XCTAssertTrue(csv.isValid)
  }

  func testJSONProblemsNameTheirPlace() throws {
    var missing = jsonGoal(["målværdi": "ca. 90", "enhed": 5, "retning": true, "farve": "blå"])
    missing["veje til målet"] = nil
    let document: [String: Any] = [
      "områder": [
        ["navn": "Folkeskole", "mål": [jsonGoal(), missing]],
        ["navn": "Dagtilbud", "mål": []],
        ["navn": "", "mål": [jsonGoal(["udgangsdato": 20_100_601])]],
        "Sundhed",
      ],
      "version": 2,
    ]
    let found = problems(try json(document))
    XCTAssertEqual(found.map(\.row), Array(repeating: nil, count: found.count))
    XCTAssertEqual(
      found.map(\.column),
      [
        "version", "områder[1].mål[2].farve", "områder[1].mål[2].enhed", "områder[1].mål[2].målværdi",
        "områder[1].mål[2].retning", "områder[1].mål[2].veje til målet", "områder[2].mål", "områder[3].navn",
        "områder[3].mål[1].udgangsdato", "områder[4]",
      ])
    XCTAssertEqual(found[3].message, "«ca. 90» er ikke et tal. Skriv fx 90 eller 90,5.")
    XCTAssertEqual(found[5].message, ImportValidator.missing(.means))
    XCTAssertEqual(found[6].message, "Området har ingen mål; §2 kræver mindst ét mål for hvert område.")
  }

  func testJSONOfTheWrongShape() throws {
    XCTAssertTrue(
      problems(Array("{\"områder\": [".utf8)).first?.message.hasPrefix("Filen er ikke gyldig JSON") == true)
    XCTAssertEqual(problems(try json(["mål": []])).map(\.column), ["mål", "områder"])
    XCTAssertEqual(problems(try json(["områder": ["navn": "x"]])).map(\.column), ["områder"])
    XCTAssertEqual(
      problems(try json(["områder": [["navn": "Folkeskole"]]])).map(\.column), ["områder[1].mål"])
    XCTAssertEqual(
      problems(try json(["områder": []])).map(\.message),
      ["Filen indeholder ingen mål. Skriv ét mål pr. række under overskrifterne."])
    XCTAssertEqual(
      problems(try json(["områder": [["navn": "Folkeskole", "mål": [jsonGoal(["område": "Folkeskole"])]]]]))
        .map(\.column), ["områder[1].mål[1].område"])
  }

  func testTheFormatIsToldByTheFirstCharacter() throws {
    let document = try json(["områder": [["navn": "Folkeskole", "mål": [jsonGoal()]]]])
    XCTAssertEqual(
      ContractImport.read([0xEF, 0xBB, 0xBF, 0x20, 0x0A] + document), ContractImport.json(document))
    XCTAssertTrue(ContractImport.read(document).isValid)
    XCTAssertEqual(ContractImport.read(Self.csv([Self.row()])), ContractImport.csv(Self.csv([Self.row()])))
  }
}
