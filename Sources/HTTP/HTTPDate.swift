import Glibc

/// HTTP dates (RFC 9110 §5.6.7), as seconds since 1970 in UTC.
public enum HTTPDate {
  private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let longDayNames = [
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
  ]
  private static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
  public static func format(_ secondsSince1970: Int) -> String {
    String(decoding: formatBytes(secondsSince1970), as: UTF8.self)
  }

  /// IMF-fixdate as 29 ASCII bytes.
  static func formatBytes(_ secondsSince1970: Int) -> [UInt8] {
    let days = floorDiv(secondsSince1970, 86_400)
    let secondOfDay = secondsSince1970 - days * 86_400
    let (year, month, day) = civilDate(fromDays: days)
    let weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
    var out: [UInt8] = []
    out.reserveCapacity(29)
    out.append(contentsOf: dayNames[weekday].utf8)
    out.append(contentsOf: ", ".utf8)
    appendDigits(&out, day, width: 2)
    out.append(0x20)
    out.append(contentsOf: monthNames[month - 1].utf8)
    out.append(0x20)
    appendDigits(&out, year, width: 4)
    out.append(0x20)
    appendDigits(&out, secondOfDay / 3600, width: 2)
    out.append(UInt8(ascii: ":"))
    appendDigits(&out, secondOfDay / 60 % 60, width: 2)
    out.append(UInt8(ascii: ":"))
    appendDigits(&out, secondOfDay % 60, width: 2)
    out.append(contentsOf: " GMT".utf8)
    return out
  }

  /// Parses IMF-fixdate and the two obsolete forms (RFC 850 and asctime); nil if `s` is none of them.
  public static func parse(_ s: String) -> Int? {
    var scanner = DateScanner(Array(s.utf8))
    if let value = parseIMFFixdate(&scanner) { return value }
    scanner.position = 0
    if let value = parseRFC850(&scanner) { return value }
    scanner.position = 0
    return parseAsctime(&scanner)
  }

  // Sun, 06 Nov 1994 08:49:37 GMT
  private static func parseIMFFixdate(_ scanner: inout DateScanner) -> Int? {
    guard scanner.word(from: dayNames) != nil, scanner.literal(", "),
      let day = scanner.digits(2), scanner.literal(" "),
      let month = scanner.word(from: monthNames), scanner.literal(" "),
      let year = scanner.digits(4), scanner.literal(" "),
      let time = scanner.timeOfDay(), scanner.literal(" GMT"), scanner.atEnd
    else { return nil }
    return seconds(year: year, month: month + 1, day: day, time: time)
  }

  // Sunday, 06-Nov-94 08:49:37 GMT
  private static func parseRFC850(_ scanner: inout DateScanner) -> Int? {
    guard scanner.word(from: longDayNames) != nil, scanner.literal(", "),
      let day = scanner.digits(2), scanner.literal("-"),
      let month = scanner.word(from: monthNames), scanner.literal("-"),
      let shortYear = scanner.digits(2), scanner.literal(" "),
      let time = scanner.timeOfDay(), scanner.literal(" GMT"), scanner.atEnd
    else { return nil }
    return seconds(year: fullYear(shortYear), month: month + 1, day: day, time: time)
  }

  // Sun Nov  6 08:49:37 1994
  private static func parseAsctime(_ scanner: inout DateScanner) -> Int? {
    guard scanner.word(from: dayNames) != nil, scanner.literal(" "),
      let month = scanner.word(from: monthNames), scanner.literal(" ")
    else { return nil }
    let day: Int
    if scanner.literal(" ") {
      guard let single = scanner.digits(1) else { return nil }
      day = single
    } else {
      guard let double = scanner.digits(2) else { return nil }
      day = double
    }
    guard scanner.literal(" "), let time = scanner.timeOfDay(), scanner.literal(" "),
      let year = scanner.digits(4), scanner.atEnd
    else { return nil }
    return seconds(year: year, month: month + 1, day: day, time: time)
  }

  /// A two-digit year that would lie more than 50 years in the future means the most recent past year
  /// with those digits (RFC 9110 §5.6.7).
  private static func fullYear(_ shortYear: Int) -> Int {
    let now = civilDate(fromDays: floorDiv(Int(time(nil)), 86_400)).year
    var year = now - now % 100 + shortYear
    if year > now + 50 { year -= 100 }
    return year
  }

  private static func seconds(year: Int, month: Int, day: Int, time: Int) -> Int? {
    guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
    return days(year: year, month: month, day: day) * 86_400 + time
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  private static func floorDiv(_ a: Int, _ b: Int) -> Int {
    a >= 0 ? a / b : -((-a + b - 1) / b)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
  static func days(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = floorDiv(y, 400)
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The inverse of `days(year:month:day:)`.
  static func civilDate(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = floorDiv(z, 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func appendDigits(_ out: inout [UInt8], _ value: Int, width: Int) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
      rest %= divisor
      divisor /= 10
    }
  }
}

private struct DateScanner {
  let bytes: [UInt8]
  var position = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  var atEnd: Bool { position == bytes.count }

  mutating func literal(_ text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard position + count <= bytes.count else { return false }
    for offset in 0..<count where bytes[position + offset] != text.utf8Start[offset] {
      return false
    }
    position += count
    return true
  }

  /// The index of the word in `words` found here (exact case).
  mutating func word(from words: [String]) -> Int? {
    for (index, word) in words.enumerated() {
      let utf8 = Array(word.utf8)
      if position + utf8.count <= bytes.count, Array(bytes[position..<position + utf8.count]) == utf8 {
        position += utf8.count
        return index
      }
    }
    return nil
  }

  mutating func digits(_ count: Int) -> Int? {
    guard position + count <= bytes.count else { return nil }
    var value = 0
    for offset in 0..<count {
      let byte = bytes[position + offset]
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    position += count
    return value
  }

  /// hh:mm:ss as seconds of the day.
  mutating func timeOfDay() -> Int? {
    guard let hour = digits(2), literal(":"), let minute = digits(2), literal(":"), let second = digits(2),
      hour < 24, minute < 60, second <= 60
    else { return nil }
    return hour * 3600 + minute * 60 + second
  }
}
