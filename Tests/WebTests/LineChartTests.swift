import Domain
import Foundation
import XCTest

@testable import Web

final class LineChartTests: XCTestCase {
  /// The last day of each month of `years`.
  private func months(_ years: ClosedRange<Int>) -> [CalendarDate] {
    years.flatMap { year in
      (1...12).map { CalendarDate(year: year, month: $0, day: CalendarDate.daysIn(month: $0, year: year))! }
    }
  }

  /// Seven series over 2010–2013: each rises in its own way, the third has a gap, the last has no value at all.
  private func sample() -> LineChart {
    let dates = months(2010...2013)
    let series = (0..<7).map { index -> LineChart.Series in
      let values: [Double?] = dates.indices.map { month in
        if index == 6 { return nil }
        if index == 2 && (10..<14).contains(month) { return nil }
        return min(100, Double(month * (index + 1)) / 2)
      }
      return LineChart.Series(name: "Regel \(index + 1)", values: values)
    }
    return LineChart(
      title: "Andel kommuner", description: "Alle tal står i tabellen.", months: dates, series: series)
  }

  private func document(_ chart: LineChart, id: String = "trend") throws -> (bytes: [UInt8], svg: SVGDocument)
  {
    let html = chart.svg(idPrefix: id)
    return (html.bytes, try SVGDocument(html.bytes))
  }

  /// The coordinates after each M or L of a path's data, and how many pieces (M) it has.
  private func points(_ path: SVGDocument.Element) -> (points: [(x: Double, y: Double)], pieces: Int) {
    let data = path.attributes["d"] ?? ""
    var points: [(x: Double, y: Double)] = []
    var pieces = 0
    for command in data.split(separator: " ") {
      if command.first == "M" { pieces += 1 }
      let numbers = command.dropFirst().split(separator: ",").compactMap { Double($0) }
      if numbers.count == 2 { points.append((numbers[0], numbers[1])) }
    }
    return (points, pieces)
  }

  func testTheChartIsWellFormedXMLAndAnImageLabelledByItsTitleAndDescription() throws {
    let svg = try document(sample()).svg
    XCTAssertEqual(svg.root.name, "svg")
    XCTAssertEqual(svg.root.attributes["xmlns"], "http://www.w3.org/2000/svg")
    XCTAssertEqual(svg.root.attributes["role"], "img")
    XCTAssertTrue(svg.root.classes.contains("line-chart"))
    let labelledBy = try XCTUnwrap(svg.root.attributes["aria-labelledby"]).split(separator: " ").map(
      String.init)
    XCTAssertEqual(labelledBy, ["trend-t", "trend-d"])
    let title = try XCTUnwrap(svg.element(id: "trend-t"))
    let desc = try XCTUnwrap(svg.element(id: "trend-d"))
    XCTAssertEqual(title.name, "title")
    XCTAssertEqual(desc.name, "desc")
    XCTAssertEqual(title.ancestors, ["svg"])
    XCTAssertEqual(title.text, "Andel kommuner")
    XCTAssertEqual(desc.text, "Alle tal står i tabellen.")
  }

  func testOnePathPerSeriesAndNoPathForAnythingElse() throws {
    let chart = sample()
    let svg = try document(chart).svg
    let paths = svg.all("path")
    XCTAssertEqual(paths.count, chart.series.count)
    XCTAssertEqual(svg.all(class: "line-chart-line").count, chart.series.count)
    for path in paths {
      XCTAssertEqual(path.attributes["fill"], "none")
      XCTAssertTrue(path.ancestorClasses.last?.contains("line-chart-series") ?? false)
    }
  }

  func testAMissingValueBreaksTheLineAndASeriesWithoutValuesDrawsNothing() throws {
    let chart = sample()
    let paths = try document(chart).svg.all(class: "line-chart-line")
    let whole = points(paths[0])
    XCTAssertEqual(whole.pieces, 1)
    XCTAssertEqual(whole.points.count, chart.months.count)
    let gapped = points(paths[2])
    XCTAssertEqual(gapped.pieces, 2)
    XCTAssertEqual(gapped.points.count, chart.series[2].values.compactMap { $0 }.count)
    let empty = try XCTUnwrap(paths[6].attributes["d"])
    XCTAssertFalse(empty.contains("L"), empty)
    XCTAssertEqual(points(paths[6]).pieces, 1)
  }

