// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "brugerinformation",
  products: [
    .executable(name: "brugerinformation", targets: ["brugerinformation"])
  ],
  targets: [
    // HTTP: sockets, event loops, parser, responses, router, static files. Knows nothing of the portal.
    .target(name: "CEpoll"),
    .target(name: "HTTP", dependencies: ["CEpoll"]),

    // The store: a thin wrapper over SQLite's C API, pure domain rules, and the schema that enforces them.
    .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .target(name: "SQLite", dependencies: ["CSQLite"]),
    .target(name: "Domain"),
    .target(name: "Store", dependencies: ["SQLite", "Domain"], resources: [.copy("Data")]),

    // Web: templates, page cache, SVG charts, passwords (and later forms, sessions) for the portal's modules.
    // Never imports Store. Passwords are hashed with yescrypt by the system's libcrypt.
    .systemLibrary(name: "CCrypt", pkgConfig: "libcrypt", providers: [.apt(["libcrypt-dev"])]),
    .target(name: "Web", dependencies: ["HTTP", "Domain", "CCrypt"]),

    // The portal's modules, one per kind of user.
    .target(name: "Citizen", dependencies: ["HTTP", "Web", "Store", "Domain"]),
    .target(name: "Admin", dependencies: ["HTTP", "Web", "Store", "Domain"]),
    .target(name: "Ministry", dependencies: ["HTTP", "Web", "Store", "Domain"]),
    .target(name: "OpenData", dependencies: ["HTTP", "Web", "Store", "Domain"]),

    .executableTarget(name: "brugerinformation", dependencies: ["HTTP", "Web", "Store", "Domain", "Citizen", "Admin", "Ministry", "OpenData"]),
    .executableTarget(
      name: "store-benchmark", dependencies: ["Store", "SQLite", "Domain"], path: "Benchmarks/StoreBenchmark"),
    .target(name: "BenchmarkOptions", path: "Benchmarks/BenchmarkOptions"),
    .executableTarget(
      name: "page-benchmark", dependencies: ["BenchmarkOptions", "Citizen", "Store", "Web", "HTTP", "Domain"],
      path: "Benchmarks/PageBenchmark"),
    .executableTarget(
      name: "ministry-benchmark", dependencies: ["BenchmarkOptions", "Ministry", "Store", "Web", "HTTP", "Domain"],
      path: "Benchmarks/MinistryBenchmark"),

    .target(name: "HTTPTestSupport", dependencies: ["HTTP"], path: "Tests/HTTPTestSupport"),
    // Real write faults for tests (chattr +i, chmod a-w, a small tmpfs filled up).
    .target(name: "FaultTestSupport", path: "Tests/FaultTestSupport"),
    .testTarget(name: "HTTPTests", dependencies: ["HTTP", "HTTPTestSupport"]),
    .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
    .testTarget(name: "DomainTests", dependencies: ["Domain"]),
    .testTarget(name: "StoreTests", dependencies: ["Store", "SQLite", "Domain", "FaultTestSupport"]),
    .testTarget(
      name: "CommandLineTests",
      dependencies: ["brugerinformation", "HTTPTestSupport", "FaultTestSupport", "Store", "Web", "Domain"]),
    .testTarget(name: "WebTests", dependencies: ["Web", "Domain"]),
    .testTarget(
      name: "AdminTests",
      dependencies: ["Admin", "Citizen", "HTTP", "Web", "Store", "SQLite", "Domain", "HTTPTestSupport"]),
    .testTarget(
      name: "MinistryTests",
      dependencies: ["brugerinformation", "Ministry", "Admin", "HTTP", "Web", "Store", "Domain", "HTTPTestSupport"]),
    .testTarget(
      name: "OpenDataTests",
      dependencies: ["brugerinformation", "OpenData", "HTTP", "Web", "Store", "Domain", "HTTPTestSupport"]),
    .testTarget(name: "CitizenTests", dependencies: ["Citizen", "HTTP", "Web", "Store", "Domain", "HTTPTestSupport"]),
    .testTarget(name: "SecurityTests", dependencies: ["brugerinformation", "Admin", "Citizen", "Ministry", "OpenData", "HTTP", "Web", "Store", "SQLite", "Domain", "HTTPTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)

// Fuzzing (docs/reliability-fuzz.md): libFuzzer executables, declared only when BRUGERINFORMATION_FUZZ=1, so the
// normal build and CI never see them. Benchmarks/fuzz.sh builds them into .build-fuzz with
// `--sanitize fuzzer --sanitize address -Xswiftc -enable-testing` (the parser is internal to HTTP).
if Context.environment["BRUGERINFORMATION_FUZZ"] == "1" {
  package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/Support"))
  let fuzzTargets: [(name: String, folder: String, dependencies: [Target.Dependency])] = [
    ("request-parser", "RequestParser", ["HTTP"]),
    ("forms", "Forms", ["HTTP"]),
    ("multipart", "Multipart", ["HTTP"]),
    ("cookies", "Cookies", ["HTTP"]),
    ("csv-import", "CSVImport", ["Web"]),
    ("templates", "Templates", ["Web"]),
  ]
  for target in fuzzTargets {
    package.targets.append(
      .executableTarget(
        name: "fuzz-" + target.name, dependencies: target.dependencies + ["FuzzSupport"],
        path: "Fuzz/" + target.folder, swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
  }
}
