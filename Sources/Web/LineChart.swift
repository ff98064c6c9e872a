import Domain

/// An inline SVG chart of percentages month by month: one line per series on a 0–100 % scale, the months along the
/// bottom (a tick each month, "jan", "apr", "jul", "okt" and each year named), each series told apart by its
/// colour, its dash pattern AND its marker shape, and a legend naming them in text.
///
/// Made for `Content-Security-Policy: default-src 'self'` as `GoalChart` is: presentation attributes only, no
/// `style` and no script. The root has class `line-chart`, its parts `line-chart-…` classes a stylesheet may
/// restyle. Every series' line is ONE `<path>` (a missing value breaks it into pieces); markers, gridlines and
/// the legend use other elements. Line colours are 5.8:1 or more against white (`LineChartStyle`), gridlines
/// 3.4:1. The same input always gives the same bytes.
public struct LineChart: Sendable {
  public struct Series: Sendable {
    public var name: String
    /// One value (0–100) per month of the chart; nil where there is none (drawn as a gap).
    public var values: [Double?]

    public init(name: String, values: [Double?]) {
      self.name = name
      self.values = values
    }
  }

  /// Read as the chart's accessible name (its `<title>`).
  public var title: String
  /// Read as its `<desc>`: say what it shows and where the numbers are in words (a table next to it).
  public var description: String
  /// The months drawn, one after the other without gaps (any day of each month; only year and month count).
  public var months: [CalendarDate]
  /// Up to `LineChartStyle.all.count` series; more repeat the styles from the first.
  public var series: [Series]

  public init(title: String, description: String, months: [CalendarDate], series: [Series]) {
    self.title = title
    self.description = description
    self.months = months
    self.series = series
  }

