import Foundation
import HTTP

/// Every template of the portal, compiled once at start-up; renders without parsing anything.
///
/// The folder holds pages (`citizen/municipality.html` is the page `citizen/municipality`), partials under
/// `partials/` (included with `{{> name }}`) and layouts under `layouts/` (named by a page's first line,
/// `{{! layout: base }}`, filled where the layout says `{{ @content }}`). The language, in short (the full text
/// with examples is `Templates/README.md`):
///
/// - `{{ name }}`, `{{ goal.title }}`: a value, HTML-escaped (`& < > " '`), safe in text and in quoted
///   attributes. A missing value, `nil`, an array or an object renders nothing.
/// - `{{ raw(chart) }}`: the one unescaped form, and only for a `RawHTML` value (anything else is escaped).
/// - `{{# if name }} … {{ else }} … {{/ if }}`, `{{# unless name }} … {{/ unless }}`,
///   `{{# each items }} … {{ else }} (when empty) … {{/ each }}`; inside `each` the element is the context,
///   `../name` reaches the enclosing one, and `@index`, `@number` (1-based), `@first`, `@last` describe the loop.
/// - `{{! comment }}` renders nothing. A tag that renders nothing, alone on its line, takes the line with it.
///
/// Any mistake (unclosed or mismatched section, unknown partial or layout, bad tag, partials that include each
/// other) throws a `TemplateError` naming the file and line while the library is built.
public struct TemplateLibrary: Sendable {
  private struct Compiled: Sendable {
    let program: TemplateProgram
    let capacity: Int
  }

  private let pages: [String: Compiled]

  /// The page names, sorted.
  public var names: [String] { pages.keys.sorted() }

  /// Loads and compiles every `.html` file under `directory`.
  public init(directory: String) throws(TemplateError) {
    let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL.path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue,
      let enumerator = FileManager.default.enumerator(atPath: root)
    else {
      throw TemplateError(file: directory, line: 0, column: 0, message: "no such folder")
    }
    var files: [String: [UInt8]] = [:]
    while let relative = enumerator.nextObject() as? String {
      // Editors' hidden files (.#page.html, .page.html.swp) are not templates.
      guard relative.hasSuffix(".html"),
        !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
      else { continue }
      guard let data = FileManager.default.contents(atPath: root + "/" + relative) else {
        continue  // a folder named *.html, or unreadable: enumerator listed it, contents gives nothing
      }
      files[relative] = Array(data)
    }
    try self.init(files: files)
  }

  /// Compiles templates given as relative path (`partials/goal.html`) → UTF-8 bytes; paths not ending in
  /// `.html` are ignored.
  public init(files: [String: [UInt8]]) throws(TemplateError) {
    var pages: [String: ParsedTemplate] = [:]
    var partials: [String: ParsedTemplate] = [:]
    var layouts: [String: ParsedTemplate] = [:]
    for file in files.keys.sorted() where file.hasSuffix(".html") {
      let name = String(file.dropLast(".html".count))
      if name.hasPrefix("partials/") {
        partials[String(name.dropFirst("partials/".count))] = try ParsedTemplate(
          file: file, role: .partial, source: files[file]!)
      } else if name.hasPrefix("layouts/") {
        layouts[String(name.dropFirst("layouts/".count))] = try ParsedTemplate(
          file: file, role: .layout, source: files[file]!)
      } else {
        pages[name] = try ParsedTemplate(file: file, role: .page, source: files[file]!)
      }
    }

    var linker = TemplateLinker(partials: partials)
    try linker.linkAllPartials()
    var linkedLayouts: [String: [TemplateNode]] = [:]
    for name in layouts.keys.sorted() {
      let layout = layouts[name]!
      let nodes = try linker.link(layout)
      let slots = TemplateLinker.slots(in: nodes)
      guard slots.count == 1 else {
        throw slots.count == 0
          ? TemplateError(file: layout.file, line: 0, column: 0, message: "a layout needs one {{ @content }}")
          : slots[1].error("a layout takes only one {{ @content }}")
      }
      linkedLayouts[name] = nodes
    }
    var compiled: [String: Compiled] = [:]
    for name in pages.keys.sorted() {
      let page = pages[name]!
      var nodes = try linker.link(page)
      if let layout = page.layout {
        guard let layoutNodes = linkedLayouts[layout.name] else {
          throw layout.location.error("no layout '\(layout.name)' (looked for layouts/\(layout.name).html)")
        }
        nodes = TemplateLinker.wrap(nodes, in: layoutNodes)
      }
      nodes = TemplateLinker.coalesce(nodes)
      compiled[name] = Compiled(
        program: TemplateProgram(nodes), capacity: TemplateLinker.textBytes(in: nodes) + 4096)
    }
    self.pages = compiled
  }

  /// Throws unless every one of `names` is a page: call it at start-up for the pages a module renders.
  public func require(_ names: [String]) throws(TemplateError) {
    for name in names where pages[name] == nil {
      throw TemplateError(file: name + ".html", line: 0, column: 0, message: "no such page template")
    }
  }

  /// The page `name` rendered with `context` as UTF-8 bytes. Throws only for a name the library does not hold.
  public func render(_ name: String, _ context: TemplateValue) throws(TemplateError) -> [UInt8] {
    guard let page = pages[name] else {
      throw TemplateError(file: name + ".html", line: 0, column: 0, message: "no such page template")
    }
    var renderer = TemplateRenderer(context: context, capacity: page.capacity)
    renderer.render(page.program)
    return renderer.finish()
  }

  /// The rendered page as a `text/html; charset=utf-8` response.
  public func response(_ name: String, _ context: TemplateValue, status: HTTPStatus = .ok)
    throws(TemplateError)
    -> Response
  {
    Response(
      status: status, headers: ["Content-Type": "text/html; charset=utf-8"],
      body: .bytes(try render(name, context)))
  }
}
