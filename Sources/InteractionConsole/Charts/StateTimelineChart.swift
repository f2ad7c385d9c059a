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

    /// The SVG element.
    func svg() -> HTML {
        let frame = RowChartFrame(rows: rows.count)
        let (left, plotWidth) = (frame.left, frame.plotWidth)
        let dayEnd = dayStart + Self.dayLength
        func x(_ time: Int64) -> Double {
            let clipped = min(max(time, dayStart), dayEnd)
            return left + Double(clipped - dayStart) / Double(Self.dayLength) * plotWidth
        }
        var parts: [HTML] = stride(from: 0, through: 24, by: 3).map { hour in
            frame.gridLine(x: x(dayStart + Int64(hour) * 3_600_000), label: hour < 10 ? "0\(hour):00" : "\(hour):00")
        }
        for (index, row) in rows.enumerated() {
            parts.append(frame.rowLabel(row.label, row: index))
            for period in row.periods {
                let end = min(period.end ?? openEnd, openEnd)
                guard end >= dayStart, period.start < dayEnd, end >= period.start else { continue }
                let reason = period.reason.map { " (\($0))" } ?? ""
                let tooltip = "\(row.label) · \(period.state.rawValue)\(reason): \(ConsoleFormat.clock(max(period.start, dayStart)))–"
                    + "\(end >= dayEnd ? "24:00:00" : ConsoleFormat.clock(end)) UTC, \(ConsoleFormat.duration(min(end, dayEnd) - max(period.start, dayStart)))"
                parts.append(frame.segment(row: index, from: x(period.start), to: x(end), fill: ChartPalette.color(period.state), tooltip: tooltip))
            }
        }
        if rows.isEmpty { parts.append(frame.emptyNote("no agent states on this day")) }
        parts.append(frame.axisLine)
        parts.append(frame.axisTitle("time of day (UTC), \(ConsoleFormat.day(dayStart))"))
        return frame.element(title: title, parts: parts, legend: ChartPalette.stateSeries)
    }
}
