/// The layout the two horizontal row charts share (stacked bars per agent or code, agents'
/// state timelines): a label column on the left, one row per category, the plot to its right
/// and the axis title and legend below it.
struct RowChartFrame: Sendable {
    /// The chart's width.
    let width = 720.0
    /// The plot's left edge (the label column's width).
    let left = 170.0
    /// The plot's top edge.
    let top = 8.0
    /// The height of one row.
    let rowHeight = 22.0
    /// The plot's width.
    let plotWidth = 720.0 - 170.0 - 24.0
    /// The plot's height: one row per category, at least one row.
    let plotHeight: Double

    /// A frame for `rows` rows.
    init(rows: Int) {
        plotHeight = max(rowHeight, rowHeight * Double(rows))
    }

    /// The plot's bottom edge, where the axis runs.
    var baseline: Double { top + plotHeight }

    /// The top of row `index`'s bar.
    func barTop(_ index: Int) -> Double { top + rowHeight * Double(index) + 4 }

    /// A vertical grid line at `x` with its tick label below the axis.
    func gridLine(x: Double, label: String) -> HTML {
        """
        <line class="grid" x1="\(px: x)" y1="\(px: top)" x2="\(px: x)" y2="\(px: baseline)"/>\
        <text class="tick" x="\(px: x)" y="\(px: baseline + 16)" text-anchor="middle">\(label)</text>
        """
    }

    /// Row `index`'s label in the label column, shortened, with the whole text as its tooltip.
    func rowLabel(_ text: String, row index: Int) -> HTML {
        """
        <text class="tick" x="\(px: left - 6)" y="\(px: barTop(index) + 11)" text-anchor="end">\(ChartLegend.shortened(text, limit: 24))\
        <title>\(text)</title></text>
        """
    }

    /// A segment of row `index`'s bar from `x0` to `x1` (at least half a pixel wide).
    func segment(row index: Int, from x0: Double, to x1: Double, fill: String, tooltip: String) -> HTML {
        """
        <rect x="\(px: x0)" y="\(px: barTop(index))" width="\(px: max(0.5, x1 - x0))" height="\(px: rowHeight - 8)" \
        fill="\(fill)"><title>\(tooltip)</title></rect>
        """
    }

    /// The text shown across the plot when there are no rows.
    func emptyNote(_ text: String) -> HTML {
        "<text class=\"empty\" x=\"\(px: left + plotWidth / 2)\" y=\"\(px: top + 15)\" text-anchor=\"middle\">\(text)</text>"
    }

    /// The horizontal axis line along the baseline.
    var axisLine: HTML {
        "<line class=\"axis\" x1=\"\(px: left)\" y1=\"\(px: baseline)\" x2=\"\(px: left + plotWidth)\" y2=\"\(px: baseline)\"/>"
    }

    /// The axis title centred below the plot.
    func axisTitle(_ title: HTML) -> HTML {
        "<text class=\"axis-title\" x=\"\(px: left + plotWidth / 2)\" y=\"\(px: baseline + 34)\" text-anchor=\"middle\">\(title)</text>"
    }

    /// The whole chart: `parts`, then the legend of `series` (none when nil) below the axis title.
    func element(title: String, parts: [HTML], legend series: [ChartSeries]?) -> HTML {
        let (legend, legendHeight) = series.map { ChartLegend.draw($0, x: left, y: baseline + 44, width: plotWidth) } ?? (HTML.empty, 0)
        return ChartSVG.element(title: title, width: width, height: baseline + 40 + legendHeight + 6, parts: parts + [legend])
    }
}
