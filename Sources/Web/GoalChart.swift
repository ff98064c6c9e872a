import Domain

/// A goal's small inline SVG chart: time across (baseline date to the later of the target date and the last
/// measurement, widened to take in earlier measurements, adjustment days and old target dates), value up with 2–3 labelled gridlines, the baseline (a filled square), a dashed straight line to
/// the target (a ring), the measurements (filled diamonds joined by a solid line) and each target adjustment (a
/// triangle and dotted line on the day, the old target as a dashed hollow circle). A legend names the shapes.
///
/// Made for `Content-Security-Policy: default-src 'self'`: presentation attributes only, no `style` and no
/// script. The root has class `goal-chart` (and `goal-chart-<badge.cssClass>`), its parts `goal-chart-…` classes
/// a site stylesheet may restyle. Colours: 8.1:1 (grey, text), 6.9:1 (blue), 6.3:1 (green), 6.2:1 (orange)
/// against white; gridlines 3.4:1. The same input always gives the same bytes.
public enum GoalChart {
  /// The chart, `role="img"` and labelled by a `<title>` and a `<desc>` that say in Danish words what it shows
  /// (baseline, target, every measurement, every adjustment with its reason, and the badge). Their ids are
  /// `<idPrefix>-t` and `<idPrefix>-d`, so give each chart on a page its own prefix ("goal-123"); characters other
  /// than ASCII letters, digits, `-`, `_` and `.` become `-`, and a prefix not starting with a letter gets `c-`.
  ///
  /// Returns nil when there is nothing to draw (no baseline, target or measurement with a number and a date):
  /// the page then says "ingen data" itself.
  public static func svg(_ progress: GoalProgress, title: String, idPrefix: String) -> RawHTML? {
    let assessment = progress.assessment
    return svg(
      progress, assessment: assessment, explanation: progress.explanation(of: assessment), title: title,
      idPrefix: idPrefix)
  }

