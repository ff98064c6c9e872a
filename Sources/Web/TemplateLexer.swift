/// Splits a template file into text and tags, each with its line and column, then applies the standalone-line
/// rule: a tag in `TemplateTag.removesItsLine` alone on its line (only spaces or tabs around it) takes the line's
/// indentation and its line break with it.
struct TemplateLexer {
  enum Piece {
    case text(TemplateText)
    case tag(TemplateTag, SourceLocation)
  }

  static func pieces(of source: [UInt8], file: String) throws(TemplateError) -> [Piece] {
    var pieces: [Piece] = []
    var position = 0
    var line = 1
    var lineStart = 0

    func location(_ offset: Int) -> SourceLocation {
      // Columns count characters, not bytes: UTF-8 continuation bytes are skipped.
      let column = source[lineStart..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
      return SourceLocation(file: file, line: line, column: column)
    }
    func advance(to end: Int) {
      while position < end {
        if source[position] == UInt8(ascii: "\n") {
          line += 1
          lineStart = position + 1
        }
        position += 1
      }
    }

    while position < source.count {
      guard let open = find(openBraces, in: source, from: position) else {
        pieces.append(.text(TemplateText(bytes: Array(source[position...]))))
        break
      }
      if open > position { pieces.append(.text(TemplateText(bytes: Array(source[position..<open])))) }
      advance(to: open)
      let here = location(open)
      guard let close = find(closeBraces, in: source, from: open + 2) else {
        throw here.error("'{{' is never closed with '}}'")
      }
      let inner = source[(open + 2)..<close]
      if inner.first != UInt8(ascii: "!"), find(openBraces, in: source, from: open + 2, before: close) != nil
      {
        throw here.error("'{{' is never closed with '}}' before the next '{{'")
      }
      let tag: TemplateTag
      do {
        tag = try TemplateTag(parsing: String(decoding: inner, as: UTF8.self))
      } catch {
        throw here.error(error.message)
      }
      pieces.append(.tag(tag, here))
      advance(to: close + 2)
    }
    return removeStandaloneLines(pieces)
  }

  private static let openBraces: [UInt8] = [UInt8(ascii: "{"), UInt8(ascii: "{")]
  private static let closeBraces: [UInt8] = [UInt8(ascii: "}"), UInt8(ascii: "}")]

  private static func find(_ pair: [UInt8], in bytes: [UInt8], from start: Int, before end: Int? = nil)
    -> Int?
  {
    let limit = (end ?? bytes.count) - 1
    var index = start
    while index < limit {
      if bytes[index] == pair[0] && bytes[index + 1] == pair[1] { return index }
      index += 1
    }
    return nil
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }

  /// Decides every tag on the original pieces first, then trims, so neighbouring standalone lines each count.
  private static func removeStandaloneLines(_ pieces: [Piece]) -> [Piece] {
    let newline = UInt8(ascii: "\n")
    func text(_ index: Int) -> [UInt8]? {
      guard pieces.indices.contains(index), case .text(let text) = pieces[index] else { return nil }
      return text.bytes
    }
    func endsBlankLine(_ index: Int) -> Bool {  // the piece before a tag: the tag starts its line
      if index < 0 { return true }
      guard let bytes = text(index) else { return false }
      let tail = bytes.lastIndex(of: newline).map { bytes[($0 + 1)...] } ?? bytes[...]
      return tail.allSatisfy(isBlank) && (bytes.contains(newline) || index == 0)
    }
    func startsBlankLine(_ index: Int) -> Bool {  // the piece after a tag: the tag ends its line
      if index >= pieces.count { return true }
      guard let bytes = text(index) else { return false }
      let head = bytes.firstIndex(of: newline).map { bytes[..<$0] } ?? bytes[...]
      return head.allSatisfy(isBlank) && (bytes.contains(newline) || index == pieces.count - 1)
    }

    var standalone: [Int] = []
    for (index, piece) in pieces.enumerated() {
      if case .tag(let tag, _) = piece, tag.removesItsLine, endsBlankLine(index - 1),
        startsBlankLine(index + 1)
      {
        standalone.append(index)
      }
    }
    var result = pieces
    for index in standalone {
      if index > 0, case .text(var before) = result[index - 1] {
        let cut = before.bytes.lastIndex(of: newline).map { $0 + 1 } ?? 0
        before.bytes.removeSubrange(cut...)
        result[index - 1] = .text(before)
      }
      if index + 1 < result.count, case .text(var after) = result[index + 1] {
        let cut = after.bytes.firstIndex(of: newline).map { $0 + 1 } ?? after.bytes.count
        after.bytes.removeSubrange(..<cut)
        result[index + 1] = .text(after)
      }
    }
    return result
  }
}
