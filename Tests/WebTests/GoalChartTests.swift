import Domain
import Foundation
import XCTest

@testable import Web

final class GoalChartTests: XCTestCase {
  private func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

  private func measured(_ text: String, _ value: Double, year: Int) -> GoalProgress.Measurement {
    GoalProgress.Measurement(date: date(text), value: value, budgetYear: year)
  }

  /// Satisfaction from 82 % to a target of 95 %, lowered to 90 % in 2012, measured twice.
  private func satisfaction(
    unit: String = "%", reason: String = "på grund af personalereduktioner",
    measurements: [GoalProgress.Measurement]? = nil
  ) -> GoalProgress {
    let goal = Goal(
      title: "Tilfredshed", unit: unit, baselineValue: 82, baselineDate: date("2010-12-31"), targetValue: 90,
      targetDate: date("2013-12-31"))
    let adjustment = TargetAdjustment(
      goalId: 1, oldTargetValue: 95, newTargetValue: 90, adjustedOn: date("2012-03-01"), reason: reason)
    return GoalProgress(
      goal: goal, adjustments: [adjustment],
      measurements: measurements ?? [
        measured("2011-12-31", 84.5, year: 2012), measured("2012-12-31", 85, year: 2013),
      ])
  }

  private func chart(_ progress: GoalProgress, title: String = "Tilfredshed", id: String = "goal-7") throws
    -> (bytes: [UInt8], document: SVGDocument)
  {
    let html = try XCTUnwrap(GoalChart.svg(progress, title: title, idPrefix: id))
    return (html.bytes, try SVGDocument(html.bytes))
  }

  func testTheChartIsWellFormedXMLAndAnImageLabelledByItsTitleAndDescription() throws {
    let svg = try chart(satisfaction()).document
    XCTAssertEqual(svg.root.name, "svg")
    XCTAssertEqual(svg.root.attributes["xmlns"], "http://www.w3.org/2000/svg")
    XCTAssertEqual(svg.root.attributes["role"], "img")
    XCTAssertEqual(svg.root.attributes["viewBox"], "0 0 320 176")
    XCTAssertTrue(svg.root.classes.contains("goal-chart"))
    XCTAssertTrue(svg.root.classes.contains("goal-chart-behind"))
    let labelledBy = try XCTUnwrap(svg.root.attributes["aria-labelledby"]).split(separator: " ").map(
      String.init)
    XCTAssertEqual(labelledBy.count, 2)
    let title = try XCTUnwrap(svg.element(id: labelledBy[0]))
    let desc = try XCTUnwrap(svg.element(id: labelledBy[1]))
    XCTAssertEqual(title.name, "title")
    XCTAssertEqual(desc.name, "desc")
    XCTAssertEqual(title.ancestors, ["svg"])
    XCTAssertEqual(desc.ancestors, ["svg"])
    XCTAssertEqual(title.text, "Tilfredshed: udvikling mod målet")
  }

  func testTheDescriptionSaysInWordsEverythingTheChartShows() throws {
    let svg = try chart(satisfaction()).document
    let desc = try XCTUnwrap(svg.element(id: "goal-7-d")).text
    for part in [
      "Udgangspunkt: 82 % pr. 31.12.2010", "Mål: 90 % senest 31.12.2013 (højere er bedre)",
      "84,5 % pr. 31.12.2011 (budgetår 2012)", "85 % pr. 31.12.2012 (budgetår 2013)",
      "Målet blev justeret 01.03.2012 fra 95 % til 90 %. Begrundelse: på grund af personalereduktioner.",
      "Status: bagud. Målt 85 % pr. 31.12.2012; linjen mod målet lå på 87,34 %.",
    ] {
      XCTAssertTrue(desc.contains(part), "missing \(part) in \(desc)")
    }
  }

  func testIdsComeFromThePrefixSoChartsOnOnePageDoNotCollide() throws {
    let first = try chart(satisfaction(), id: "goal-1").document
    let second = try chart(satisfaction(), id: "goal-2").document
    let firstIds = Set(first.elements.compactMap { $0.attributes["id"] })
    let secondIds = Set(second.elements.compactMap { $0.attributes["id"] })
    XCTAssertEqual(firstIds, ["goal-1-t", "goal-1-d"])
    XCTAssertTrue(firstIds.isDisjoint(with: secondIds))
  }

