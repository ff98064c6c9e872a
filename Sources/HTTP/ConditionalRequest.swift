/// Conditional GET (RFC 9110 §13.1.2, §13.1.3, §13.2.2): a 304 for a GET or HEAD 200 response whose
/// `ETag` matches `If-None-Match`, or, without `If-None-Match`, whose `Last-Modified` is not after
/// `If-Modified-Since`.
enum ConditionalRequest {
  static func notModified(for request: Request, _ response: Response) -> Response? {
    guard response.status.code == 200, request.method == .get || request.method == .head else { return nil }
    let etag = response.headers["ETag"]
    let lastModified = response.headers["Last-Modified"]
    guard etag != nil || lastModified != nil else { return nil }
    let ifNoneMatch = request.headers.values(for: "If-None-Match")
    if !ifNoneMatch.isEmpty {
      guard let etag, ifNoneMatch.contains(where: { listMatches($0, etag) }) else { return nil }
      return makeNotModified(response)
    }
    guard let since = request.headers["If-Modified-Since"], let sinceTime = HTTPDate.parse(since),
      let lastModified, let modifiedTime = HTTPDate.parse(lastModified), modifiedTime <= sinceTime
    else { return nil }
    return makeNotModified(response)
  }

  /// Whether an If-None-Match list matches `etag` by weak comparison; `*` matches any current representation.
  static func listMatches(_ list: String, _ etag: String) -> Bool {
    let wanted = opaqueTag(Substring(etag))
    for candidate in entityTags(in: list) {
      if candidate == "*" { return true }
      if let wanted, opaqueTag(candidate) == wanted { return true }
    }
    return false
  }

  /// The members of an entity-tag list; commas inside quotes belong to the tag.
  static func entityTags(in list: String) -> [Substring] {
    var tags: [Substring] = []
    var index = list.startIndex
    while index < list.endIndex {
      let character = list[index]
      if character == "," || character == " " || character == "\t" {
        index = list.index(after: index)
        continue
      }
      let start = index
      var inQuotes = false
      while index < list.endIndex {
        let current = list[index]
        if current == "\"" { inQuotes.toggle() } else if current == "," && !inQuotes { break }
        index = list.index(after: index)
      }
      tags.append(list[start..<index].trimmingOWS())
    }
    return tags
  }

  /// The quoted opaque-tag without a weak prefix, or nil if `tag` is not an entity-tag.
  static func opaqueTag(_ tag: Substring) -> Substring? {
    var rest = tag
    if rest.hasPrefix("W/") { rest = rest.dropFirst(2) }
    guard rest.count >= 2, rest.first == "\"", rest.last == "\"" else { return nil }
    return rest
  }

  private static func makeNotModified(_ response: Response) -> Response {
    var headers = HTTPHeaders()
    for field in response.headers {
      let name = field.name
      if name.utf8.count >= 8 && name.prefix(8).equalsIgnoringASCIICase("Content-")
        && !name.equalsIgnoringASCIICase("Content-Location")
      {
        continue
      }
      headers.add(name: field.name, value: field.value)
    }
    return Response(status: .notModified, headers: headers, body: .empty)
  }
}
