import Domain
import Foundation

/// Numbers and dates as staff type them into the forms, and numbers as the forms show them again.
enum TypedInput {
  /// A number as `DanishNumber.read` takes it, with a "%" after it allowed (the goal's unit, typed out of habit);
  /// nil when it is not a number or could be read two ways ("1.234").
  static func number(_ text: String) -> Double? {
    var text = Substring(text.trimmingCharacters(in: .whitespaces))
    if text.hasSuffix("%") { text.removeLast() }
    return DanishNumber.value(text)
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
