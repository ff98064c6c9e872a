/// The hostile strings sent through every field: markup and script, attribute break-outs, template syntax, CSV
/// formulas, odd Unicode and control characters, and a very long string.
enum HostileInput {
  static let script = "<script>alert(1)</script>"
  static let imageTag = "\"><img src=x onerror=alert(1)>"
  static let svgTag = "'><svg/onload=alert(1)>"
  static let javascriptURL = "javascript:alert(1)"
  static let cdataBreak = "]]></title><script>"
  static let template = "{{ x }}{{{ raw }}}{% raw %}{# c #}"
  static let formula = "=HYPERLINK(\"http://x\")"
  static let plusCommand = "+cmd|' /C calc'!A0"
  static let atSum = "@SUM(1)"
  static let minusFormula = "-2+3"
  static let lineSeparator = "a\u{2028}b\u{2029}c"
  static let controls = "nul\u{0}bel\u{7}esc\u{1B}vt\u{B}end"
  static let rightToLeft = "abc\u{202E}gpj.exe"
  static let long = String(repeating: "<b>lang</b>", count: 1_000)
  /// Response splitting: a header of its own if a value reached a header unchecked.
  static let headerBreak = "x\r\nSet-Cookie: injected=1\r\nX-Injected: 1"

  /// One string holding every markup payload (fits a 200-character field).
  static let markup = script + imageTag + svgTag + cdataBreak

  /// Every payload, markup first.
  static let all = [
    script, imageTag, svgTag, javascriptURL, cdataBreak, template, formula, plusCommand, atSum, minusFormula,
    lineSeparator, controls, rightToLeft, headerBreak, long,
  ]

  /// Payloads short enough for a title (at most 200 characters), each with markup so that escaping shows.
  static let short = all.filter { $0.count <= 200 }

  /// Fragments that must never appear in served HTML or XML as they were sent.
  static let forbiddenFragments = [
    "<script", "<img src=x", "<svg/onload", "<b>lang</b>",
  ]
}