  func testNoInlineStyleOrScriptAnywhere() throws {
    var chart = sample()
    chart.series[0].name = #"style="color:red" <script>"#
    let (bytes, svg) = try document(chart)
    XCTAssertEqual(svg.all("style").count, 0)
    XCTAssertEqual(svg.all("script").count, 0)
    for element in svg.elements {
      XCTAssertNil(element.attributes["style"], element.name)
    }
    XCTAssertFalse(String(decoding: bytes, as: UTF8.self).contains(" style="))
    XCTAssertTrue(svg.all("text").contains { $0.text == chart.series[0].name }, "the name is shown as text")
  }

  func testValuesRunFromZeroAtTheAxisToOneHundredAtTheTopGridline() throws {
    let dates = months(2011...2011)
    let values: [Double?] = [0, 25, 50, 75, 100, 50, 50, 50, 50, 50, 50, 100]
    let chart = LineChart(
      title: "t", description: "d", months: dates, series: [LineChart.Series(name: "a", values: values)])
    let svg = try document(chart).svg
    let drawn = points(try XCTUnwrap(svg.all(class: "line-chart-line").first)).points
    XCTAssertEqual(drawn.count, 12)
    let labels = svg.elements.filter { $0.ancestorClasses.last == "line-chart-values" }
    XCTAssertEqual(labels.map(\.text), ["0 %", "25 %", "50 %", "75 %", "100 %"])
    for (index, label) in labels.enumerated() {
      let labelY = try XCTUnwrap(Double(label.attributes["y"] ?? ""))
      XCTAssertEqual(drawn[index].y, labelY - 3.5, accuracy: 0.11, "value \(values[index]!)")
    }
    let axis = try XCTUnwrap(
      svg.elements.first { $0.ancestorClasses.last?.contains("line-chart-time") ?? false })
    XCTAssertEqual(drawn[0].y, Double(axis.attributes["y1"] ?? ""))
    XCTAssertTrue(zip(drawn, drawn.dropFirst()).allSatisfy { $0.x < $1.x }, "months go left to right")
  }

  func testTheTimeAxisNamesEveryYearAndEveryQuarter() throws {
    let svg = try document(sample()).svg
    let years = svg.elements.filter { $0.ancestorClasses.last == "line-chart-years" }.map(\.text)
    XCTAssertEqual(years, ["2010", "2011", "2012", "2013"])
    let months = svg.elements.filter { $0.ancestorClasses.last == "line-chart-months" }.map(\.text)
    XCTAssertEqual(months, Array(repeating: ["jan", "apr", "jul", "okt"], count: 4).flatMap { $0 })
    let ticks = svg.all("line").filter { $0.ancestorClasses.last?.contains("line-chart-time") ?? false }
    XCTAssertEqual(ticks.count, 1 + 48, "the axis and a tick per month")
  }

  func testEveryValueHasAMarkerTitledWithSeriesMonthAndValue() throws {
    let chart = sample()
    let svg = try document(chart).svg
    let markers = svg.elements.filter { $0.ancestorClasses.last == "line-chart-markers" }
    XCTAssertEqual(markers.count, chart.series.map { $0.values.compactMap { $0 }.count }.reduce(0, +))
    let titles = svg.all("title").map(\.text)
    XCTAssertTrue(titles.contains("Regel 2, marts 2010: 2 %"), "\(titles.prefix(5))")
    XCTAssertTrue(titles.contains("Regel 1, februar 2010: 0,5 %"))
    XCTAssertFalse(titles.contains { $0.hasPrefix("Regel 7,") }, "no marker where there is no value")
  }

