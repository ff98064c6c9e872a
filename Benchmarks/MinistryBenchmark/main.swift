// Times the ministry's national table in process: the full answer to GET /ministeriet (the Store's compliance
// answer, the table and the page) through MinistrySite's route, and the Store's reads alone, so the time can be
// split between the Store and the render. Run by Benchmarks/ministry.sh; see `ministry-benchmark --help`.
import BenchmarkOptions
import Dispatch
import Domain
import Foundation
import HTTP
import Ministry
import Store
import Web

let usage = """
  usage: ministry-benchmark --database FILE [--iterations 50] [--path /ministeriet] [--templates Templates]
                            [--public Public]
  An empty database is seeded first. Prints the median and p90 in ms of: the full answer to PATH through the
  ministry's route (as a signed-in ministry user), Store.compliance(asOf: today), and the other Store reads the
  page makes; and the CSV export of the same table. Exits 1 when the page does not answer 200.

  """

let options = BenchmarkOptions(usage: usage)
let databasePath = options.databasePath
let path = options["path"] ?? "/ministeriet"
let iterations = max(5, Int(options["iterations"] ?? "") ?? 50)

let store = try Store.open(path: databasePath, readers: 1)
if try store.isEmpty() { _ = try Seeder.seed(store) }
let site = try MinistrySite(
  store: store, templates: try TemplateLibrary(directory: options["templates"] ?? "Templates"),
  staticFiles: try StaticFiles(root: options["public"] ?? "Public", urlPrefix: "/static"))

func route(_ pattern: String) -> MinistrySite.Route {
  guard let route = site.routes.first(where: { $0.method == .get && $0.pattern == pattern }) else {
    print("ministry-benchmark: no route \(pattern)")
    exit(1)
  }
  return route
}

let user = User(id: 1, email: "tilsyn@ism.example", name: "Tilsyn", role: .ministry)
func answer(_ target: String) throws -> Response {
  let request = Request(method: .get, target: target)
  let ministryRequest = MinistryRequest(
    request: request, user: user, form: QueryParameters(), layout: [:], formTokens: { .null },
    change: { _ in false })
  return try route(request.path).handler(ministryRequest)
}

/// Median and p90 in ms.
func measure(_ body: () throws -> Void) rethrows -> (median: Double, p90: Double) {
  var samples: [Double] = []
  samples.reserveCapacity(iterations)
  for _ in 0..<iterations {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
  }
  samples.sort()
  return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 9 / 10)])
}

func line(_ label: String, _ figures: (median: Double, p90: Double)) {
  print(
    String(format: "%@: median %.2f ms, p90 %.2f ms over %d", label, figures.median, figures.p90, iterations))
}

let municipalities = try store.municipalities().count
let today = try store.today()
let first = try answer(path)
guard first.status.code == 200, case .bytes(let body) = first.body else {
  print("ministry-benchmark: GET \(path) answered \(first.status.code)")
  exit(1)
}
let rows =
  String(decoding: body, as: UTF8.self).components(separatedBy: "href=\"/ministeriet/kommune/").count - 1
print("\(municipalities) municipalities; GET \(path) as of \(today): \(body.count) bytes, \(rows) rows")
for _ in 0..<min(5, iterations) { _ = try answer(path) }

let full = try measure { _ = try answer(path) }
line("full table (Store answer + table + page)", full)
let compliance = try measure { _ = try store.compliance(asOf: today) }
line("  of which Store.compliance(asOf:)", compliance)
let places = try measure {
  _ = try store.municipalities()
  _ = try store.regions()
  _ = try store.today()
}
line("  of which Store.municipalities/regions/today", places)
print(
  String(
    format: "  so the table and the page: about %.2f ms (median)",
    max(0, full.median - compliance.median - places.median)))
let csvTarget = "/ministeriet/tabel.csv" + (path.firstIndex(of: "?").map { String(path[$0...]) } ?? "")
line("CSV export of the same table", try measure { _ = try answer(csvTarget) })
