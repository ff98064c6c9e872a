/// Text copied from a template file: output as it is, because the template's author wrote it. Only the lexer
/// makes these from template bytes.
struct TemplateText: Sendable {
  var bytes: [UInt8]
}

enum SectionKind: String, Sendable {
  case `if`
  case unless
  case each
}

struct SourceLocation: Sendable {
  let file: String
  let line: Int
  let column: Int

  func error(_ message: String) -> TemplateError {
    TemplateError(file: file, line: line, column: column, message: message)
  }
}

/// A compiled piece of a template. `partial` and `slot` exist only between parsing and linking: the library
/// replaces them with what they stand for before any render.
indirect enum TemplateNode: Sendable {
  case text(TemplateText)
  /// `{{ path }}`: escaped.
  case value(TemplatePath)
  /// `{{ raw(path) }}`: unescaped if the value is `RawHTML`, escaped otherwise.
  case raw(TemplatePath)
  case section(SectionKind, TemplatePath, body: [TemplateNode], otherwise: [TemplateNode])
  case partial(String, SourceLocation)
  /// `{{ @content }}` in a layout: where the page goes.
  case slot(SourceLocation)
}
