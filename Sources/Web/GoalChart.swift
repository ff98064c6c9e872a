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
    guard let layout = GoalChartLayout(progress) else { return nil }
    let id = safeID(idPrefix)
    let text = GoalChartText(progress, goalTitle: title)
    var svg = SVGWriter(capacity: 4096)
    svg.markup(##"<svg xmlns="http://www.w3.org/2000/svg" class="goal-chart goal-chart-"##)
    svg.escaped(progress.badge.cssClass)
    svg.markup(##"" viewBox="0 0 320 176" width="100%" role="img" aria-labelledby=""##)
    svg.escaped(id + "-t " + id + "-d")
    svg.markup(##"" font-family="sans-serif" font-size="10"><title id=""##)
    svg.escaped(id + "-t")
    svg.markup(##"">"##)
    svg.escaped(text.title)
    svg.markup(##"</title><desc id=""##)
    svg.escaped(id + "-d")
    svg.markup(##"">"##)
    svg.escaped(text.description)
    svg.markup("</desc>")
    drawGrid(layout, into: &svg)
    drawTimeAxis(layout, into: &svg)
    drawAdjustments(progress, text, layout, into: &svg)
    drawLine(progress, text, layout, into: &svg)
    drawMeasurements(progress, text, layout, into: &svg)
    drawLegend(progress, into: &svg)
    svg.markup("</svg>")
    return RawHTML(trustedBytes: svg.finish())
  }

  /// `prefix` made safe for an id and an ID reference list (see `svg`).
  static func safeID(_ prefix: String) -> String {
    var bytes: [UInt8] = prefix.utf8.map { byte in
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
        byte
      default: UInt8(ascii: "-")
      }
    }
    let startsWithLetter = bytes.first.map {
      ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z")
    }
    if startsWithLetter != true { bytes.insert(contentsOf: Array("c-".utf8), at: 0) }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func drawGrid(_ layout: GoalChartLayout, into svg: inout SVGWriter) {
    svg.markup(##"<g class="goal-chart-grid" stroke="#8c8c8c" stroke-width="0.5">"##)
    for (value, _) in layout.gridLabels {
      svg.markup("<line")
      svg.attribute("x1", layout.axisLeft)
      svg.attribute("x2", GoalChartLayout.axisRight)
      svg.attribute("y1", layout.y(value))
      svg.attribute("y2", layout.y(value))
      svg.markup("/>")
    }
    svg.markup(##"</g><g class="goal-chart-values" fill="#505050" text-anchor="end">"##)
    for (value, text) in layout.gridLabels {
      svg.markup("<text")
      svg.attribute("x", layout.axisLeft - 4)
      svg.attribute("y", layout.y(value) + 3.5)
      svg.markup(">")
      svg.escaped(text)
      svg.markup("</text>")
    }
    svg.markup("</g>")
  }

  private static func drawTimeAxis(_ layout: GoalChartLayout, into svg: inout SVGWriter) {
    let years = layout.years
    svg.markup(##"<g class="goal-chart-time" stroke="#505050" stroke-width="1"><line"##)
    svg.attribute("x1", layout.axisLeft)
    svg.attribute("x2", GoalChartLayout.axisRight)
    svg.attribute("y1", GoalChartLayout.plotBottom)
    svg.attribute("y2", GoalChartLayout.plotBottom)
    svg.markup("/>")
    for x in years.ticks {
      svg.markup("<line")
      svg.attribute("x1", x)
      svg.attribute("x2", x)
      svg.attribute("y1", GoalChartLayout.plotBottom)
      svg.attribute("y2", GoalChartLayout.plotBottom + 4)
      svg.markup("/>")
    }
    svg.markup(##"</g><g class="goal-chart-years" fill="#505050" text-anchor="middle">"##)
    for label in years.labels {
      svg.markup("<text")
      svg.attribute("x", label.x)
      svg.attribute("y", GoalChartLayout.yearLabelBaseline)
      svg.markup(">")
      svg.escaped(String(label.year))
      svg.markup("</text>")
    }
    svg.markup("</g>")
  }

  private static func drawAdjustments(
    _ progress: GoalProgress, _ text: GoalChartText, _ layout: GoalChartLayout, into svg: inout SVGWriter
  ) {
    for (index, adjustment) in progress.adjustments.enumerated() {
      let x = layout.x(adjustment.adjustedOn)
      svg.markup(##"<g class="goal-chart-adjustment" stroke="#a14600"><title>"##)
      svg.escaped(text.adjustments[index])
      svg.markup(##"</title><line stroke-width="1" stroke-dasharray="2 2""##)
      svg.attribute("x1", x)
      svg.attribute("x2", x)
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
        svg.escaped(text.oldTargets[index])
        svg.markup("</title></circle>")
      }
      svg.markup("</g>")
    }
  }

  private static func drawLine(
    _ progress: GoalProgress, _ text: GoalChartText, _ layout: GoalChartLayout, into svg: inout SVGWriter
  ) {
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
      svg.escaped(text.baseline ?? "")
      svg.markup("</title></rect>")
    }
    if let target = progress.target {
      svg.markup(
        ##"<circle class="goal-chart-target" r="5.5" fill="#ffffff" stroke="#1a6e2e" stroke-width="2""##)
      svg.attribute("cx", layout.x(target.date))
      svg.attribute("cy", layout.y(target.value))
      svg.markup("><title>Mål: ")
      svg.escaped(text.target ?? "")
      svg.markup("</title></circle>")
    }
  }

  private static func drawMeasurements(
    _ progress: GoalProgress, _ text: GoalChartText, _ layout: GoalChartLayout, into svg: inout SVGWriter
  ) {
    let measurements = progress.measurements
    if measurements.count > 1 {
      svg.markup(
        ##"<polyline class="goal-chart-measured" fill="none" stroke="#1d5aa6" stroke-width="2" points=""##)
      for (index, measurement) in measurements.enumerated() {
        if index > 0 { svg.markup(" ") }
        svg.point(layout.x(measurement.date), layout.y(measurement.value))
      }
      svg.markup(##""/>"##)
    }
    for (index, measurement) in measurements.enumerated() {
      svg.markup(
        ##"<path class="goal-chart-measurement" fill="#1d5aa6" stroke="#ffffff" stroke-width="1" d=""##)
      diamondPath(layout.x(measurement.date), layout.y(measurement.value), into: &svg)
      svg.markup(##""><title>Målt "##)
      svg.escaped(text.measurements[index])
      svg.markup("</title></path>")
    }
  }

  /// One row under the time axis naming each kind of mark the chart has (the adjustment's triangle and old target
  /// share the label "Justering").
  private static func drawLegend(_ progress: GoalProgress, into svg: inout SVGWriter) {
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
    if progress.baseline != nil {
      svg.markup(##"<rect width="7" height="7" fill="#505050""##)
      svg.attribute("x", x)
      svg.attribute("y", middle - 3.5)
      svg.markup("/>")
      x += 10
      label("Udgangspunkt", width: 72)
    }
    if progress.baseline != nil && progress.target != nil {
      svg.markup(##"<line stroke="#505050" stroke-width="1.5" stroke-dasharray="5 4""##)
      svg.attribute("x1", x)
      svg.attribute("x2", x + 16)
      svg.attribute("y1", middle)
      svg.attribute("y2", middle)
      svg.markup("/>")
      x += 19
      label("Mållinje", width: 40)
    }
    if progress.target != nil {
      svg.markup(##"<circle r="4" fill="#ffffff" stroke="#1a6e2e" stroke-width="2""##)
      svg.attribute("cx", x + 4)
      svg.attribute("cy", middle)
      svg.markup("/>")
      x += 11
      label("Mål", width: 19)
    }
    if !progress.measurements.isEmpty {
      svg.markup(##"<path fill="#1d5aa6" d=""##)
      diamondPath(x + 4.5, middle, into: &svg)
      svg.markup(##""/>"##)
      x += 12
      label("Målt", width: 22)
    }
    if !progress.adjustments.isEmpty {
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