  func testAHostilePrefixBecomesASafeId() throws {
    let svg = try chart(satisfaction(), id: #"x" onload="alert(1) <b>"#).document
    XCTAssertEqual(
      svg.root.attributes["aria-labelledby"], "x--onload--alert-1---b--t x--onload--alert-1---b--d")
    XCTAssertNil(svg.root.attributes["onload"])
    XCTAssertEqual(GoalChart.safeID("123"), "c-123")
    XCTAssertEqual(GoalChart.safeID(""), "c-")
    XCTAssertEqual(GoalChart.safeID("goal_9.a"), "goal_9.a")
  }

  func testTextFromDataIsEscaped() throws {
    let hostile = "<script>alert('x')</script>"
    let progress = satisfaction(unit: "<b>&amp;", reason: hostile)
    let (bytes, svg) = try chart(progress, title: hostile)
    let text = String(decoding: bytes, as: UTF8.self)
    XCTAssertFalse(text.contains("<script"))
    XCTAssertFalse(text.contains("<b>"))
    XCTAssertEqual(svg.all("script").count, 0)
    XCTAssertEqual(svg.all("b").count, 0)
    // The parser gives back exactly what was given: escaped, not mangled.
    XCTAssertEqual(svg.element(id: "goal-7-t")?.text, hostile + ": udvikling mod målet")
    XCTAssertTrue(svg.element(id: "goal-7-d")?.text.contains("Begrundelse: " + hostile) == true)
    XCTAssertTrue(svg.element(id: "goal-7-d")?.text.contains("82 <b>&amp; pr.") == true)
  }

  func testNoInlineStyleOrScriptAnywhere() throws {
    for progress in [satisfaction(), satisfaction(measurements: []), satisfaction(unit: "style")] {
      let (bytes, svg) = try chart(progress)
      XCTAssertEqual(svg.all("style").count, 0)
      XCTAssertEqual(svg.all("script").count, 0)
      for element in svg.elements {
        XCTAssertNil(element.attributes["style"], element.name)
        XCTAssertFalse(element.attributes.keys.contains { $0.lowercased().hasPrefix("on") }, element.name)
      }
      XCTAssertFalse(String(decoding: bytes, as: UTF8.self).contains("style="))
    }
  }

  func testTheSameInputGivesTheSameBytes() throws {
    let first = try chart(satisfaction()).bytes
    let second = try chart(satisfaction()).bytes
    XCTAssertEqual(first, second)
    // Measurements given in another order are sorted first, so they draw the same chart.
    let reversed = satisfaction(measurements: satisfaction().measurements.reversed())
    XCTAssertEqual(try chart(reversed).bytes, first)
  }

  func testOneDiamondPerMeasurementJoinedByALineInDateOrder() throws {
    let cases: [[GoalProgress.Measurement]] = [
      [], [measured("2011-12-31", 84.5, year: 2012)],
      [
        measured("2013-12-31", 91, year: 2014), measured("2011-12-31", 84.5, year: 2012),
        measured("2012-12-31", 85, year: 2013),
      ],
    ]
    for measurements in cases {
      let svg = try chart(satisfaction(measurements: measurements)).document
      let markers = svg.all(class: "goal-chart-measurement")
      XCTAssertEqual(markers.count, measurements.count)
      XCTAssertTrue(markers.allSatisfy { $0.name == "path" && $0.attributes["fill"] == "#1d5aa6" })
      let tooltips = svg.elements.filter {
        $0.name == "title" && $0.ancestorClasses.last == "goal-chart-measurement"
      }
      XCTAssertEqual(
        tooltips.map(\.text),
        measurements.sorted { $0.date < $1.date }.map {
          "Målt \(DanishNumber.format($0.value, unit: "%")) pr. \($0.date.danishNumeric) (budgetår \($0.budgetYear))"
        })
      let line = svg.all(class: "goal-chart-measured")
      if measurements.count < 2 {
        XCTAssertTrue(line.isEmpty)
      } else {
        let points = try XCTUnwrap(line.first?.attributes["points"]).split(separator: " ")
        XCTAssertEqual(points.count, measurements.count)
        let xs = points.map { Double($0.split(separator: ",")[0])! }
        XCTAssertEqual(xs, xs.sorted())
        XCTAssertEqual(Set(xs).count, xs.count)
      }
    }
  }

  func testHigherValuesAreDrawnHigherUp() throws {
    let svg = try chart(satisfaction()).document
    let baselineY = try XCTUnwrap(Double(svg.all(class: "goal-chart-baseline")[0].attributes["y"] ?? "")) + 4
    let targetY = try XCTUnwrap(Double(svg.all(class: "goal-chart-target")[0].attributes["cy"] ?? ""))
    let oldTargetY = try XCTUnwrap(Double(svg.all(class: "goal-chart-old-target")[0].attributes["cy"] ?? ""))
    XCTAssertGreaterThan(baselineY, targetY)  // 82 below 90
    XCTAssertGreaterThan(targetY, oldTargetY)  // 90 below 95
  }

  func testEachAdjustmentIsMarkedWithItsDayAndOldTarget() throws {
    let svg = try chart(satisfaction()).document
    let adjustments = svg.all(class: "goal-chart-adjustment")
    XCTAssertEqual(adjustments.count, 1)
    XCTAssertEqual(svg.all(class: "goal-chart-old-target").count, 1)
    let tooltip = svg.elements.first {
      $0.name == "title" && $0.ancestorClasses.last == "goal-chart-old-target"
    }
    XCTAssertEqual(tooltip?.text, "Tidligere mål: 95 % (justeret 01.03.2012)")
    XCTAssertTrue(svg.elements.contains { $0.name == "text" && $0.text == "Justering" })

    var plain = satisfaction()
    plain = GoalProgress(
      baseline: plain.baseline, target: plain.target, direction: plain.direction, unit: plain.unit,
      measurements: plain.measurements)
    let withoutAdjustments = try chart(plain).document
    XCTAssertTrue(withoutAdjustments.all(class: "goal-chart-adjustment").isEmpty)
    XCTAssertFalse(withoutAdjustments.elements.contains { $0.text == "Justering" })
  }

  func testTwoOrThreeGridlinesLabelledWithDanishNumbers() throws {
    let svg = try chart(satisfaction()).document
    let labels = svg.elements.filter { $0.name == "text" && $0.ancestorClasses.last == "goal-chart-values" }
    XCTAssertEqual(labels.map(\.text), ["85 %", "90 %", "95 %"])
    let money = GoalProgress(
      baseline: .init(date: date("2011-01-01"), value: 1250.5),
      target: .init(date: date("2013-01-01"), value: 1100),
      direction: .lower, unit: "kr.")
    let moneyLabels = try chart(money).document.elements.filter {
      $0.name == "text" && $0.ancestorClasses.last == "goal-chart-values"
    }
    XCTAssertEqual(moneyLabels.map(\.text), ["1.100 kr.", "1.200 kr."])
  }

  func testSentencesEndWithOneFullStopAfterAUnitEndingInOne() throws {
    let price = GoalProgress(
      baseline: .init(date: date("2011-01-01"), value: 1300),
      target: .init(date: date("2013-01-01"), value: 1100),
      direction: .lower, unit: "kr.",
      adjustments: [
        TargetAdjustment(
          goalId: 1, oldTargetValue: 1150, newTargetValue: 1100, adjustedOn: date("2012-01-01"), reason: "")
      ],
      measurements: [measured("2012-01-01", 1180, year: 2012)])
    let desc = try XCTUnwrap(try chart(price).document.element(id: "goal-7-d")).text
    XCTAssertTrue(desc.contains("Målet blev justeret 01.01.2012 fra 1.150 kr. til 1.100 kr. Status"), desc)
    XCTAssertFalse(desc.contains(".."), desc)
  }

  func testTheValueScaleCoversAllTheDataWithTwoOrThreeRoundGridlinesInside() {
    var seed: UInt64 = 42
    func next() -> Double {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(seed >> 11) / Double(1 << 53)
    }
    for _ in 0..<2000 {
      let magnitude = [0.01, 1, 100, 10_000, 1e7][Int(next() * 5)]
      let values = (0..<(1 + Int(next() * 5))).map { _ in (next() * 2 - 0.3) * magnitude }
      let isPercent = next() < 0.5
      let scale = GoalChartValueScale(values: values, isPercent: isPercent)
      let grid = scale.gridValues
      XCTAssertTrue((2...3).contains(grid.count), "\(values): \(grid)")
      XCTAssertLessThanOrEqual(scale.low, values.min()!)
      XCTAssertGreaterThanOrEqual(scale.high, values.max()!)
      XCTAssertLessThan(scale.low, scale.high)
      XCTAssertTrue(grid.allSatisfy { (scale.low...scale.high).contains($0) }, "\(values): \(grid)")
      if values.min()! >= 0 { XCTAssertGreaterThanOrEqual(scale.low, 0, "\(values)") }
      if isPercent && values.max()! <= 100 { XCTAssertLessThanOrEqual(scale.high, 100, "\(values)") }
      let steps = scale.step / pow(10, (log10(scale.step)).rounded(.down))
      XCTAssertTrue([1, 2, 2.5, 5].contains { abs($0 - steps) < 1e-6 }, "step \(scale.step)")
    }
    let flat = GoalChartValueScale(values: [50, 50], isPercent: true)
    XCTAssertLessThan(flat.low, 50)
    XCTAssertGreaterThan(flat.high, 50)
  }

  func testEverythingLiesInsideTheViewBox() throws {
    let far = satisfaction(measurements: [
      measured("2009-06-30", 40, year: 2010), measured("2016-12-31", 99.5, year: 2017),
    ])
    for progress in [satisfaction(), far] {
      let svg = try chart(progress).document
      for element in svg.elements {
        for name in ["x", "x1", "x2", "cx"] {
          if let x = element.attributes[name].flatMap(Double.init) {
            XCTAssertTrue((0...320).contains(x), "\(name)=\(x)")
          }
        }
        for name in ["y", "y1", "y2", "cy"] {
          if let y = element.attributes[name].flatMap(Double.init) {
            XCTAssertTrue((0...176).contains(y), "\(name)=\(y)")
          }
        }
      }
    }
  }

  func testYearsAreLabelledAlongTheTimeAxis() throws {
    let svg = try chart(satisfaction()).document
    let years = svg.elements.filter { $0.name == "text" && $0.ancestorClasses.last == "goal-chart-years" }
    XCTAssertEqual(years.map(\.text), ["2011", "2012", "2013"])
    let long = GoalProgress(
      baseline: .init(date: date("1990-01-01"), value: 1), target: .init(date: date("2030-01-01"), value: 2),
      direction: .higher)
    let longYears = try chart(long).document.elements.filter {
      $0.name == "text" && $0.ancestorClasses.last == "goal-chart-years"
    }.map { Int($0.text)! }
    XCTAssertGreaterThanOrEqual(longYears.count, 2)
    XCTAssertLessThanOrEqual(longYears.count, 10)
    XCTAssertEqual(longYears, longYears.sorted())
  }

  func testColoursContrastWithWhiteEnoughForGraphicsAndText() throws {
    func contrast(_ hex: String) -> Double {
      let channels = [1, 3, 5].map { offset -> Double in
        let start = hex.index(hex.startIndex, offsetBy: offset)
        let value = Double(Int(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!) / 255
        return value <= 0.039_28 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
      }
      let luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
      return 1.05 / (luminance + 0.05)
    }
    let svg = try chart(satisfaction()).document
    var checked = 0
    for element in svg.elements {
      for name in ["fill", "stroke"] {
        guard let colour = element.attributes[name], colour != "none", colour != "#ffffff" else { continue }
        XCTAssertEqual(colour.count, 7, colour)
        XCTAssertGreaterThanOrEqual(contrast(colour), 3, "\(element.name) \(name)=\(colour)")
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 5)
    // Text takes its colour from its group; every group with text needs 4.5:1.
    let textGroups = Set(svg.all("text").compactMap { $0.ancestorClasses.last })
    XCTAssertFalse(textGroups.isEmpty)
    for group in svg.all("g") where textGroups.contains(group.attributes["class"] ?? "") {
      XCTAssertGreaterThanOrEqual(contrast(try XCTUnwrap(group.attributes["fill"])), 4.5)
    }
  }

  func testNothingToDrawGivesNilAndPlanWithoutMeasurementsStillDraws() throws {
    XCTAssertNil(
      GoalChart.svg(GoalProgress(baseline: nil, target: nil, direction: .higher), title: "x", idPrefix: "g"))
    let goalWithoutDates = Goal(title: "x", baselineValue: 1, targetValue: 2)
    XCTAssertNil(GoalChart.svg(GoalProgress(goal: goalWithoutDates), title: "x", idPrefix: "g"))

    let plan = try chart(satisfaction(measurements: [])).document
    XCTAssertTrue(plan.root.classes.contains("goal-chart-no-data"))
    XCTAssertEqual(plan.all(class: "goal-chart-line").count, 1)
    XCTAssertTrue(plan.element(id: "goal-7-d")?.text.contains("Der er endnu ingen målinger.") == true)
    XCTAssertTrue(plan.element(id: "goal-7-d")?.text.contains("Status: ingen data.") == true)

    let onlyMeasured = GoalProgress(
      baseline: nil, target: nil, direction: .higher, measurements: [measured("2012-12-31", 3, year: 2013)])
    let measuredOnly = try chart(onlyMeasured).document
    XCTAssertEqual(measuredOnly.all(class: "goal-chart-measurement").count, 1)
    XCTAssertTrue(measuredOnly.all(class: "goal-chart-line").isEmpty)
  }
}
