/// How one series of a `LineChart` looks: its colour, dash pattern and marker, each different from every other
/// style's, so a line is told apart without colour (WCAG 1.4.1) and in greyscale print.
struct LineChartStyle: Sendable {
  enum Marker: CaseIterable, Sendable {
    case circle, square, triangleUp, diamond, triangleDown, ring, cross
  }

  /// `#rrggbb`, at least 3:1 against white (WCAG 1.4.11); the ones below are 5.8:1 to 8.1:1.
  var colour: StaticString
  /// `stroke-dasharray`; nil for a solid line.
  var dashes: StaticString?
  var marker: Marker

  static let all: [LineChartStyle] = [
    LineChartStyle(colour: "#1d5aa6", dashes: nil, marker: .circle),
    LineChartStyle(colour: "#a14600", dashes: "8 3", marker: .square),
    LineChartStyle(colour: "#1a6e2e", dashes: "2 2", marker: .triangleUp),
    LineChartStyle(colour: "#8e2a8e", dashes: "10 3 2 3", marker: .diamond),
    LineChartStyle(colour: "#505050", dashes: "4 4", marker: .triangleDown),
    LineChartStyle(colour: "#b3261e", dashes: "1 3", marker: .ring),
    LineChartStyle(colour: "#00707a", dashes: "12 4", marker: .cross),
  ]

  /// The style of the series at `index`; they repeat after the last.
  static func style(_ index: Int) -> LineChartStyle { all[index % all.count] }
}

extension LineChartStyle.Marker {
  /// The marker centred on (x, y), `size` from its centre to its edge, in the enclosing group's fill (the ring:
  /// white inside, outlined in `colour`), with whatever `inside` writes as its content (a `<title>`).
  func draw(
    at x: Double, _ y: Double, size: Double, colour: StaticString, into svg: inout SVGWriter,
    inside: (inout SVGWriter) -> Void
  ) {
    switch self {
    case .circle, .ring:
      svg.markup("<circle")
      svg.attribute("cx", x)
      svg.attribute("cy", y)
      svg.attribute("r", self == .ring ? size - 0.5 : size)
      if self == .ring {
        svg.markup(##" fill="#ffffff" stroke-width="1.5" stroke=""##)
        svg.markup(colour)
        svg.markup(##"""##)
      }
      svg.markup(">")
      inside(&svg)
      svg.markup("</circle>")
    case .square:
      let side = size * 1.7
      svg.markup("<rect")
      svg.attribute("x", x - side / 2)
      svg.attribute("y", y - side / 2)
      svg.attributes("width", "height", side)
      svg.markup(">")
      inside(&svg)
      svg.markup("</rect>")
    case .triangleUp, .triangleDown, .diamond, .cross:
      svg.markup(##"<polygon points=""##)
      let corners = self.corners(size)
      for (index, corner) in corners.enumerated() {
        if index > 0 { svg.markup(" ") }
        svg.point(x + corner.x, y + corner.y)
      }
      svg.markup(##"">"##)
      inside(&svg)
      svg.markup("</polygon>")
    }
  }

  /// A polygon marker's corners around its centre.
  private func corners(_ size: Double) -> [(x: Double, y: Double)] {
    let s = size * 1.25
    switch self {
    case .triangleUp: return [(0, -s), (s, s * 0.75), (-s, s * 0.75)]
    case .triangleDown: return [(0, s), (-s, -s * 0.75), (s, -s * 0.75)]
    case .diamond: return [(0, -s), (s, 0), (0, s), (-s, 0)]
    case .cross:
      let arm = s * 0.35
      return [
        (-arm, -s), (arm, -s), (arm, -arm), (s, -arm), (s, arm), (arm, arm), (arm, s), (-arm, s), (-arm, arm),
        (-s, arm), (-s, -arm), (-arm, -arm),
      ]
    case .circle, .ring, .square: return []
    }
  }
}
