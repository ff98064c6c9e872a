extension GoalProgress {
  /// The status a goal's badge shows, judged on the latest measurement.
  public enum Badge: String, Hashable, Sendable, CaseIterable {
    /// Nået: the latest measurement meets or passes the target in the goal's direction.
    case reached
    /// På vej: not reached, but the latest measurement is at or better than the line on its date, and that date
    /// is before the target date.
    case onTrack = "on-track"
    /// Bagud: worse than the line, or on or after the target date without reaching the target.
    case behind
    /// Ingen data: no measurement, or the goal lacks a baseline or target value or date.
    case noData = "no-data"

    /// A stable class name for pages: "reached", "on-track", "behind", "no-data".
    public var cssClass: String { rawValue }

    /// The Danish label citizens see.
    public var label: String {
      switch self {
      case .reached: "nået"
      case .onTrack: "på vej"
      case .behind: "bagud"
      case .noData: "ingen data"
      }
    }
  }

  /// The badge and what it was judged on.
  public struct Assessment: Hashable, Sendable {
    public let badge: Badge
    /// The latest measurement, when there is one.
    public let measurement: Measurement?
    /// The line's value on the measurement's date, when both exist.
    public let expectedValue: Double?
  }

  /// Judges the latest measurement (by date). Edge cases, decided here:
  /// - equal is good enough: a value equal to the target is reached, one equal to the line on track (within the
  ///   tolerance of `meets`), so a goal to hold a level (baseline == target) is reached at that level;
  /// - a measurement dated before the baseline is judged against the baseline value (the line is flat there);
  /// - a target date on or before the baseline date makes the line a step (see `expectedValue(on:)`): before the
  ///   target date the baseline value, from it only reaching the target will do;
  /// - the direction alone says what is better, even for a target on the "wrong" side of the baseline;
  /// - an earlier measurement that reached the target does not count when the latest falls back.
  public var assessment: Assessment {
    let latest = latest
    guard let latest, let target, let expected = expectedValue(on: latest.date) else {
      return Assessment(badge: .noData, measurement: latest, expectedValue: nil)
    }
    let badge: Badge
    if meets(latest.value, target.value) {
      badge = .reached
    } else if latest.date < target.date && meets(latest.value, expected) {
      badge = .onTrack
    } else {
      badge = .behind
    }
    return Assessment(badge: badge, measurement: latest, expectedValue: expected)
  }

  public var badge: Badge { assessment.badge }

  /// One Danish sentence that says why the badge is what it is, e.g.
  /// "Målt 82 % pr. 31.12.2012; linjen mod målet lå på 84 %."
  public var explanation: String { explanation(of: assessment) }

  /// `explanation` for an `assessment` already made (it must be this progress's own).
  public func explanation(of assessment: Assessment) -> String {
    guard let measurement = assessment.measurement, let target, let expected = assessment.expectedValue else {
      if baseline == nil || target == nil {
        return "Målet mangler tal for udgangspunkt eller mål med dato, så fremdriften kan ikke vurderes."
      }
      return "Der er endnu ingen målinger."
    }
    let unit = unit
    // The longest sentence has 2 numbers with the unit, 2 dates and under 80 bytes of words.
    let capacity = 100 + 2 * (DanishNumber.maximumByteCount + 1 + (unit?.utf8.count ?? 0)) + 2 * 10
    return String(unsafeUninitializedCapacity: capacity) { buffer in
      var text = TextBytes(buffer)
      text.append("Målt ")
      text.append(measurement.value, unit: unit)
      text.append(" pr. ")
      text.append(measurement.date)
      switch assessment.badge {
      case .reached:
        text.append("; målet på ")
        text.append(target.value, unit: unit)
        text.append(" er nået.")
      case .behind where measurement.date >= target.date:
        text.append("; målet på ")
        text.append(target.value, unit: unit)
        text.append(" skulle være nået ")
        text.append(target.date)
        text.append(".")
      case .onTrack, .behind, .noData:
        text.append("; linjen mod målet lå på ")
        text.append(expected, unit: unit)
        // No second full stop after a unit that ends in one ("1.138,09 kr.").
        if !DanishNumber.endsWithFullStop(unit: unit) { text.append(".") }
      }
      return text.count
    }
  }

  /// `value` in Danish with the goal's unit: "82,5 %".
  public func format(_ value: Double) -> String {
    DanishNumber.format(value, unit: unit)
  }
}
