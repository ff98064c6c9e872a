import HTTP
import Synchronization

/// Rendered pages kept in memory, keyed by path (and, when a route allows it, its normalized query), valid for one
/// site revision.
///
/// - Every page that passes through gets a strong `ETag` (a hash of its body), `Last-Modified` (the revision's
///   time) and `Cache-Control: no-cache`: browsers and proxies may keep it but must revalidate each time, which
///   the server answers with 304 from these two fields (`If-None-Match`, `If-Modified-Since`; the server does
///   that for every response). A publication is therefore visible at once, and a revalidation costs no render.
/// - Only 200 responses with a byte body are stored, and not those that set a cookie or say `Cache-Control:
///   no-store` or `private`; anything else passes through untouched. The key is the path (and query): a page that
///   depends on the request's cookies or other headers must not be wrapped.
/// - A request carrying a newer revision empties the cache first. A request carrying an older one (it read the
///   revision just before a publication) is rendered and not stored. Revisions are read before rendering, so an
///   entry never holds content older than its revision.
/// - Bounded: at most `maximumEntries` pages and `maximumBytes` of bodies; when either would be exceeded the
///   least recently used quarter of the entries is dropped in one pass. A body over an eighth of `maximumBytes` is
///   never stored. Pages with a query string are stored only under `QueryPolicy.normalized`, and at most
///   `maximumQueryEntries` of them per revision (then they are rendered without being stored).
public final class PageCache: Sendable {
  public enum QueryPolicy: Sendable {
    /// A request with a query string is rendered every time (it still gets the validators).
    case uncached
    /// The query is part of the key, its fields decoded and sorted (`?b=2&a=1` and `?a=1&b=%32` are one page).
    case normalized
  }

  public let maximumEntries: Int
  public let maximumBytes: Int
  public let maximumQueryEntries: Int
  public static let cacheControl = "no-cache"

  private let state: Mutex<State>

  public init(maximumEntries: Int = 2_048, maximumBytes: Int = 32 << 20, maximumQueryEntries: Int = 256) {
    precondition(
      maximumEntries > 0 && maximumBytes > 0 && maximumQueryEntries >= 0, "limits must be positive")
    self.maximumEntries = maximumEntries
    self.maximumBytes = maximumBytes
    self.maximumQueryEntries = maximumQueryEntries
    state = Mutex(State())
  }

  /// The cached page for the request's key at `revision`, or the page `render` makes (stored when it is a 200 with
  /// a byte body). `lastModified` is in seconds since 1970 (UTC), and must only grow with `revision`; a change of
  /// either empties the cache. Bad percent-escapes in a query under `.normalized` throw a 400.
  public func respond(
    to request: Request, revision: Int64, lastModified: Int, query policy: QueryPolicy = .uncached,
    render: () throws -> Response
  ) throws -> Response {
    let generation = Generation(revision: revision, lastModified: lastModified)
    var key = request.path
    var isQuery = false
    if let query = request.query, !query.isEmpty {
      guard policy == .normalized else {
        return try PageCache.withValidators(render(), lastModified: lastModified)
      }
      key += "?" + PageCache.normalized(try QueryParameters(parsing: query))
      isQuery = true
    }
    if !PageCache.isBypassed, let hit = state.withLock({ $0.lookup(key, at: generation) }) {
      return Response(status: .ok, headers: hit.headers, body: .bytes(hit.body))
    }
    let response = PageCache.withValidators(try render(), lastModified: lastModified)
    guard !PageCache.isBypassed, response.status.code == 200, case .bytes(let body) = response.body,
      body.count <= maximumBytes / 8, PageCache.isShareable(response)
    else { return response }
    let entry = Entry(headers: response.headers, body: body, isQuery: isQuery)
    state.withLock { $0.store(entry, for: key, at: generation, limits: self) }
    return response
  }

  /// How many pages are stored now, and their bodies' total size.
  public var count: Int { state.withLock { $0.entries.count } }
  public var byteCount: Int { state.withLock { $0.bytes } }

