// Times one citizen page through the CitizenSite router, in process: the median server-side time to answer it
// uncached (site revision, render and validators, with every page cache bypassed), the same from the cache, and
// `Store.siteRevision()` alone. Run by Benchmarks/pages.sh; see `page-benchmark --help`.
import BenchmarkOptions
import Citizen
import Domain
import Foundation
import HTTP
import Store
import Web

let usage = """
  usage: page-benchmark --database FILE [--path /kommune/0169] [--municipality 0169] [--iterations 2000]
                        [--templates Templates] [--public Public] [--prepare 3x3]
  An empty database is seeded first. With --prepare 3x3, the municipality gets a new published version of three
  service areas with three goals each (and a published follow-up with a measured status for each goal), so the
  page is the one the benchmark goal names. Prints medians in µs; exits 1 when the page does not answer 200.

  """

let options = BenchmarkOptions(usage: usage)
let databasePath = options.databasePath
let path = options["path"] ?? "/kommune/0169"
let iterations = max(10, Int(options["iterations"] ?? "") ?? 2000)

let store = try Store.open(path: databasePath, readers: 1)
if try store.isEmpty() { _ = try Seeder.seed(store) }

/// A new version of three areas × three goals, adopted and published today, with a published follow-up for next
/// year measuring every goal: example data, like everything the seed makes.
func prepareThreeByThree(_ store: Store, code: String) throws {
  let today = try store.today()
  let areas = try store.serviceAreas().filter { $0.municipalityCode == nil }.prefix(3)
  let adoption = Adoption(adoptedOn: today, meetingReference: "Byrådet \(today.danishNumeric), punkt 1")
  if let draft = try store.draft(municipalityCode: code) { try store.discardDraft(versionId: draft.id) }
  let version = try store.createDraft(
    municipalityCode: code, changeNote: "Benchmark: 3 × 3 mål", isExample: true)
  for area in try store.version(id: version)?.areas ?? [] { try store.removeArea(versionAreaId: area.id) }
  var goals: [Goal] = []
  for area in areas {
    let versionArea = try store.addArea(versionId: version, serviceAreaId: area.id, isExample: true)
    for number in 1...3 {
      goals.append(
        try store.addGoal(
          versionAreaId: versionArea,
          Goal(
            title: "\(area.name): mål \(number)", theme: "Bedre service på området \(area.name.lowercased())",
            goalText: "Mindst \(80 + number * 5) % af borgerne er tilfredse med \(area.name.lowercased())",
            indicator: "Andel tilfredse i den årlige brugerundersøgelse", unit: "%", baselineValue: 70,
            baselineDate: CalendarDate(year: today.year - 3, month: 1, day: 1),
            targetValue: Double(80 + number * 5),
            targetDate: CalendarDate(year: today.year + 2, month: 12, day: 31),
            direction: .higher,
            means: "Faste kontaktpersoner, kortere ventetid og en opfølgning hvert kvartal med brugerne",
            isExample: true)))
    }
  }
  try store.adopt(versionId: version, adoption)
  try store.publish(versionId: version, on: today)
  let budgetYear = today.year + 1
  if let old = try store.followUps(municipalityCode: code).first(where: { $0.budgetYear == budgetYear }),
    old.adoption == nil
  {
    try store.discardFollowUp(id: old.id)
  }
  let followUp = try store.createFollowUp(municipalityCode: code, budgetYear: budgetYear, isExample: true)
  for (index, goal) in goals.enumerated() {
    let measured = 72 + Double(index * 2)
    try store.setStatus(
      followUpId: followUp,
      GoalStatus(
        goalId: goal.id, statusText: "Tilfredsheden er steget til \(Int(measured)) %.",
        measuredValue: measured,
        measuredOn: today, result: measured >= (goal.targetValue ?? 0) ? .reached : .notReached,
        followUpText: measured >= (goal.targetValue ?? 0)
          ? "" : "Indsatsen fortsætter med flere kontaktpersoner."),
      isExample: true)
  }
  try store.adoptFollowUp(id: followUp, adoption)
  try store.publishFollowUp(id: followUp, on: today)
}
// What the page shows: the municipality's version in force, area by area.
let lastSegment = path.split(separator: "/").last.map(String.init) ?? ""
let code =
  options["municipality"] ?? String(repeating: "0", count: max(0, 4 - lastSegment.count)) + lastSegment
if options["prepare"] == "3x3" { try prepareThreeByThree(store, code: code) }
if let municipality = try store.municipality(code: code) {
  let inForce = try store.contractInForce(municipalityCode: code, asOf: try store.today())
  let goals = inForce?.version.areas.map { "\($0.goals.count)" } ?? []
  print(
    "\(municipality.name) (\(code)): \(goals.count) areas in the version in force, goals per area: "
      + "[\(goals.joined(separator: ", "))]")
} else {
  print("no municipality \(code) in the database")
}

let site = try CitizenSite(
  store: store, templates: try TemplateLibrary(directory: options["templates"] ?? "Templates"),
  staticFiles: try StaticFiles(root: options["public"] ?? "Public", urlPrefix: "/static"))
let router = {
  var router = Router()
  site.register(on: &router)
  return router
}()
let request = Request(method: .get, target: path)

func answer() throws -> Response {
  do {
    return try router.respond(to: request)
  } catch let error as HTTPError {
    return .text(error.message, status: error.status)
  }
}

func median(_ body: () throws -> Void) rethrows -> Double {
  var samples: [Double] = []
  samples.reserveCapacity(iterations)
  for _ in 0..<iterations {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
  }
  samples.sort()
  return samples[samples.count / 2]
}

let revision = try median { _ = try store.siteRevision() }
print(String(format: "Store.siteRevision(): median %.2f µs over %d", revision, iterations))

let first = try answer()
guard first.status.code == 200, case .bytes(let body) = first.body else {
  print("GET \(path) through the CitizenSite router: \(first.status.code) (the page is not there yet?)")
  exit(1)
}
for _ in 0..<50 { _ = try PageCache.bypassing { try answer() } }
let uncached = try median { _ = try PageCache.bypassing { try answer() } }
let cached = try median { _ = try answer() }
print("GET \(path): \(body.count) bytes, ETag \(first.headers["ETag"] ?? "none")")
print(
  String(
    format: "uncached render (revision, render, validators): median %.1f µs over %d", uncached, iterations))
print(String(format: "from the page cache (revision, lookup): median %.2f µs", cached))
