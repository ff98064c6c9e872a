/// Where everything of one line chart goes in its view box (0 0 640 height): the plot area, the value labels on
/// the left, the months and years under the time axis and the legend in two columns below them.
struct LineChartLayout {
  static let width = 640.0
  static let plotLeft = 44.0
  static let plotRight = 630.0
  static let plotTop = 10.0
  static let plotBottom = 250.0
  static let monthLabelBaseline = 263.0
  static let yearLabelBaseline = 279.0
  static let legendTop = 302.0
  static let legendRowHeight = 17.0
  static let legendColumnWidth = 300.0
  static let legendSampleWidth = 28.0
  /// Room between the axes and the first and last months, so markers never sit on an axis.
  static let inset = 6.0
  /// The gridlines and value labels.
  static let gridPercents: [Double] = [0, 25, 50, 75, 100]

  let months: Int

  /// The centre of the month at `index`.
  func x(_ index: Int) -> Double {
    let left = Self.plotLeft + Self.inset
    let right = Self.plotRight - Self.inset
    guard months > 1 else { return (left + right) / 2 }
    return left + Double(index) * (right - left) / Double(months - 1)
  }

  /// A percentage's height; values outside 0–100 are drawn at the edge.
  func y(_ percent: Double) -> Double {
    let bounded = percent.isNaN ? 0 : min(max(percent, 0), 100)
    return Self.plotBottom - bounded / 100 * (Self.plotBottom - Self.plotTop)
  }

  /// The left end of legend entry `index`'s sample and the baseline of its text: by rows of two.
  func legendPosition(_ index: Int) -> (x: Double, y: Double) {
    (
      Self.plotLeft + Double(index % 2) * Self.legendColumnWidth,
      Self.legendTop + Double(index / 2) * Self.legendRowHeight
    )
  }

  /// The view box's height: room for the legend's rows and a margin.
  func height(legendEntries: Int) -> Double {
    let rows = (legendEntries + 1) / 2
    return Self.legendTop + Double(max(rows, 1) - 1) * Self.legendRowHeight + 10
  }
}
