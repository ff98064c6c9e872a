import Foundation
import Glibc

/// Serves GET and HEAD for files below a root directory, e.g. `Public/` under `/static`.
///
/// - The URL path after `urlPrefix` is split into segments and each one percent-decoded; a segment that is
///   empty, `.` or `..`, starts with `.`, holds `/`, `\`, NUL or another control character (raw or encoded),
///   or fails to decode gives 404. The file's real path (symlinks resolved) must lie below the root, and it
///   must be a regular file: directories are 404 too.
/// - Responses carry Content-Type, `ETag` (strong, from the content, for cached files; weak from size and
///   mtime for large streamed ones), `Last-Modified` and `Cache-Control`. Conditional requests are left to
///   the server core.
/// - `url(for:)` gives a URL with a content hash in the name (`/static/site.3f2a9c1e.css`). Such URLs are
///   served with `immutableCacheControl`; when the hash no longer matches the file, the current content is
///   served with the normal `cacheControl`.
/// - Files up to `maximumCachedFileSize` are kept in memory (re-read when size, mtime or inode change);
///   larger ones are streamed.
public struct StaticFiles: HTTPResponder {
  /// The root directory, fully resolved.
  public let root: String
  public let urlPrefix: String
  public let cacheControl: String
  public let immutableCacheControl: String
  public let maximumCachedFileSize: Int
  private let cache: StaticFileCache

  public struct RootNotFound: Error, CustomStringConvertible {
    public var description: String
  }

  public init(
    root: String, urlPrefix: String = "/static", cacheControl: String = "max-age=300",
    immutableCacheControl: String = "max-age=31536000, immutable",
    maximumCachedFileSize: Int = 512 * 1024, maximumCacheBytes: Int = 64 * 1024 * 1024
  ) throws {
    guard let resolved = StaticFiles.realPath(root),
      StaticFiles.fileInfo(resolved).map(StaticFiles.isDirectory) == true
    else {
      throw RootNotFound(description: "static file root \(root.debugDescription) is not a directory")
    }
    self.root = resolved == "/" ? "" : resolved
    var prefix = urlPrefix
    while prefix.hasSuffix("/") { prefix.removeLast() }
    self.urlPrefix = prefix
    self.cacheControl = cacheControl
    self.immutableCacheControl = immutableCacheControl
    self.maximumCachedFileSize = maximumCachedFileSize
    self.cache = StaticFileCache(maximumBytes: maximumCacheBytes)
  }

  public func respond(to request: Request) throws -> Response {
    guard request.method == .get || request.method == .head else {
      throw HTTPError(
        .methodNotAllowed, "Only GET and HEAD are allowed here.", headers: ["Allow": "GET, HEAD"])
    }
    guard let segments = relativeSegments(ofURLPath: request.path) else { throw notFound }
    if let file = locate(segments) {
      return try serve(file, cacheControl: cacheControl)
    }
    // A hashed asset name, "site.3f2a9c1e.css" for "site.css".
    guard let last = segments.last, let (original, hash) = StaticFiles.splitHashedName(last) else {
      throw notFound
    }
    guard let file = locate(segments.dropLast() + [original]) else { throw notFound }
    let current = try contentHash(of: file)
    let matches = StaticFiles.shortHash(current) == hash
    return try serve(file, cacheControl: matches ? immutableCacheControl : cacheControl)
  }

  /// A URL for `asset` (a path relative to the root, e.g. "site.css" or "css/site.css") whose file name carries
  /// the hash of its current content. A missing file gets its plain URL, so a page still renders.
  public func url(for asset: String) -> String {
    let relative = asset.drop { $0 == "/" }
    let segments = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    let plain = urlPrefix + "/" + segments.map(PercentEncoding.encodePathSegment).joined(separator: "/")
    guard segments.allSatisfy(StaticFiles.isAllowedSegment), let file = locate(segments),
      let hash = try? contentHash(of: file)
    else { return plain }
    var hashed = segments
    hashed[hashed.count - 1] = StaticFiles.hashedName(
      segments[segments.count - 1], hash: StaticFiles.shortHash(hash))
    return urlPrefix + "/" + hashed.map(PercentEncoding.encodePathSegment).joined(separator: "/")
  }

