import InteractionStore

/// Each agent's states across one UTC day as coloured segments on a 00:00–24:00 axis, with
/// hour ticks and a legend of the states.
struct StateTimelineChart: Sendable {
    /// One row: an agent (and channel, when not `chat`) and its periods.
    struct Row: Sendable, Equatable {
        /// The row's label.
        let label: String
        /// The periods, clipped to the day by the chart.
        let periods: [AgentStatePeriod]
    }

    /// The chart's accessible title.
    let title: String
    /// The day's start (ms, 00:00 UTC).
    let dayStart: Int64
    /// Where open periods end: the end of the day, or now when the day is today.
    let openEnd: Int64
    /// The rows, top to bottom.
    let rows: [Row]

    private static let dayLength: Int64 = 86_400_000
    private let width = 720.0
    private let labelColumn = 170.0
    private let right = 24.0
    private let top = 8.0
    private let rowHeight = 22.0

    /// The SVG element.
    func svg() -> HTML {
        let left = labelColumn
        let plotWidth = width - left - right
        let plotHeight = max(rowHeight, rowHeight * Double(rows.count))
        let baseline = top + plotHeight
        let dayEnd = dayStart + Self.dayLength
        func x(_ time: Int64) -> Double {
            let clipped = min(max(time, dayStart), dayEnd)
            return left + Double(clipped - dayStart) / Double(Self.dayLength) * plotWidth
        }
        var parts: [HTML] = []
        for hour in stride(from: 0, through: 24, by: 3) {
            let tickX = x(dayStart + Int64(hour) * 3_600_000)
            let label = hour < 10 ? "0\(hour):00" : "\(hour):00"
            parts.append("""
                <line class="grid" x1="\(px: tickX)" y1="\(px: top)" x2="\(px: tickX)" y2="\(px: baseline)"/>\
                <text class="tick" x="\(px: tickX)" y="\(px: baseline + 16)" text-anchor="middle">\(label)</text>
                """)
        }
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index) + 4
            parts.append("""
                <text class="tick" x="\(px: left - 6)" y="\(px: y + 11)" text-anchor="end">\(ChartLegend.shortened(row.label, limit: 24))\
                <title>\(row.label)</title></text>
                """)
            for period in row.periods {
                let end = min(period.end ?? openEnd, openEnd)
                guard end >= dayStart, period.start < dayEnd, end >= period.start else { continue }
                let x0 = x(period.start)
                let x1 = x(end)
                let reason = period.reason.map { " (\($0))" } ?? ""
                let tooltip = "\(row.label) · \(period.state.rawValue)\(reason): \(ConsoleFormat.clock(max(period.start, dayStart)))–"
                    + "\(end >= dayEnd ? "24:00:00" : ConsoleFormat.clock(end)) UTC, \(ConsoleFormat.duration(min(end, dayEnd) - max(period.start, dayStart)))"
                parts.append("""
                    <rect x="\(px: x0)" y="\(px: y)" width="\(px: max(0.5, x1 - x0))" height="\(px: rowHeight - 8)" \
                    fill="\(ChartPalette.color(period.state))"><title>\(tooltip)</title></rect>
                    """)
            }
        }
        if rows.isEmpty {
            parts.append("<text class=\"empty\" x=\"\(px: left + plotWidth / 2)\" y=\"\(px: top + 15)\" text-anchor=\"middle\">no agent states on this day</text>")
        }
        parts.append("""
            <line class="axis" x1="\(px: left)" y1="\(px: baseline)" x2="\(px: left + plotWidth)" y2="\(px: baseline)"/>\
            <text class="axis-title" x="\(px: left + plotWidth / 2)" y="\(px: baseline + 34)" text-anchor="middle">\
            time of day (UTC), \(ConsoleFormat.day(dayStart))</text>
            """)
        let (legend, legendHeight) = ChartLegend.draw(ChartPalette.stateSeries, x: left, y: baseline + 44, width: plotWidth)
        parts.append(legend)
        let height = baseline + 40 + legendHeight + 6
        return """
            <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(px: width) \(px: height)" \
            width="\(px: width)" height="\(px: height)" role="img" aria-label="\(title)"><title>\(title)</title>\(parts)</svg>
            """
    }
}