  /// `svg(progress, title:, idPrefix:)` for a caller that already has `progress.assessment` and
  /// `progress.explanation(of:)` of it, so they are made once.
  public static func svg(
    _ progress: GoalProgress, assessment: GoalProgress.Assessment, explanation: String, title: String,
    idPrefix: String
  ) -> RawHTML? {
    guard let layout = GoalChartLayout(progress) else { return nil }
    let badge = assessment.badge
    var svg = SVGWriter(capacity: estimatedSize(progress, title: title, explanation: explanation))
    svg.markup(##"<svg xmlns="http://www.w3.org/2000/svg" class="goal-chart goal-chart-"##)
    svg.escaped(badge.cssClass)
    svg.markup(##"" viewBox="0 0 320 176" width="100%" role="img" aria-labelledby=""##)
    svg.identifier(idPrefix)
    svg.markup("-t ")
    svg.identifier(idPrefix)
    svg.markup("-d")
    svg.markup(##"" font-family="sans-serif" font-size="10"><title id=""##)
    svg.identifier(idPrefix)
    svg.markup("-t")
    svg.markup(##"">"##)
    GoalChartText.title(title, into: &svg)
    svg.markup(##"</title><desc id=""##)
    svg.identifier(idPrefix)
    svg.markup("-d")
    svg.markup(##"">"##)
    GoalChartText.description(progress, badge: badge, explanation: explanation, into: &svg)
    svg.markup("</desc>")
    drawGrid(layout, into: &svg)
    drawTimeAxis(layout, into: &svg)
    drawAdjustments(progress, layout, into: &svg)
    drawLine(progress, layout, into: &svg)
    drawMeasurements(progress, layout, into: &svg)
    svg.fragment(
      legends[
        (progress.baseline != nil ? 1 : 0) | (progress.target != nil ? 2 : 0)
          | (progress.measurements.isEmpty ? 0 : 4) | (progress.adjustments.isEmpty ? 0 : 8)])
    svg.markup("</svg>")
    return RawHTML(trustedBytes: svg.finish())
  }

  /// Room for the whole chart, so its buffer is allocated once: the fixed markup, every year tick, and each
  /// mark with its texts (those from data escaped, up to 6 bytes a byte).
  private static func estimatedSize(_ progress: GoalProgress, title: String, explanation: String) -> Int {
    var years = 2
    if let first = progress.measurements.first?.date.year, let last = progress.measurements.last?.date.year {
      years += last - first
    }
    if let baseline = progress.baseline, let target = progress.target {
      years += abs(target.date.year - baseline.date.year)
    }
    let unit = progress.unit?.utf8.count ?? 0
    var size = 3072 + 6 * (title.utf8.count + explanation.utf8.count) + 90 * years + 24 * unit
    size += progress.measurements.count * (480 + 18 * unit)
    for adjustment in progress.adjustments {
      size += 1024 + 24 * unit + 6 * adjustment.reason.utf8.count
    }
    return size
  }

  /// `prefix` made safe for an id and an ID reference list (see `svg`).
  static func safeID(_ prefix: String) -> String {
    var svg = SVGWriter(capacity: prefix.utf8.count + 2)
    svg.identifier(prefix)
    return String(decoding: svg.finish(), as: UTF8.self)
  }

  private static func drawGrid(_ layout: GoalChartLayout, into svg: inout SVGWriter) {
    let scale = layout.values
    svg.markup(##"<g class="goal-chart-grid" stroke="#8c8c8c" stroke-width="0.5">"##)
    for multiple in scale.gridMultiples {
      svg.markup("<line")
      svg.attribute("x1", layout.axisLeft)
      svg.fragment(axisRight)
      svg.attributes("y1", "y2", layout.y(multiple * scale.step))
      svg.markup("/>")
    }
    svg.markup(##"</g><g class="goal-chart-values" fill="#505050" text-anchor="end">"##)
    for multiple in scale.gridMultiples {
      let value = multiple * scale.step
      svg.markup("<text")
      svg.attribute("x", layout.axisLeft - 4)
      svg.attribute("y", layout.y(value) + 3.5)
      svg.markup(">")
      svg.danishNumber(value, maximumFractionDigits: scale.fractionDigits)
      if let unit = layout.labelUnit {
        svg.markup(" ")
        svg.escaped(unit)
      }
      svg.markup("</text>")
    }
    svg.markup("</g>")
  }

  /// ` x2="314"`, where the value axis's gridlines end.
  private static let axisRight = SVGFragment { $0.attribute("x2", GoalChartLayout.axisRight) }

  /// The end of a year tick under the time axis, after its x1 and x2.
  private static let tickEnd = SVGFragment {
    $0.attribute("y1", GoalChartLayout.plotBottom)
    $0.attribute("y2", GoalChartLayout.plotBottom + 4)
    $0.markup("/>")
  }

  /// ` y="142">`, the baseline of a year label.
  private static let yearLabelY = SVGFragment {
    $0.attribute("y", GoalChartLayout.yearLabelBaseline)
    $0.markup(">")
  }

  private static func drawTimeAxis(_ layout: GoalChartLayout, into svg: inout SVGWriter) {
    svg.markup(##"<g class="goal-chart-time" stroke="#505050" stroke-width="1"><line"##)
    svg.attribute("x1", layout.axisLeft)
    svg.attribute("x2", GoalChartLayout.axisRight)
    svg.attribute("y1", GoalChartLayout.plotBottom)
    svg.attribute("y2", GoalChartLayout.plotBottom)
    svg.markup("/>")
    layout.newYears { _, x in
      svg.markup("<line")
      svg.attributes("x1", "x2", x)
      svg.fragment(tickEnd)
    }
    svg.markup(##"</g><g class="goal-chart-years" fill="#505050" text-anchor="middle">"##)
    layout.yearLabels { year, x in
      svg.markup("<text")
      svg.attribute("x", x)
      svg.fragment(yearLabelY)
      svg.integer(year)
      svg.markup("</text>")
    }
    svg.markup("</g>")
  }

  private static func drawAdjustments(
    _ progress: GoalProgress, _ layout: GoalChartLayout, into svg: inout SVGWriter
  ) {
    for adjustment in progress.adjustments {
      let x = layout.x(adjustment.adjustedOn)
      svg.markup(##"<g class="goal-chart-adjustment" stroke="#a14600"><title>"##)
      GoalChartText.adjustment(adjustment, progress, into: &svg)
      svg.markup(##"</title><line stroke-width="1" stroke-dasharray="2 2""##)
      svg.attributes("x1", "x2", x)
      svg.attribute("y1", GoalChartLayout.plotTop + 6)
      svg.attribute("y2", GoalChartLayout.plotBottom)
      svg.markup(##"/><polygon fill="#a14600" points=""##)
      trianglePoints(x, GoalChartLayout.plotTop, into: &svg)
      svg.markup(##""/>"##)
      if let old = GoalChartLayout.oldTargetPoint(adjustment, progress) {
        svg.markup(##"<circle class="goal-chart-old-target" r="4.5" fill="#ffffff" stroke-width="1.5""##)
        svg.markup(##" stroke-dasharray="2 1.5""##)
        svg.attribute("cx", layout.x(old.date))
        svg.attribute("cy", layout.y(old.value))
        svg.markup("><title>")
        GoalChartText.oldTarget(adjustment, progress, into: &svg)
        svg.markup("</title></circle>")
      }
      svg.markup("</g>")
    }
  }

  private static func drawLine(_ progress: GoalProgress, _ layout: GoalChartLayout, into svg: inout SVGWriter)
  {
    if let baseline = progress.baseline, let target = progress.target {
      svg.markup(
        ##"<line class="goal-chart-line" stroke="#505050" stroke-width="1.5" stroke-dasharray="5 4""##)
      svg.attribute("x1", layout.x(baseline.date))
      svg.attribute("y1", layout.y(baseline.value))
      svg.attribute("x2", layout.x(target.date))
      svg.attribute("y2", layout.y(target.value))
      svg.markup("/>")
    }
    if let baseline = progress.baseline {
      svg.markup(##"<rect class="goal-chart-baseline" width="8" height="8" fill="#505050""##)
      svg.attribute("x", layout.x(baseline.date) - 4)
      svg.attribute("y", layout.y(baseline.value) - 4)
      svg.markup("><title>Udgangspunkt: ")
      GoalChartText.baseline(baseline, progress, into: &svg)
      svg.markup("</title></rect>")
    }
    if let target = progress.target {
      svg.markup(
        ##"<circle class="goal-chart-target" r="5.5" fill="#ffffff" stroke="#1a6e2e" stroke-width="2""##)
      svg.attribute("cx", layout.x(target.date))
      svg.attribute("cy", layout.y(target.value))
      svg.markup("><title>Mål: ")
      GoalChartText.target(target, progress, into: &svg)
      svg.markup("</title></circle>")
    }
  }

  private static func drawMeasurements(
    _ progress: GoalProgress, _ layout: GoalChartLayout, into svg: inout SVGWriter
  ) {
    let measurements = progress.measurements
    if measurements.count > 1 {
      svg.markup(
        ##"<polyline class="goal-chart-measured" fill="none" stroke="#1d5aa6" stroke-width="2" points=""##)
      for index in measurements.indices {
        if index > 0 { svg.markup(" ") }
        svg.point(layout.x(measurements[index].date), layout.y(measurements[index].value))
      }
      svg.markup(##""/>"##)
    }
    for measurement in measurements {
      svg.markup(
        ##"<path class="goal-chart-measurement" fill="#1d5aa6" stroke="#ffffff" stroke-width="1" d=""##)
      diamondPath(layout.x(measurement.date), layout.y(measurement.value), into: &svg)
      svg.markup(##""><title>Målt "##)
      GoalChartText.measurement(measurement, progress, into: &svg)
      svg.markup("</title></path>")
    }
  }

  /// The legend of a chart with a baseline (1), a target (2), measurements (4) and adjustments (8), by the sum of
  /// the numbers of what it has: it depends on nothing else, so each is written once.
  private static let legends = (0..<16).map { marks in
    SVGFragment {
      drawLegend(
        baseline: marks & 1 != 0, target: marks & 2 != 0, measurements: marks & 4 != 0,
        adjustments: marks & 8 != 0, into: &$0)
    }
  }

  /// One row under the time axis naming each kind of mark the chart has (the adjustment's triangle and old target
  /// share the label "Justering").
  private static func drawLegend(
    baseline: Bool, target: Bool, measurements: Bool, adjustments: Bool, into svg: inout SVGWriter
  ) {
    let y = GoalChartLayout.legendBaseline
    let middle = y - 3.5
    var x = 4.0
    svg.markup(##"<g class="goal-chart-legend" fill="#505050">"##)
    /// `width` is the text's width in DejaVu Sans, the widest of the common sans-serif fonts, at size 10.
    func label(_ text: StaticString, width: Double) {
      svg.markup("<text")
      svg.attribute("x", x)
      svg.attribute("y", y)
      svg.markup(">")
      svg.markup(text)
      svg.markup("</text>")
      x += width + 7
    }
    if baseline {
      svg.markup(##"<rect width="7" height="7" fill="#505050""##)
      svg.attribute("x", x)
      svg.attribute("y", middle - 3.5)
      svg.markup("/>")
      x += 10
      label("Udgangspunkt", width: 72)
    }
    if baseline && target {
      svg.markup(##"<line stroke="#505050" stroke-width="1.5" stroke-dasharray="5 4""##)
      svg.attribute("x1", x)
      svg.attribute("x2", x + 16)
      svg.attribute("y1", middle)
      svg.attribute("y2", middle)
      svg.markup("/>")
      x += 19
      label("Mållinje", width: 40)
    }
    if target {
      svg.markup(##"<circle r="4" fill="#ffffff" stroke="#1a6e2e" stroke-width="2""##)
      svg.attribute("cx", x + 4)
      svg.attribute("cy", middle)
      svg.markup("/>")
      x += 11
      label("Mål", width: 19)
    }
    if measurements {
      svg.markup(##"<path fill="#1d5aa6" d=""##)
      diamondPath(x + 4.5, middle, into: &svg)
      svg.markup(##""/>"##)
      x += 12
      label("Målt", width: 22)
    }
    if adjustments {
      svg.markup(##"<polygon fill="#a14600" points=""##)
      trianglePoints(x + 4, middle - 3, into: &svg)
      svg.markup(
        ##""/><circle r="3.5" fill="#ffffff" stroke="#a14600" stroke-width="1.5" stroke-dasharray="2 1.5""##)
      svg.attribute("cx", x + 15)
      svg.attribute("cy", middle)
      svg.markup("/>")
      x += 22
      label("Justering", width: 47)
    }
    svg.markup("</g>")
  }

  /// A diamond 10 units across centred on (x, y), as path data.
  private static func diamondPath(_ x: Double, _ y: Double, into svg: inout SVGWriter) {
    svg.markup("M")
    svg.point(x, y - 5)
    svg.markup("L")
    svg.point(x + 5, y)
    svg.markup("L")
    svg.point(x, y + 5)
    svg.markup("L")
    svg.point(x - 5, y)
    svg.markup("Z")
  }

  /// A downward triangle 8 wide and 6 high hanging from (x, top).
  private static func trianglePoints(_ x: Double, _ top: Double, into svg: inout SVGWriter) {
    svg.point(x - 4, top)
    svg.markup(" ")
    svg.point(x + 4, top)
    svg.markup(" ")
    svg.point(x, top + 6)
  }
}
