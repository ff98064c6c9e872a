import FuzzSupport
import Web

/// The template engine, twice per input. The input (pieces split at NUL bytes) is compiled as a page, a partial and
/// a layout, and whatever compiles is rendered with values that carry markup: the markup may only come out
/// escaped. Then a fixed template is rendered with the pieces as its values: the output holds exactly the `<`,
/// `>`, quotes and entities of the template's own text, never one coming from a value.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = fuzzBytes(start, count)
  compileFuzzedSource(fuzzPieces(bytes, limit: 3))
  renderFuzzedValues(fuzzPieces(bytes, limit: 12).map { String(decoding: $0, as: UTF8.self) })
  return 0
}

// MARK: fuzzed templates

private func compileFuzzedSource(_ pieces: [[UInt8]]) {
  var files = ["page.html": pieces[0]]
  if pieces.count > 1 { files["partials/p.html"] = pieces[1] }
  if pieces.count > 2 { files["layouts/base.html"] = pieces[2] }
  let library: TemplateLibrary
  do {
    library = try TemplateLibrary(files: files)
  } catch {
    fuzzRequire(!error.message.isEmpty, "an error without a message")
    fuzzRequire(error.line == 0 || files[error.file] != nil, "an error in a file there is not: \(error)")
    return
  }
  fuzzRequire(library.names == ["page"], "pages \(library.names)")
  let output: [UInt8]
  let plain: [UInt8]
  do {
    output = try library.render("page", markupContext("<!fz&\"'>"))
    plain = try library.render("page", markupContext("x"))
  } catch {
    fuzzRequire(false, "a compiled page does not render: \(error)")
    return
  }
  // A template's own bytes are copied as they are: the output is UTF-8 when the sources are.
  let sourcesAreUTF8 = pieces.allSatisfy { String(validating: $0, as: UTF8.self) != nil }
  checkEscaped(output, against: plain, utf8: sourcesAreUTF8)
}

/// Values under the names a fuzzed template is likely to use, every string being `text`.
private func markupContext(_ text: String) -> TemplateValue {
  let item: TemplateValue = ["name": .string(text), "title": .string(text), "items": [.string(text)]]
  return [
    "title": .string(text), "name": .string(text), "flag": true, "empty": [], "n": 42, "x": 1.5,
    "items": [item, .string(text), 3, 2.5, true, nil, [.string(text)]],
    "obj": ["a": .string(text), "b": ["c": .string(text)]],
    "chart": .raw(RawHTML(trusted: "<svg></svg>")),
  ]
}

/// `output` rendered with values holding markup, `plain` the same template and truthiness with harmless values:
/// every `<`, `>`, quote and `&` must come from the template, so the counts agree and each `&` starts an entity.
private func checkEscaped(_ output: [UInt8], against plain: [UInt8], utf8: Bool = true) {
  fuzzRequire(!utf8 || String(validating: output, as: UTF8.self) != nil, "the output is not UTF-8")
  for special in "<>\"'".utf8 {
    let fromValues = output.count { $0 == special } - plain.count { $0 == special }
    fuzzRequire(fromValues == 0, "\(fromValues) raw '\(Character(Unicode.Scalar(special)))' from a value")
  }
  let entities = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].map { Array($0.utf8) }
  let plainAmpersands = plain.count { $0 == UInt8(ascii: "&") }
  var entityAmpersands = 0
  for index in output.indices where output[index] == UInt8(ascii: "&") {
    if entities.contains(where: { output[index...].starts(with: $0) }) { entityAmpersands += 1 }
  }
  let ampersands = output.count { $0 == UInt8(ascii: "&") }
  fuzzRequire(ampersands - entityAmpersands <= plainAmpersands, "a raw '&' from a value")
}

// MARK: fuzzed values

private let fixedLibrary: TemplateLibrary = {
  let files: [String: String] = [
    "layouts/base.html": "<html><title>{{ title }}</title>\n<body>{{ @content }}</body></html>\n",
    "partials/item.html":
      "<span>{{ note }}</span>{{# each tags }}<em title=\"{{ . }}\">{{ this }}</em>{{/ each }}\n",
    "page.html": """
    {{! layout: base }}
    <h1 title="{{ a }}">{{ a }}</h1>
    <p class='{{ b }}'>{{ raw(b) }} {{ obj.a }} {{ obj.b.c }} {{ n }} {{ x }}</p>
    <ul>
    {{# each items }}
    <li data-i="{{ @index }}" data-n='{{ @number }}'>{{ name }} {{ ../a }} {{> item }}{{# if @last }}&amp;{{/ if }}</li>
    {{ else }}
    <li>none</li>
    {{/ each }}
    </ul>
    {{# if flag }}<b>{{ b }}</b>{{ else }}<i>{{ c }}</i>{{/ if }}
    {{# unless c }}<u>{{ d }}</u>{{/ unless }}
    {{ raw(chart) }}

    """,
  ]
  do {
    return try TemplateLibrary(files: files.mapValues { Array($0.utf8) })
  } catch {
    fuzzRequire(false, "the fixed template does not compile: \(error)")
    fatalError()
  }
}()

/// The context for the fixed template; `text` maps each fuzzed string to what is rendered.
private func fixedContext(_ strings: [String], _ text: (String) -> String) -> TemplateValue {
  func value(_ index: Int) -> TemplateValue { index < strings.count ? .string(text(strings[index])) : .null }
  var items: [TemplateValue] = []
  var index = 6
  while index + 1 < strings.count {
    items.append(["name": value(index), "note": value(index + 1), "tags": [value(index), value(index + 1)]])
    index += 2
  }
  return [
    "title": value(0), "a": value(1), "b": value(2), "c": value(3), "d": value(4),
    "obj": ["a": value(5), "b": ["c": value(0)]], "flag": .bool(strings.count % 2 == 0),
    "n": .int(strings.count), "x": .double(Double(strings.first?.utf8.count ?? 0) / 3),
    "items": .array(items), "chart": .raw(RawHTML(trusted: "<svg viewBox=\"0 0 1 1\"></svg>")),
  ]
}

private func renderFuzzedValues(_ strings: [String]) {
  guard let output = try? fixedLibrary.render("page", fixedContext(strings) { $0 }),
    let plain = try? fixedLibrary.render("page", fixedContext(strings) { $0.isEmpty ? "" : "x" })
  else {
    fuzzRequire(false, "the fixed page does not render")
    return
  }
  checkEscaped(output, against: plain)
}