  private var notFound: HTTPError { HTTPError(.notFound, "Not found.") }

  // MARK: - Resolving

  /// The decoded segments below `urlPrefix`, or nil if the path is not below it or any segment is refused.
  func relativeSegments(ofURLPath path: String) -> [String]? {
    let prefix = urlPrefix + "/"
    guard path.utf8.starts(with: prefix.utf8) else { return nil }
    let rest = path.utf8.dropFirst(prefix.utf8.count)
    var segments: [String] = []
    for raw in rest.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
      guard !raw.contains(UInt8(ascii: "\\")),
        let decoded = try? PercentDecoding.decode(raw, plusAsSpace: false, what: "path"),
        StaticFiles.isAllowedSegment(decoded)
      else { return nil }
      segments.append(decoded)
    }
    return segments
  }

  static func isAllowedSegment(_ segment: String) -> Bool {
    guard let first = segment.utf8.first, first != UInt8(ascii: ".") else { return false }
    return !segment.utf8.contains {
      $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\")
    }
  }

  struct LocatedFile {
    var path: String
    var info: stat
    var name: String
  }

  /// The regular file at `segments` below the root, after resolving symlinks, if it stays below the root.
  ///
  /// The first lookup of a path resolves it with realpath(3) and checks it lies below the root; later ones
  /// need one stat(2): if it still reaches the same file (device and inode) as the verified lookup, it is the
  /// same file below the root, whatever the symlinks on the way now say.
  func locate(_ segments: [String]) -> LocatedFile? {
    guard let name = segments.last else { return nil }
    let relative = segments.joined(separator: "/")
    let candidate = root + "/" + relative
    guard let info = StaticFiles.fileInfo(candidate), StaticFiles.isRegularFile(info) else { return nil }
    if let known = cache.verifiedPath(for: relative), known.device == UInt64(info.st_dev),
      known.inode == UInt64(info.st_ino)
    {
      return LocatedFile(path: known.resolvedPath, info: info, name: name)
    }
    guard let resolved = StaticFiles.realPath(candidate),
      resolved.utf8.starts(with: (root + "/").utf8),  // bytes, not canonically equivalent Characters
      let resolvedInfo = StaticFiles.fileInfo(resolved), StaticFiles.isRegularFile(resolvedInfo)
    else { return nil }
    cache.storeVerifiedPath(
      VerifiedPath(
        resolvedPath: resolved, device: UInt64(resolvedInfo.st_dev), inode: UInt64(resolvedInfo.st_ino)),
      for: relative)
    return LocatedFile(path: resolved, info: resolvedInfo, name: name)
  }

  // MARK: - Serving

  private func serve(_ file: LocatedFile, cacheControl: String) throws -> Response {
    let signature = FileSignature(file.info)
    var headers: HTTPHeaders = [
      "Content-Type": FileMediaTypes.contentType(forFileName: file.name),
      "Last-Modified": HTTPDate.format(signature.modifiedSeconds),
      "Cache-Control": cacheControl,
    ]
    if signature.size <= maximumCachedFileSize {
      let entry = try cachedEntry(for: file, signature: signature)
      if let bytes = entry.bytes, let hash = entry.hash {
        headers.add(name: "ETag", value: "\"\(StaticFiles.hex(hash, digits: 16))\"")
        return Response(status: .ok, headers: headers, body: .bytes(bytes))
      }
    }
    headers.add(
      name: "ETag",
      value: "W/\"\(String(signature.size, radix: 16))-\(String(signature.modifiedSeconds, radix: 16))\"")
    let descriptor = StaticFiles.openFile(file.path)
    guard descriptor >= 0 else { throw notFound }
    var info = stat()
    guard fstat(descriptor, &info) == 0, StaticFiles.isRegularFile(info) else {
      close(descriptor)
      throw notFound
    }
    headers.add(name: "Content-Length", value: String(info.st_size))
    let reader = FileChunkReader(descriptor: descriptor, length: Int(info.st_size))
    return Response(status: .ok, headers: headers, body: .stream(ResponseStream { try reader.next() }))
  }

  /// The cache entry for a small file, reading (and hashing) it if the cache has no current one.
  private func cachedEntry(for file: LocatedFile, signature: FileSignature) throws -> CachedFile {
    if let entry = cache.entry(for: file.path, signature: signature), entry.bytes != nil {
      return entry
    }
    guard let (bytes, readSignature) = StaticFiles.readWholeFile(file.path) else { throw notFound }
    let entry = CachedFile(signature: readSignature, bytes: bytes, hash: FNV1a.hash(bytes))
    cache.store(entry, for: file.path)
    return entry
  }

  private func contentHash(of file: LocatedFile) throws -> UInt64 {
    let signature = FileSignature(file.info)
    if let hash = cache.entry(for: file.path, signature: signature)?.hash { return hash }
    if signature.size <= maximumCachedFileSize {
      return try cachedEntry(for: file, signature: signature).hash ?? 0
    }
    guard let (hash, readSignature) = StaticFiles.hashWholeFile(file.path) else { throw notFound }
    cache.store(CachedFile(signature: readSignature, bytes: nil, hash: hash), for: file.path)
    return hash
  }

  // MARK: - Hashed names

  static func shortHash(_ hash: UInt64) -> String { hex(hash >> 32, digits: 8) }

  static func hex(_ value: UInt64, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }

  /// "site.css" + "3f2a9c1e" → "site.3f2a9c1e.css"; "LICENSE" → "LICENSE.3f2a9c1e".
  static func hashedName(_ name: String, hash: String) -> String {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name + "." + hash }
    return name[..<dot] + "." + hash + name[dot...]
  }

  /// The inverse of `hashedName`: the original name and the 8-hex-digit hash, or nil.
  static func splitHashedName(_ name: String) -> (String, String)? {
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 2 else { return nil }
    let hashIndex = parts.count >= 3 ? parts.count - 2 : parts.count - 1
    let candidate = parts[hashIndex]
    guard candidate.utf8.count == 8, candidate.utf8.allSatisfy({ isLowerHex($0) }) else { return nil }
    var original = parts
    original.remove(at: hashIndex)
    guard let stem = original.first, !stem.isEmpty else { return nil }
    return (original.joined(separator: "."), String(candidate))
  }

  private static func isLowerHex(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
  }

  // MARK: - File system

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  static func fileInfo(_ path: String) -> stat? {
    var info = stat()
    return stat(path, &info) == 0 ? info : nil
  }

  static func isRegularFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }
  static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }

  static func openFile(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
  }

  /// The file's bytes and the signature of the version read (from the open descriptor).
  static func readWholeFile(_ path: String) -> ([UInt8], FileSignature)? {
    let descriptor = openFile(path)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, isRegularFile(info) else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
    var filled = 0
    while filled < bytes.count {
      let count = bytes.withUnsafeMutableBytes {
        read(descriptor, $0.baseAddress! + filled, $0.count - filled)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      filled += count
    }
    guard filled == bytes.count else { return nil }  // the file changed while being read
    return (bytes, FileSignature(info))
  }

  /// The content hash of a large file, read in chunks.
  static func hashWholeFile(_ path: String) -> (UInt64, FileSignature)? {
    let descriptor = openFile(path)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, isRegularFile(info) else { return nil }
    var hasher = FNV1a()
    var buffer = [UInt8](repeating: 0, count: 256 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { return nil }
      if count == 0 { break }
      buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }
    return (hasher.value, FileSignature(info))
  }
}
