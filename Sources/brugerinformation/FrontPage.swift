import HTTP
import Store
import Web

/// An interim front page until the citizen portal lands: the municipalities by region, from the database.
enum FrontPage {
  static func render(store: Store) throws -> Response {
    let regions = try store.regions()
    let municipalities = try store.municipalities()
    var html = """
      <!DOCTYPE html>
      <html lang="da">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Brugerinformation – kommunernes kvalitetskontrakter</title>
      </head>
      <body>
      <main>
      <h1>Brugerinformation</h1>
      <p>Kommunernes kvalitetskontrakter og opfølgningsredegørelser. Portalen er under opbygning;
      siderne for den enkelte kommune kommer snart.</p>

      """
    for region in regions {
      html += "<h2>\(escape(region.name))</h2>\n<ul>\n"
      for municipality in municipalities where municipality.regionCode == region.code {
        html += "<li>\(escape(municipality.name)) (\(escape(municipality.code)))</li>\n"
      }
      html += "</ul>\n"
    }
    html += "</main>\n</body>\n</html>\n"
    return Response.html(html)
  }

  /// HTML-escapes `text` with the portal's escaper (`Web.HTMLEscaping`).
  static func escape(_ text: String) -> String {
    let bytes = Array(text.utf8)
    let escaped = [UInt8](unsafeUninitializedCapacity: bytes.count * 6 + 8) { buffer, count in
      count = bytes.withUnsafeBufferPointer { HTMLEscaping.escape($0, into: buffer.baseAddress!) }
    }
    return String(decoding: escaped, as: UTF8.self)
  }
}
