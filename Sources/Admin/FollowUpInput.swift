import Domain
import Foundation

/// Numbers and dates as staff type them into the follow-up forms.
enum FollowUpInput {
  /// A number written the Danish way ("90", "87,5", "1.234,5", "-3,25"), or with a decimal point when the dots
  /// cannot be thousands separators ("87.5"). Spaces and a trailing "%" are ignored. nil when it is not a number.
  static func number(_ text: String) -> Double? {
    var text = text.filter { $0 != " " && $0 != "\u{00A0}" }
    if text.hasSuffix("%") { text.removeLast() }
    var sign = 1.0
    if let first = text.first, first == "-" || first == "\u{2212}" {
      sign = -1
      text.removeFirst()
    }
    guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) else {
      return nil
    }
    let commas = text.filter { $0 == "," }.count
    guard commas <= 1 else { return nil }
    let integerPart: Substring
    let fraction: Substring
    if commas == 1 {
      let parts = text.split(separator: ",", omittingEmptySubsequences: false)
      integerPart = parts[0]
      fraction = parts[1]
      guard !fraction.contains(".") else { return nil }
    } else if text.contains("."), !isThousandsGrouped(Substring(text)) {
      let parts = text.split(separator: ".", omittingEmptySubsequences: false)
      guard parts.count == 2 else { return nil }
      integerPart = parts[0]
      fraction = parts[1]
    } else {
      integerPart = Substring(text)
      fraction = ""
    }
    guard integerPart.isEmpty ? !fraction.isEmpty : true else { return nil }
    if integerPart.contains(".") && !isThousandsGrouped(integerPart) { return nil }
    let digits = integerPart.filter { $0 != "." }
    guard let value = Double((digits.isEmpty ? "0" : digits) + (fraction.isEmpty ? "" : "." + fraction)),
      value.isFinite
    else { return nil }
    return sign * value
  }

  /// "1.234" and "12.345.678": groups of three digits after each dot.
  private static func isThousandsGrouped(_ text: Substring) -> Bool {
    let groups = text.split(separator: ".", omittingEmptySubsequences: false)
    guard groups.count > 1, let first = groups.first, (1...3).contains(first.count) else { return false }
    return groups.dropFirst().allSatisfy { $0.count == 3 }
  }

  /// "2026-09-01" as a date field sends it, or "1-9-2026", "01.09.2026", "01/09/2026" as people write it.
  static func date(_ text: String) -> CalendarDate? {
    if let date = CalendarDate(text) { return date }
    let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "." || $0 == "/" }
    guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
      parts[2].count == 4, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
    else { return nil }
    return CalendarDate(year: year, month: month, day: day)
  }

  /// A number as it goes back into a form field: Danish, without thousands separators ("87,5").
  static func text(_ value: Double?) -> String {
    guard let value else { return "" }
    return DanishNumber.format(value, maximumFractionDigits: 6).replacingOccurrences(of: ".", with: "")
  }

  /// "24-09-2026": how the forms' hints write an example date.
  static func example(_ date: CalendarDate) -> String {
    let parts = date.description.split(separator: "-")
    return "\(parts[2])-\(parts[1])-\(parts[0])"
  }
}