  /// Each line differs from every other in colour, dash pattern and marker shape, so none relies on colour.
  func testSeriesDifferInColourDashesAndMarkerAndTheLegendNamesThem() throws {
    var chart = sample()
    chart.series[6].values = Array(repeating: 30, count: chart.months.count)
    let svg = try document(chart).svg
    let groups = svg.all(class: "line-chart-series")
    XCTAssertEqual(groups.count, 7)
    let colours = groups.compactMap { $0.attributes["stroke"] }
    let dashes = svg.all(class: "line-chart-line").map { $0.attributes["stroke-dasharray"] ?? "solid" }
    XCTAssertEqual(Set(colours).count, 7)
    XCTAssertEqual(Set(dashes).count, 7)
    var markerShapes: [String] = []
    for element in svg.elements {
      if element.classes.contains("line-chart-series") { markerShapes.append("") }
      guard element.ancestorClasses.last == "line-chart-markers", element.name != "title",
        markerShapes.last == ""
      else { continue }
      markerShapes[markerShapes.count - 1] = shape(element)
    }
    XCTAssertEqual(markerShapes.count, 7)
    XCTAssertFalse(markerShapes.contains(""))
    XCTAssertEqual(Set(markerShapes).count, 7)
    let legend = svg.elements.filter { $0.ancestorClasses.last == "line-chart-legend" && $0.name == "text" }
    XCTAssertEqual(legend.map(\.text), chart.series.map(\.name))
    let samples = svg.elements.filter { $0.ancestorClasses.last == "line-chart-legend" && $0.name == "line" }
    XCTAssertEqual(samples.map { $0.attributes["stroke"] ?? "" }, colours)
    XCTAssertEqual(samples.map { $0.attributes["stroke-dasharray"] ?? "solid" }, dashes)
  }

  /// WCAG 1.4.11: each line's colour against the white background, at least 3:1.
  func testEveryLineColourHasAContrastOfAtLeastThreeToOneOnWhite() throws {
    let svg = try document(sample()).svg
    for group in svg.all(class: "line-chart-series") {
      let colour = try XCTUnwrap(group.attributes["stroke"])
      XCTAssertGreaterThanOrEqual(contrastOnWhite(colour), 3, colour)
    }
  }

  func testTheSameInputGivesTheSameBytes() {
    XCTAssertEqual(sample().svg(idPrefix: "a").bytes, sample().svg(idPrefix: "a").bytes)
  }

  func testTextFromDataIsEscaped() throws {
    let chart = LineChart(
      title: "A & B <i>", description: "\"citat\" & 'x'", months: months(2012...2012),
      series: [LineChart.Series(name: "<b>§2</b> & co", values: Array(repeating: 50, count: 12))])
    let svg = try document(chart, id: "1 bad id").svg
    XCTAssertEqual(svg.element(id: "c-1-bad-id-t")?.text, "A & B <i>")
    XCTAssertEqual(svg.element(id: "c-1-bad-id-d")?.text, "\"citat\" & 'x'")
    XCTAssertTrue(svg.all("text").contains { $0.text == "<b>§2</b> & co" })
  }

  /// What a marker looks like, wherever it is: its element, fill, and corners around their centre.
  private func shape(_ marker: SVGDocument.Element) -> String {
    var key = marker.name + " " + (marker.attributes["fill"] ?? "")
    if let list = marker.attributes["points"] {
      let corners = list.split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
      let centreX = corners.map { $0[0] }.reduce(0, +) / Double(corners.count)
      let centreY = corners.map { $0[1] }.reduce(0, +) / Double(corners.count)
      key += corners.map { " \(Int(($0[0] - centreX).rounded())),\(Int(($0[1] - centreY).rounded()))" }
        .joined()
    }
    return key
  }

  /// The contrast ratio of `#rrggbb` against white (WCAG 2.1's relative luminance).
  private func contrastOnWhite(_ hex: String) -> Double {
    let digits = Array(hex.dropFirst())
    func channel(_ offset: Int) -> Double {
      let value = Double(Int(String(digits[offset..<offset + 2]), radix: 16) ?? 0) / 255
      return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    return 1.05 / (luminance + 0.05)
  }
}
