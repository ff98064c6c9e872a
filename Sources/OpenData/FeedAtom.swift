import Domain
import HTTP
import Store
import Web

extension OpenDataSite {
  /// How many publications the national feed holds (newest first); a municipality's feed holds all of its own up to
  /// `municipalityFeedLimit`.
  static let nationalFeedLimit = 50
  static let municipalityFeedLimit = 500

  /// `GET /feed.atom`: the latest publications across the country.
  func nationalFeed(base: String) throws -> Response {
    let feed = AtomFeed(
      id: AtomFeed.tag("feed"), title: "Brugerinformation: senest offentliggjort",
      subtitle: "Kvalitetskontrakter og opfølgningsredegørelser offentliggjort af kommunerne",
      selfURL: base + "/feed.atom", pageURL: base + "/",
      publications: try store.publications(municipalityCode: nil, limit: Self.nationalFeedLimit), base: base)
    return feed.response(updatedWhenEmpty: try store.recentSiteRevision().changedAt)
  }

  /// `GET /kommune/{code}/feed.atom`: one municipality's publications.
  func municipalityFeed(code: String, base: String) throws -> Response {
    let municipality = try feedMunicipality(code)
    let feed = AtomFeed(
      id: AtomFeed.tag("kommune/\(code)/feed"),
      title: "\(municipality.name): kvalitetskontrakt og opfølgning",
      subtitle:
        "Versioner af kvalitetskontrakten og opfølgningsredegørelser offentliggjort af \(municipality.name)",
      selfURL: base + "/kommune/\(code)/feed.atom", pageURL: base + "/kommune/\(code)",
      publications: try store.publications(municipalityCode: code, limit: Self.municipalityFeedLimit),
      base: base)
    return feed.response(updatedWhenEmpty: try store.recentSiteRevision().changedAt)
  }
}

/// An Atom feed (RFC 4287) with one entry per publication. Entry ids are tag URIs (RFC 4151) that depend neither
/// on the host nor on the entry's position: `tag:brugerinformation.dk,2010:kommune/0169/version/2`.
struct AtomFeed {
  var id: String
  var title: String
  var subtitle: String
  var selfURL: String
  var pageURL: String
  var publications: [Publication]
  var base: String

  static func tag(_ specific: String) -> String { "tag:brugerinformation.dk,2010:" + specific }

  /// The citizen page of the publication, relative to the site.
  static func path(of publication: Publication) -> String {
    switch publication.kind {
    case .contract: "/kommune/\(publication.municipalityCode)/version/\(publication.number)"
    case .followUp: "/kommune/\(publication.municipalityCode)/opfoelgning/\(publication.number)"
    }
  }

  static func title(of publication: Publication) -> String {
    switch publication.kind {
    case .contract: "\(publication.municipalityName): kvalitetskontrakt, version \(publication.number)"
    case .followUp:
      "\(publication.municipalityName): opfølgningsredegørelse for budgetåret \(publication.number)"
    }
  }

  static func summary(of publication: Publication) -> String {
    var text =
      switch publication.kind {
      case .contract:
        "Version \(publication.number) af kvalitetskontrakten for \(publication.municipalityName)"
      case .followUp:
        "Opfølgningsredegørelsen for budgetåret \(publication.number) fra \(publication.municipalityName)"
      }
    text += " er offentliggjort \(publication.publishedOn.danishText)"
    text += publication.publishedLate ? ", efter fristen i § 6." : "."
    if publication.isExample { text += " Eksempeldata." }
    return text
  }

  /// The portal records the day of publication, not the time: midnight UTC of that day.
  static func timestamp(_ date: CalendarDate) -> String { "\(date)T00:00:00Z" }

  /// RFC 3339 in UTC for seconds since 1970.
  static func timestamp(secondsSince1970 seconds: Int) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let second = seconds - days * 86_400
    let date = CalendarDate(year: 1970, month: 1, day: 1)!.adding(days: days)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(date)T\(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
  }

  func xml(updatedWhenEmpty: Int) -> String {
    var xml = XMLText()
    xml.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
    xml.raw("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"da\">\n")
    xml.element("id", id)
    xml.element("title", title)
    xml.element("subtitle", subtitle)
    xml.element(
      "updated",
      publications.map(\.publishedOn).max().map(Self.timestamp)
        ?? Self.timestamp(secondsSince1970: updatedWhenEmpty))
    xml.link(rel: "self", type: "application/atom+xml", href: selfURL)
    xml.link(rel: "alternate", type: "text/html", href: pageURL)
    xml.raw("<author>")
    xml.element("name", "Brugerinformation – Indenrigs- og Socialministeriet")
    xml.element("uri", base + "/")
    xml.raw("</author>\n")
    xml.element("generator", "brugerinformation")
    for publication in publications {
      let path = Self.path(of: publication)
      xml.raw("<entry>\n")
      xml.element("id", Self.tag(String(path.dropFirst())))
      xml.element("title", Self.title(of: publication))
      xml.element("updated", Self.timestamp(publication.publishedOn))
      xml.element("published", Self.timestamp(publication.publishedOn))
      xml.link(rel: "alternate", type: "text/html", href: base + path)
      xml.raw("<author>")
      xml.element("name", publication.municipalityName)
      xml.element("uri", base + "/kommune/\(publication.municipalityCode)")
      xml.raw("</author>\n")
      xml.raw("<category term=\"\(publication.kind == .contract ? "kvalitetskontrakt" : "opfoelgning")\"/>\n")
      xml.element("summary", Self.summary(of: publication))
      xml.raw("</entry>\n")
    }
    xml.raw("</feed>\n")
    return xml.text
  }

  func response(updatedWhenEmpty: Int) -> Response {
    Response(
      status: .ok, headers: ["Content-Type": "application/atom+xml; charset=utf-8"],
      body: .bytes(Array(xml(updatedWhenEmpty: updatedWhenEmpty).utf8)))
  }
}

/// XML text built piece by piece, with text and attribute values escaped (and characters XML 1.0 does not allow
/// dropped).
struct XMLText {
  var text = ""

  mutating func raw(_ markup: String) { text += markup }

  mutating func element(_ name: String, _ content: String) {
    text += "<\(name)>\(Self.escape(content))</\(name)>\n"
  }

  mutating func link(rel: String, type: String, href: String) {
    text += "<link rel=\"\(rel)\" type=\"\(type)\" href=\"\(Self.escape(href))\"/>\n"
  }

  static func escape(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      case "'": output += "&apos;"
      case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        let allowed = value >= 0x20 && !(0xFFFE...0xFFFF).contains(value)
        if allowed { output.unicodeScalars.append(scalar) }
      }
    }
    return output
  }
}