  /// The chart, `role="img"` and labelled by its `<title>` and `<desc>` (ids `<idPrefix>-t` and `<idPrefix>-d`,
  /// made safe as in `GoalChart.svg`). Each marker has a `<title>` ("§2 …, marts 2011: 74,5 %") for a pointer.
  public func svg(idPrefix: String) -> RawHTML {
    let layout = LineChartLayout(months: months.count)
    var svg = SVGWriter(capacity: estimatedSize)
    svg.markup(##"<svg xmlns="http://www.w3.org/2000/svg" class="line-chart" viewBox="0 0 "##)
    svg.number(LineChartLayout.width)
    svg.markup(" ")
    svg.number(layout.height(legendEntries: series.count))
    svg.markup(##"" width="100%" role="img" aria-labelledby=""##)
    svg.identifier(idPrefix)
    svg.markup("-t ")
    svg.identifier(idPrefix)
    svg.markup(##"-d" font-family="sans-serif" font-size="10"><title id=""##)
    svg.identifier(idPrefix)
    svg.markup(##"-t">"##)
    svg.escaped(title)
    svg.markup(##"</title><desc id=""##)
    svg.identifier(idPrefix)
    svg.markup(##"-d">"##)
    svg.escaped(description)
    svg.markup("</desc>")
    drawGrid(layout, into: &svg)
    drawTimeAxis(layout, into: &svg)
    for (index, series) in series.enumerated() {
      drawSeries(series, style: LineChartStyle.style(index), layout, into: &svg)
    }
    drawLegend(layout, into: &svg)
    svg.markup("</svg>")
    return RawHTML(trustedBytes: svg.finish())
  }

  /// Room for the whole chart, so its buffer is mostly allocated once.
  private var estimatedSize: Int {
    var size = 4096 + 6 * (title.utf8.count + description.utf8.count) + 120 * months.count
    for series in series {
      size += 400 + 12 * series.name.utf8.count + months.count * (140 + 6 * series.name.utf8.count)
    }
    return size
  }

  private func drawGrid(_ layout: LineChartLayout, into svg: inout SVGWriter) {
    svg.markup(##"<g class="line-chart-grid" stroke="#8c8c8c" stroke-width="0.5">"##)
    for percent in LineChartLayout.gridPercents where percent > 0 {
      svg.markup("<line")
      svg.attribute("x1", LineChartLayout.plotLeft)
      svg.attribute("x2", LineChartLayout.plotRight)
      svg.attributes("y1", "y2", layout.y(percent))
      svg.markup("/>")
    }
    svg.markup(##"</g><g class="line-chart-values" fill="#505050" text-anchor="end">"##)
    for percent in LineChartLayout.gridPercents {
      svg.markup("<text")
      svg.attribute("x", LineChartLayout.plotLeft - 5)
      svg.attribute("y", layout.y(percent) + 3.5)
      svg.markup(">")
      svg.integer(Int(percent))
      svg.markup(" %</text>")
    }
    svg.markup("</g>")
  }

  private func drawTimeAxis(_ layout: LineChartLayout, into svg: inout SVGWriter) {
    let bottom = LineChartLayout.plotBottom
    svg.markup(##"<g class="line-chart-time" stroke="#505050" stroke-width="1"><line"##)
    svg.attribute("x1", LineChartLayout.plotLeft)
    svg.attribute("x2", LineChartLayout.plotRight)
    svg.attributes("y1", "y2", bottom)
    svg.markup("/>")
    for index in months.indices {
      let newYear = index == 0 || months[index].year != months[index - 1].year
      svg.markup("<line")
      svg.attributes("x1", "x2", layout.x(index))
      svg.attribute("y1", bottom)
      svg.attribute("y2", bottom + (newYear ? 16 : 4))
      svg.markup("/>")
    }
    svg.markup(##"</g><g class="line-chart-months" fill="#505050" font-size="9" text-anchor="middle">"##)
    for index in months.indices where (months[index].month - 1) % 3 == 0 {
      svg.markup("<text")
      svg.attribute("x", layout.x(index))
      svg.attribute("y", LineChartLayout.monthLabelBaseline)
      svg.markup(">")
      svg.markup(LineChartText.shortMonthNames[months[index].month - 1])
      svg.markup("</text>")
    }
    svg.markup(##"</g><g class="line-chart-years" fill="#505050" font-size="11" text-anchor="middle">"##)
    var start = 0
    for index in months.indices
    where index == months.count - 1 || months[index + 1].year != months[index].year {
      svg.markup("<text")
      svg.attribute("x", (layout.x(start) + layout.x(index)) / 2)
      svg.attribute("y", LineChartLayout.yearLabelBaseline)
      svg.markup(">")
      svg.integer(months[index].year)
      svg.markup("</text>")
      start = index + 1
    }
    svg.markup("</g>")
  }

  private func drawSeries(
    _ series: Series, style: LineChartStyle, _ layout: LineChartLayout, into svg: inout SVGWriter
  ) {
    svg.markup(##"<g class="line-chart-series""##)
    svg.markup(##" stroke=""##)
    svg.markup(style.colour)
    svg.markup(##""><path class="line-chart-line" fill="none" stroke-width="2""##)
    if let dashes = style.dashes {
      svg.markup(##" stroke-dasharray=""##)
      svg.markup(dashes)
      svg.markup(##"""##)
    }
    svg.markup(##" d=""##)
    var drawing = false
    var wroteAny = false
    for index in months.indices {
      guard index < series.values.count, let value = series.values[index] else {
        drawing = false
        continue
      }
      if wroteAny { svg.markup(" ") }
      svg.markup(drawing ? "L" : "M")
      svg.point(layout.x(index), layout.y(value))
      drawing = true
      wroteAny = true
    }
    if !wroteAny {
      // A path needs data; a lone move draws nothing.
      svg.markup("M")
      svg.point(LineChartLayout.plotLeft, LineChartLayout.plotBottom)
    }
    svg.markup(##""/>"##)
    svg.markup(##"<g class="line-chart-markers" fill=""##)
    svg.markup(style.colour)
    svg.markup(##"" stroke="#ffffff" stroke-width="0.75">"##)
    for index in months.indices {
      guard index < series.values.count, let value = series.values[index] else { continue }
      style.marker.draw(
        at: layout.x(index), layout.y(value), size: 3, colour: style.colour, into: &svg
      ) { svg in
        svg.markup("<title>")
        svg.escaped(series.name)
        svg.markup(", ")
        LineChartText.month(months[index], into: &svg)
        svg.markup(": ")
        svg.danishNumber(value, maximumFractionDigits: 1)
        svg.markup(" %</title>")
      }
    }
    svg.markup("</g></g>")
  }

  /// The legend under the time axis, two columns: each series' sample (a short line in its dash pattern with its
  /// marker) and name.
  private func drawLegend(_ layout: LineChartLayout, into svg: inout SVGWriter) {
    svg.markup(##"<g class="line-chart-legend">"##)
    for (index, series) in series.enumerated() {
      let style = LineChartStyle.style(index)
      let (x, y) = layout.legendPosition(index)
      let middle = y - 3.5
      svg.markup(##"<line stroke-width="2""##)
      svg.markup(##" stroke=""##)
      svg.markup(style.colour)
      svg.markup(##"""##)
      if let dashes = style.dashes {
        svg.markup(##" stroke-dasharray=""##)
        svg.markup(dashes)
        svg.markup(##"""##)
      }
      svg.attribute("x1", x)
      svg.attribute("x2", x + LineChartLayout.legendSampleWidth)
      svg.attributes("y1", "y2", middle)
      svg.markup("/>")
      svg.markup(##"<g stroke="#ffffff" stroke-width="0.75" fill=""##)
      svg.markup(style.colour)
      svg.markup(##"">"##)
      style.marker.draw(
        at: x + LineChartLayout.legendSampleWidth / 2, middle, size: 4, colour: style.colour, into: &svg
      ) { _ in }
      svg.markup(##"</g><text fill="#303030""##)
      svg.attribute("x", x + LineChartLayout.legendSampleWidth + 6)
      svg.attribute("y", y)
      svg.markup(">")
      svg.escaped(series.name)
      svg.markup("</text>")
    }
    svg.markup("</g>")
  }
}
