import InteractionStore
import InteractionModel

extension OverviewPage {
    /// Conference requests per UTC day of `requested_at`, stacked by outcome; days without
    /// requests between the first and the last are drawn as empty columns.
    var outcomesPerDay: HTML {
        var perDay: [String: [Int]] = [:]
        for row in data.conferences {
            perDay[ConsoleFormat.day(row.requestedAt), default: Array(repeating: 0, count: RequestOutcome.allCases.count)][outcomeIndex(row.outcome)] += 1
        }
        let days = Self.days(from: data.conferences.first?.requestedAt, to: data.conferences.last?.requestedAt)
        let categories = days.map { day in
            ChartCategory(label: String(day.dropFirst(5)), values: (perDay[day] ?? []).map(Double.init))
        }
        let chart = StackedColumnChart(title: "Conference requests per day by outcome", valueLabel: "requests",
                                       categoryLabel: "day requested (UTC)", series: ChartPalette.outcomeSeries, categories: categories)
        let header = HTML.joined(RequestOutcome.allCases.map { "<th class=\"number\">\($0.rawValue)</th>" })
        let rows = HTML.joined(days.map { day in
            let counts = perDay[day] ?? Array(repeating: 0, count: RequestOutcome.allCases.count)
            let cells = HTML.joined(zip(RequestOutcome.allCases, counts).map { outcome, count in
                Figure.cell("per_day.\(day).\(outcome.rawValue)", .integer(Int64(count)), shown: ConsoleFormat.count(count))
            })
            return "<tr><td>\(day)</td>\(cells)</tr>"
        })
        return section("Outcomes per day", link: jsonLink("/v1/reports/conferences", agent: true), chart: chart.svg(),
                       table: "<table><tr><th>day (UTC)</th>\(header)</tr>\(rows)</table>")
    }

    /// The waits (`wait_ms`) of accepted requests in round-width buckets.
    var waitDistribution: HTML {
        let waits = data.conferences.filter { $0.outcome == .accepted }.compactMap(\.waitMs)
        let histogram = WaitHistogram(waits: waits)
        let categories = histogram.counts.indices.map { index in
            ChartCategory(label: histogram.label(index), values: [Double(histogram.counts[index])],
                          tooltips: ["\(histogram.label(index)): \(ConsoleFormat.count(histogram.counts[index])) accepted"])
        }
        let chart = StackedColumnChart(title: "Wait of accepted conference requests", valueLabel: "accepted requests",
                                       categoryLabel: "wait from request to accept", series: [ChartSeries(name: "accepted", color: ChartPalette.single)],
                                       categories: categories)
        let rows = HTML.joined(histogram.counts.indices.map { index in
            "<tr><td>\(histogram.label(index))</td>\(Figure.cell("waits.\(index)", .integer(Int64(histogram.counts[index])), shown: ConsoleFormat.count(histogram.counts[index])))</tr>"
        })
        let caption: HTML = "\(ConsoleFormat.count(waits.count)) accepted; median \(ConsoleFormat.duration(data.summary.medianWaitMs))"
        return section("Wait of accepted requests", caption: caption, link: jsonLink("/v1/reports/conferences", agent: true), chart: chart.svg(),
                       table: "<table><tr><th>wait</th><th class=\"number\">accepted</th></tr>\(rows)</table>")
    }

    /// Requests by target kind (agent, queue, routing point), stacked by outcome.
    var outcomesByTargetKind: HTML {
        let counts = TargetKind.allCases.map { kind in
            RequestOutcome.allCases.map { outcome in data.conferences.filter { $0.targetKind == kind && $0.outcome == outcome }.count }
        }
        let categories = zip(TargetKind.allCases, counts).map { kind, values in ChartCategory(label: kind.rawValue, values: values.map(Double.init)) }
        let chart = StackedColumnChart(title: "Conference outcomes by target kind", valueLabel: "requests", categoryLabel: "target kind",
                                       series: ChartPalette.outcomeSeries, categories: categories)
        let header = HTML.joined(RequestOutcome.allCases.map { "<th class=\"number\">\($0.rawValue)</th>" })
        let rows = HTML.joined(zip(TargetKind.allCases, counts).map { kind, values in
            let cells = HTML.joined(zip(RequestOutcome.allCases, values).map { outcome, count in
                Figure.cell("by_target.\(kind.rawValue).\(outcome.rawValue)", .integer(Int64(count)), shown: ConsoleFormat.count(count))
            })
            return "<tr><td>\(kind.rawValue)</td>\(cells)</tr>"
        })
        return section("Outcomes by target kind", link: jsonLink("/v1/reports/conferences", agent: true), chart: chart.svg(),
                       table: "<table><tr><th>target kind</th>\(header)</tr>\(rows)</table>")
    }

