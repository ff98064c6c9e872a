import Domain
import Web

/// The trend's figures as the page shows them: the chart and the rows of its table alternative, in Danish.
enum TrendView {
  static let monthNames = [
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
    "november",
    "december",
  ]

  /// "juli 2010"; "" for none.
  static func monthName(_ date: CalendarDate?) -> String {
    guard let date else { return "" }
    return "\(monthNames[date.month - 1]) \(date.year)"
  }

  /// "74,5 %", or nil when the rule had fallen due for no municipality.
  static func percentText(_ share: TrendShare) -> String? {
    share.percent.map { DanishNumber.format($0, unit: "%", maximumFractionDigits: 1) }
  }

  static func chart(_ figures: TrendFigures) -> LineChart {
    let series = zip(TrendRule.all, figures.shares).map { entry, shares in
      LineChart.Series(name: entry.name, values: shares.map(\.percent))
    }
    var description =
      "Linjediagram over andelen af kommuner, der overholdt hver regel, ved udgangen af hver måned fra "
      + "\(monthName(figures.months.first)) til \(monthName(figures.months.last)), på en skala fra 0 til 100 %."
    if let last = figures.months.indices.last {
      let values = zip(TrendRule.all, figures.shares).map { entry, shares in
        "\(entry.name): \(percentText(shares[last]) ?? "ingen kommuner at måle på")"
      }
      description +=
        " Ved udgangen af \(monthName(figures.months[last])): " + values.joined(separator: "; ") + "."
    }
    description += " Alle tal står i tabellen under diagrammet."
    return LineChart(
      title: "Andel kommuner, der overholder reglerne, måned for måned", description: description,
      months: figures.months, series: series)
  }

  /// One row per month: its name and a cell per rule (percentage and counts, or nothing to count).
  static func rows(_ figures: TrendFigures) -> [TemplateValue] {
    figures.months.indices.map { month in
      [
        "month": .string(monthName(figures.months[month])),
        "cells": .array(
          figures.shares.map { shares in
            let share = shares[month]
            guard let percent = percentText(share) else { return ["none": true] }
            return [
              "percent": .string(percent), "compliant": .int(share.compliant), "due": .int(share.due),
            ]
          }),
      ]
    }
  }
}
