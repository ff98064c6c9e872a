import Domain

/// The value axis: the data's range, padded by 8 % (at least 1, or 10 % of the value, when all values are
/// equal), with 2–3 gridlines at round values (multiples of a step of 1, 2, 2.5 or 5 times a power of ten) inside
/// it. When only one multiple of the best step falls inside, the range grows to the next one.
struct GoalChartValueScale: Equatable {
  let low: Double
  let high: Double
  let step: Double
  /// The gridlines are `step` times firstMultiple, firstMultiple + 1, …, lastMultiple.
  let firstMultiple: Double
  let lastMultiple: Double
  /// Enough decimals to write every gridline value exactly (at most 6).
  let fractionDigits: Int

  /// `values` must be finite and not empty. Non-negative data never gets a negative axis, and percentages of at
  /// most 100 never an axis past 100.
  init(values: [Double], isPercent: Bool) {
    var minimum = values[0]
    var maximum = values[0]
    for value in values {
      minimum = min(minimum, value)
      maximum = max(maximum, value)
    }
    self.init(minimum: minimum, maximum: maximum, isPercent: isPercent)
  }

  /// The scale for data from `minimum` to `maximum` (finite, minimum <= maximum).
  init(minimum: Double, maximum: Double, isPercent: Bool) {
    let dataSpan = maximum - minimum
    let pad = dataSpan > 0 ? dataSpan * 0.08 : max(minimum.magnitude * 0.1, 1)
    let floor = minimum >= 0 ? 0 : -Double.infinity
    let ceiling = isPercent && maximum <= 100 ? 100 : Double.infinity
    var low = max(minimum - pad, floor)
    var high = min(maximum + pad, ceiling)
    let span = high - low

    // Steps from a fortieth of the span up (40 or more multiples inside) until at most 3 fall inside; a step at
    // most 2.5 times the one before still has at least 1 inside. Every loop is bounded, so even 1e308 ends.
    var base = 1.0
    var rounds = 0
    while base * 10 <= span / 40 && rounds < 330 {
      base *= 10
      rounds += 1
    }
    while base > span / 40 && rounds < 660 {
      base /= 10
      rounds += 1
    }
    var chosen = (step: span, first: (low / span).rounded(.up), last: (low / span).rounded(.up))
    search: for _ in 0..<660 {
      for mantissa in [1.0, 2, 2.5, 5] {
        let step = mantissa * base
        let first = (low / step - 1e-9).rounded(.up)
        let last = (high / step + 1e-9).rounded(.down)
        if last - first <= 2 {
          chosen = (step, first, last)
          break search
        }
      }
      base *= 10
    }
    if chosen.last <= chosen.first {
      // One gridline: add the neighbour nearer the data that stays within the floor and ceiling.
      let below = (chosen.first - 1) * chosen.step
      let above = (chosen.first + 1) * chosen.step
      let belowFits = below >= floor
      let aboveFits = above <= ceiling
      if belowFits && (!aboveFits || low - below <= above - high) {
        chosen.first -= 1
        low = min(low, below)
      } else {
        chosen.last = chosen.first + 1
        high = max(high, above)
      }
    }
    low = min(low, chosen.first * chosen.step)
    high = max(high, chosen.last * chosen.step)
    step = chosen.step
    firstMultiple = chosen.first
    lastMultiple = chosen.last
    self.low = low
    self.high = high
    var digits = 0
    var scaled = step
    while digits < 6 && (scaled - scaled.rounded()).magnitude > 1e-9 * max(1, scaled.magnitude) {
      digits += 1
      scaled *= 10
    }
    fractionDigits = digits
  }

  /// The gridline values from low to high.
  var gridValues: [Double] {
    gridMultiples.map { $0 * step }
  }

  /// The gridlines as multiples of `step`, from low to high, without an array.
  var gridMultiples: StrideThrough<Double> {
    stride(from: firstMultiple, through: lastMultiple, by: 1)
  }
}

/// The time axis: whole days from the earliest date shown to the latest, half a year either side when they are
/// one day.
struct GoalChartTimeScale: Equatable {
  let start: CalendarDate
  let end: CalendarDate

  init(dates: [CalendarDate]) {
    var start = dates[0]
    var end = dates[0]
    for date in dates {
      start = min(start, date)
      end = max(end, date)
    }
    self.init(earliest: start, latest: end)
  }

  /// The scale for dates from `earliest` to `latest` (earliest <= latest).
  init(earliest: CalendarDate, latest: CalendarDate) {
    var start = earliest
    var end = latest
    if start == end {
      start = start.adding(days: -183)
      end = end.adding(days: 183)
    }
    self.start = start
    self.end = end
    days = Double(start.days(to: end))
  }

  /// Days from start to end, at least 1.
  let days: Double

  /// Where `date` lies between start (0) and end (1).
  func fraction(_ date: CalendarDate) -> Double {
    Double(start.days(to: date)) / days
  }
}
