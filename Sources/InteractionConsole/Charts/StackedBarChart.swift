/// A horizontal stacked bar chart: one row per category (agents, disposition codes), values
/// along x, one colour per series, with a value axis, ticks, labels and a legend.
struct StackedBarChart: Sendable {
    /// The chart's accessible title.
    let title: String
    /// The value axis' title (`hours`, `interactions`).
    let valueLabel: String
    /// The series, left of the stack first.
    let series: [ChartSeries]
    /// The rows, top to bottom.
    let categories: [ChartCategory]
    /// Counts: whole-number ticks.
    var wholeValues = true

    private let width = 720.0
    private let labelColumn = 170.0
    private let right = 24.0
    private let top = 8.0
    private let rowHeight = 22.0

    /// The SVG element.
    func svg() -> HTML {
        let left = labelColumn
        let plotWidth = width - left - right
        let plotHeight = max(rowHeight, rowHeight * Double(categories.count))
        let baseline = top + plotHeight
        let scale = ChartScale(maximum: categories.map(\.total).max() ?? 0, whole: wholeValues)
        var parts: [HTML] = []
        for tick in scale.ticks {
            let x = left + scale.position(tick, length: plotWidth)
            parts.append("""
                <line class="grid" x1="\(px: x)" y1="\(px: top)" x2="\(px: x)" y2="\(px: baseline)"/>\
                <text class="tick" x="\(px: x)" y="\(px: baseline + 16)" text-anchor="middle">\(ChartScale.label(tick))</text>
                """)
        }
        for (index, category) in categories.enumerated() {
            let y = top + rowHeight * Double(index) + 4
            parts.append("""
                <text class="tick" x="\(px: left - 6)" y="\(px: y + 11)" text-anchor="end">\(ChartLegend.shortened(category.label, limit: 24))\
                <title>\(category.label)</title></text>
                """)
            var stacked = 0.0
            for (seriesIndex, value) in category.values.enumerated() where value > 0 && seriesIndex < series.count {
                let x0 = left + scale.position(stacked, length: plotWidth)
                stacked += value
                let x1 = left + scale.position(stacked, length: plotWidth)
                let tooltip = category.tooltips?[seriesIndex] ?? "\(category.label) · \(series[seriesIndex].name): \(ChartScale.label(value))"
                parts.append("""
                    <rect x="\(px: x0)" y="\(px: y)" width="\(px: max(0.5, x1 - x0))" height="\(px: rowHeight - 8)" \
                    fill="\(series[seriesIndex].color)"><title>\(tooltip)</title></rect>
                    """)
            }
        }
        if categories.isEmpty {
            parts.append("<text class=\"empty\" x=\"\(px: left + plotWidth / 2)\" y=\"\(px: top + 15)\" text-anchor=\"middle\">no data in this range</text>")
        }
        parts.append("""
            <line class="axis" x1="\(px: left)" y1="\(px: baseline)" x2="\(px: left + plotWidth)" y2="\(px: baseline)"/>\
            <line class="axis" x1="\(px: left)" y1="\(px: top)" x2="\(px: left)" y2="\(px: baseline)"/>\
            <text class="axis-title" x="\(px: left + plotWidth / 2)" y="\(px: baseline + 34)" text-anchor="middle">\(valueLabel)</text>
            """)
        let (legend, legendHeight) = series.count > 1 ? ChartLegend.draw(series, x: left, y: baseline + 44, width: plotWidth) : (HTML.empty, 0)
        parts.append(legend)
        let height = baseline + 40 + legendHeight + 6
        return """
            <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(px: width) \(px: height)" \
            width="\(px: width)" height="\(px: height)" role="img" aria-label="\(title)"><title>\(title)</title>\(parts)</svg>
            """
    }
}
