import Domain

/// Numbers and dates as staff type them into the draft's forms.
enum DraftInput {
  /// A number written the Danish way ("90", "90,5", "1.234,5", "-3"), or with a decimal point when there is no
  /// comma and the point does not separate thousands ("90.5"). Spaces are ignored. nil when it is not a number.
  static func number(_ text: String) -> Double? {
    let compact = String(text.unicodeScalars.filter { $0 != " " && $0 != "\u{A0}" && $0 != "\u{202F}" })
    var body = Substring(compact)
    var negative = false
    if let first = body.first, first == "-" || first == "−" || first == "+" {
      negative = first != "+"
      body = body.dropFirst()
    }
    guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else {
      return nil
    }
    let commaParts = body.split(separator: ",", omittingEmptySubsequences: false)
    guard commaParts.count <= 2 else { return nil }
    var integer = commaParts[0]
    var fraction = commaParts.count == 2 ? commaParts[1] : nil
    if fraction != nil && fraction!.contains(".") { return nil }
    let groups = integer.split(separator: ".", omittingEmptySubsequences: false)
    if groups.count > 1 {
      let thousands =
        !groups[0].isEmpty && groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }
      if thousands && !(fraction == nil && groups.count == 2 && groups[0] == "0") {
        integer = Substring(groups.joined())
      } else if fraction == nil && groups.count == 2 {
        integer = groups[0]
        fraction = groups[1]
      } else {
        return nil
      }
    }
    guard !integer.isEmpty || !(fraction ?? "").isEmpty else { return nil }
    if let fraction, fraction.isEmpty { return nil }
    guard let value = Double((integer.isEmpty ? "0" : String(integer)) + "." + String(fraction ?? "0")),
      value.isFinite
    else { return nil }
    return negative ? -value : value
  }

  /// A date as `<input type="date">` sends it ("2013-12-31") or as Danes write it ("31-12-2013", "31.12.2013",
  /// "31/12/2013", with or without leading zeros). nil when it is not a real date.
  static func date(_ text: String) -> CalendarDate? {
    if let date = CalendarDate(text) { return date }
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" }).map(String.init)
    guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count),
      (1...2).contains(parts[1].count),
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
    else { return nil }
    return CalendarDate(year: year, month: month, day: day)
  }

  /// A number as the form shows it again: "82,5", "1.234".
  static func text(_ value: Double?) -> String {
    value.map { DanishNumber.format($0, maximumFractionDigits: 6) } ?? ""
  }
}