  /// Runs `body` with every cache on this thread neither read nor filled (the page benchmark times renders).
  public static func bypassing<Result>(_ body: () throws -> Result) rethrows -> Result {
    try $isBypassed.withValue(true, operation: body)
  }

  @TaskLocal private static var isBypassed = false

  /// `response` with an `ETag` from its body, `Last-Modified` and `Cache-Control`, when it is a 200 with a byte
  /// body and has none of its own.
  static func withValidators(_ response: Response, lastModified: Int) -> Response {
    guard response.status.code == 200, case .bytes(let body) = response.body else { return response }
    var response = response
    if !response.headers.contains("ETag") {
      response.headers.add(name: "ETag", value: EntityTag.strong(for: body))
    }
    if !response.headers.contains("Last-Modified") {
      response.headers.add(name: "Last-Modified", value: HTTPDate.format(lastModified))
    }
    if !response.headers.contains("Cache-Control") {
      response.headers.add(name: "Cache-Control", value: cacheControl)
    }
    return response
  }

  /// Not a response meant for one client: one that sets a cookie, or says `no-store` or `private`.
  static func isShareable(_ response: Response) -> Bool {
    !response.headers.contains("Set-Cookie")
      && !response.headers.containsToken("no-store", in: "Cache-Control")
      && !response.headers.containsToken("private", in: "Cache-Control")
  }

  static func normalized(_ query: QueryParameters) -> String {
    let sorted = query.fields.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
    return QueryParameters(sorted).encoded
  }

  struct Generation: Equatable, Comparable {
    var revision: Int64
    var lastModified: Int

    static func < (a: Generation, b: Generation) -> Bool {
      (a.revision, a.lastModified) < (b.revision, b.lastModified)
    }
  }

  struct Entry {
    var headers: HTTPHeaders
    var body: [UInt8]
    var isQuery: Bool
    var lastUsed: UInt64 = 0
  }

  struct State: ~Copyable {
    var generation = Generation(revision: .min, lastModified: .min)
    var entries: [String: Entry] = [:]
    var bytes = 0
    var queryEntries = 0
    var clock: UInt64 = 0

    /// The entry for `key`, when the cache is at `generation`; moves the cache on to a newer one.
    mutating func lookup(_ key: String, at requested: Generation) -> Entry? {
      if requested > generation { reset(to: requested) }
      guard requested == generation else { return nil }
      guard let index = entries.index(forKey: key) else { return nil }
      clock &+= 1
      entries.values[index].lastUsed = clock
      return entries.values[index]
    }

    mutating func store(_ entry: Entry, for key: String, at requested: Generation, limits: PageCache) {
      if requested > generation { reset(to: requested) }
      guard requested == generation, entries[key] == nil else { return }
      if entry.isQuery && queryEntries >= limits.maximumQueryEntries { return }
      if entries.count + 1 > limits.maximumEntries || bytes + entry.body.count > limits.maximumBytes {
        evictLeastRecentlyUsed(toFit: entry.body.count, limits: limits)
      }
      clock &+= 1
      var stored = entry
      stored.lastUsed = clock
      entries[key] = stored
      bytes += entry.body.count
      if entry.isQuery { queryEntries += 1 }
    }

    mutating func reset(to newer: Generation) {
      generation = newer
      entries.removeAll(keepingCapacity: true)
      bytes = 0
      queryEntries = 0
    }

    /// Drops the least recently used quarter (at least one), then more until `incoming` bytes fit.
    private mutating func evictLeastRecentlyUsed(toFit incoming: Int, limits: PageCache) {
      let byAge = entries.sorted { $0.value.lastUsed < $1.value.lastUsed }
      var dropped = 0
      for (key, entry) in byAge {
        let enough =
          dropped >= max(1, byAge.count / 4) && entries.count < limits.maximumEntries
          && bytes + incoming <= limits.maximumBytes
        if enough { break }
        entries[key] = nil
        bytes -= entry.body.count
        if entry.isQuery { queryEntries -= 1 }
        dropped += 1
      }
    }
  }
}