    /// The disposition codes that stand, as `report dispositions` counts them.
    var dispositionCounts: HTML {
        let categories = data.dispositions.map { row in
            ChartCategory(label: "\(row.label) (\(row.code))", values: [Double(row.count)], tooltips: ["\(row.label) (\(row.code)): \(ConsoleFormat.count(row.count))"])
        }
        let chart = StackedBarChart(title: "Disposition codes that stand", valueLabel: "agent–interaction pairs",
                                    series: [ChartSeries(name: "count", color: ChartPalette.single)], categories: categories)
        let rows = HTML.joined(data.dispositions.map { row in
            "<tr><td class=\"mono\">\(row.code)</td><td>\(row.label)</td>\(Figure.cell("dispositions.\(row.code)", .integer(Int64(row.count)), shown: ConsoleFormat.count(row.count)))</tr>"
        })
        let caption: HTML = data.range.agent == nil
            ? "Over interactions started in the range."
            : "Over interactions started in the range, for every agent (the disposition report has no agent filter)."
        return section("Disposition counts", caption: caption, link: jsonLink("/v1/reports/dispositions"), chart: chart.svg(),
                       table: "<table><tr><th>code</th><th>label</th><th class=\"number\">count</th></tr>\(rows)</table>")
    }

    /// Time per agent in each state, stacked; hours (or minutes when every total is short).
    /// Logged-out time is in the figures but not drawn: it would dwarf the working states.
    var agentStateTime: HTML {
        var order: [String] = []
        var totals: [String: [Int64]] = [:]
        for row in data.agentStates where row.state != .loggedOut {
            let label = row.channel == "chat" ? row.agent : "\(row.agent) (\(row.channel))"
            if totals[label] == nil { order.append(label) }
            totals[label, default: Array(repeating: 0, count: AgentState.allCases.count)][AgentState.allCases.firstIndex(of: row.state) ?? 0] += row.totalMs
        }
        let largest = totals.values.map { $0.reduce(0, +) }.max() ?? 0
        let (unit, unitName): (Double, String) = largest >= 7_200_000 ? (3_600_000, "hours") : (60_000, "minutes")
        let categories = order.map { label in
            let values = totals[label] ?? []
            return ChartCategory(label: label, values: values.map { Double($0) / unit },
                                 tooltips: zip(AgentState.allCases, values).map { "\(label) · \($0.rawValue): \(ConsoleFormat.duration($1))" })
        }
        var chart = StackedBarChart(title: "Agent state time per agent", valueLabel: unitName,
                                    series: ChartPalette.stateSeries.filter { $0.name != AgentState.loggedOut.rawValue }, categories: categories)
        chart.wholeValues = false
        let rows = HTML.joined(data.agentStates.map { row in
            let key = "agents.\(row.agent).\(row.channel).\(row.state.rawValue)"
            return """
                <tr><td class="mono">\(row.agent)</td><td>\(row.channel)</td><td>\(row.state.rawValue)</td>\
                \(Figure.cell(key + ".total_ms", .integer(row.totalMs), shown: ConsoleFormat.duration(row.totalMs)))\
                \(Figure.cell(key + ".count", .integer(Int64(row.count)), shown: ConsoleFormat.count(row.count)))</tr>
                """
        })
        let end: HTML = data.range.to == nil ? " Open periods run to \(ConsoleFormat.timeElement(data.now))." : ""
        let caption: HTML = "Periods clipped to the range; logged-out time is listed in the figures, not drawn.\(end)"
        return section("Agent state time", caption: caption, link: jsonLink("/v1/reports/agents"), chart: chart.svg(),
                       table: "<table><tr><th>agent</th><th>channel</th><th>state</th><th class=\"number\">time</th><th class=\"number\">periods</th></tr>\(rows)</table>")
    }

    private func outcomeIndex(_ outcome: RequestOutcome) -> Int {
        RequestOutcome.allCases.firstIndex(of: outcome) ?? 0
    }

    /// A chart with its caption, its JSON link and its figures as a table under it.
    private func section(_ title: String, caption: HTML = .empty, link: HTML, chart: HTML, table: HTML) -> HTML {
        """
        <section class="chart-section">
        <h2>\(title) \(link)</h2>
        <figure>\(caption == .empty ? HTML.empty : "<figcaption>\(caption)</figcaption>")\(chart)</figure>
        <details><summary>Figures</summary>\(table)</details>
        </section>
        """
    }

    /// The JSON twin of a report for this range.
    private func jsonLink(_ path: String, agent: Bool = false) -> HTML {
        let url = ConsoleURL.with(path, data.range.reportQuery + (agent ? [("agent", data.range.agent)] : []))
        return "<a class=\"json\" href=\"\(url)\">JSON</a>"
    }

    /// Every UTC day from the day of `first` to the day of `last`, at most 400 of them.
    static func days(from first: Int64?, to last: Int64?) -> [String] {
        guard let first, let last else { return [] }
        let dayLength: Int64 = 86_400_000
        let start = first - ((first % dayLength) + dayLength) % dayLength
        var days: [String] = []
        var day = start
        while day <= last, days.count < 400 {
            days.append(ConsoleFormat.day(day))
            day += dayLength
        }
        return days
    }
}
