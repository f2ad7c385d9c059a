/// A vertical stacked column chart: categories along x (days, wait buckets, target kinds),
/// values up y, one colour per series, with axes, ticks, labels and a legend. Drawn on the
/// server as SVG, so it reads without JavaScript and prints.
struct StackedColumnChart: Sendable {
    /// The chart's accessible title.
    let title: String
    /// The value axis' title (`requests`).
    let valueLabel: String
    /// The category axis' title (`day (UTC)`).
    let categoryLabel: String
    /// The series, bottom of the stack first.
    let series: [ChartSeries]
    /// The columns, left to right.
    let categories: [ChartCategory]
    /// Counts: whole-number ticks.
    var wholeValues = true

    private let width = 720.0
    private let plotHeight = 220.0
    private let left = 56.0
    private let right = 16.0
    private let top = 14.0

    /// The SVG element.
    func svg() -> HTML {
        let plotWidth = width - left - right
        let scale = ChartScale(maximum: categories.map(\.total).max() ?? 0, whole: wholeValues)
        let baseline = top + plotHeight
        var parts: [HTML] = []
        for tick in scale.ticks {
            let y = baseline - scale.position(tick, length: plotHeight)
            parts.append("""
                <line class="grid" x1="\(px: left)" y1="\(px: y)" x2="\(px: left + plotWidth)" y2="\(px: y)"/>\
                <text class="tick" x="\(px: left - 6)" y="\(px: y + 4)" text-anchor="end">\(ChartScale.label(tick))</text>
                """)
        }
        let slot = categories.isEmpty ? plotWidth : plotWidth / Double(categories.count)
        let barWidth = max(1, min(48, slot * 0.7))
        // Label every n-th column so labels (about 7 px a character) never overlap.
        let longest = Double(categories.map(\.label.count).max() ?? 1) * 6.5 + 8
        let labelEvery = max(1, Int((longest / slot).rounded(.up)))
        for (index, category) in categories.enumerated() {
            let x = left + slot * Double(index) + (slot - barWidth) / 2
            var stacked = 0.0
            for (seriesIndex, value) in category.values.enumerated() where value > 0 && seriesIndex < series.count {
                let y0 = baseline - scale.position(stacked, length: plotHeight)
                stacked += value
                let y1 = baseline - scale.position(stacked, length: plotHeight)
                let tooltip = category.tooltips?[seriesIndex] ?? "\(category.label) · \(series[seriesIndex].name): \(ChartScale.label(value))"
                parts.append("""
                    <rect x="\(px: x)" y="\(px: y1)" width="\(px: barWidth)" height="\(px: max(0.5, y0 - y1))" \
                    fill="\(series[seriesIndex].color)"><title>\(tooltip)</title></rect>
                    """)
            }
            if index % labelEvery == 0 {
                parts.append("<text class=\"tick\" x=\"\(px: x + barWidth / 2)\" y=\"\(px: baseline + 16)\" text-anchor=\"middle\">\(category.label)</text>")
            }
        }
        if categories.isEmpty {
            parts.append("<text class=\"empty\" x=\"\(px: left + plotWidth / 2)\" y=\"\(px: top + plotHeight / 2)\" text-anchor=\"middle\">no data in this range</text>")
        }
        parts.append("""
            <line class="axis" x1="\(px: left)" y1="\(px: baseline)" x2="\(px: left + plotWidth)" y2="\(px: baseline)"/>\
            <line class="axis" x1="\(px: left)" y1="\(px: top)" x2="\(px: left)" y2="\(px: baseline)"/>\
            <text class="axis-title" x="\(px: left + plotWidth / 2)" y="\(px: baseline + 36)" text-anchor="middle">\(categoryLabel)</text>\
            <text class="axis-title" transform="translate(14 \(px: top + plotHeight / 2)) rotate(-90)" text-anchor="middle">\(valueLabel)</text>
            """)
        let (legend, legendHeight) = series.count > 1 ? ChartLegend.draw(series, x: left, y: baseline + 48, width: plotWidth) : (HTML.empty, 0)
        parts.append(legend)
        return ChartSVG.element(title: title, width: width, height: baseline + 44 + legendHeight + 4, parts: parts)
    }
}
