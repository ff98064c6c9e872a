import Domain
import HTTP
import Store
import Web

extension MinistrySite {
  /// Compliance month by month as an SVG chart with a table alternative.
  static let trendPageNames: [String] = ["ministry/trend"]

  func addTrendRoutes(to routes: inout [Route]) {
    routes.append(
      Route(method: .get, pattern: "/ministeriet/udvikling") { request in
        try trendPage(for: request)
      })
  }

  /// The figures for the page's months and the rule calendar, kept for the store's site revision.
  func trendFigures() throws -> (figures: TrendFigures, calendar: RuleCalendar) {
    try TrendCache.shared.figures(for: store) {
      let months = TrendFigures.pageMonths
      let figures = TrendFigures(months: months, findings: try store.compliance(asOfEach: months))
      return (figures, try store.ruleCalendar())
    }
  }

  func trendPage(for request: MinistryRequest) throws -> Response {
    let (figures, calendar) = try trendFigures()
    let chart = TrendView.chart(figures)
    return try page(
      "ministry/trend", title: "Udvikling måned for måned", for: request,
      [
        "chart": .raw(chart.svg(idPrefix: "udvikling")),
        "firstMonth": .string(TrendView.monthName(figures.months.first)),
        "lastMonth": .string(TrendView.monthName(figures.months.last)),
        "calendar": [
          "firstContractDeadline": .string(calendar.firstContractDeadline.danishText),
          "firstFollowUpBudgetYear": .string(String(calendar.firstFollowUpBudgetYear)),
          "dutyEndsOn": .string(calendar.dutyEndsOn.danishText),
        ],
        "rules": .array(TrendRule.all.map { ["name": .string($0.name)] }),
        "rows": .array(TrendView.rows(figures)),
      ])
  }
}
