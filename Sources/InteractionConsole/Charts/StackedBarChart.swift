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

    /// The SVG element.
    func svg() -> HTML {
        let frame = RowChartFrame(rows: categories.count)
        let (left, plotWidth) = (frame.left, frame.plotWidth)
        let scale = ChartScale(maximum: categories.map(\.total).max() ?? 0, whole: wholeValues)
        var parts: [HTML] = scale.ticks.map { tick in
            frame.gridLine(x: left + scale.position(tick, length: plotWidth), label: ChartScale.label(tick))
        }
        for (index, category) in categories.enumerated() {
            parts.append(frame.rowLabel(category.label, row: index))
            var stacked = 0.0
            for (seriesIndex, value) in category.values.enumerated() where value > 0 && seriesIndex < series.count {
                let x0 = left + scale.position(stacked, length: plotWidth)
                stacked += value
                let x1 = left + scale.position(stacked, length: plotWidth)
                let tooltip = category.tooltips?[seriesIndex] ?? "\(category.label) · \(series[seriesIndex].name): \(ChartScale.label(value))"
                parts.append(frame.segment(row: index, from: x0, to: x1, fill: series[seriesIndex].color, tooltip: tooltip))
            }
        }
        if categories.isEmpty { parts.append(frame.emptyNote("no data in this range")) }
        parts.append(frame.axisLine)
        parts.append("<line class=\"axis\" x1=\"\(px: left)\" y1=\"\(px: frame.top)\" x2=\"\(px: left)\" y2=\"\(px: frame.baseline)\"/>")
        parts.append(frame.axisTitle("\(valueLabel)"))
        return frame.element(title: title, parts: parts, legend: series.count > 1 ? series : nil)
    }
}
