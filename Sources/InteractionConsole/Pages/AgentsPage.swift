import InteractionStore

/// The agents page (`/agents`, SPEC section 7): each agent's current state, and a state
/// timeline per agent for one UTC day, with links to the days before and after.
package struct AgentsPage: Sendable {
    /// The records to show.
    let data: AgentsData

    /// The complete document of `data`.
    package static func document(_ data: AgentsData, showsLogout: Bool = false) -> String {
        PageLayout(title: "Agents", section: .agents, main: Self(data: data).main, showsLogout: showsLogout).document()
    }

    var main: HTML {
        let day = ConsoleFormat.day(data.dayStart)
        let previous = ConsoleFormat.day(data.dayStart - 86_400_000)
        let next = ConsoleFormat.day(data.dayStart + 86_400_000)
        let rows = HTML.joined(data.current.map { state in
            """
            <tr data-agent="\(state.agent)"><td class="mono"><a href="\(ConsoleURL.with("/", [("agent", state.agent)]))">\(state.agent)</a></td>\
            <td>\(state.channel)</td><td data-key="state">\(state.state.rawValue)</td><td>\(state.reason ?? "")</td>\
            <td>\(ConsoleFormat.timeElement(state.since))</td></tr>
            """
        })
        let current: HTML = data.current.isEmpty ? "<p class=\"muted\">No agent state recorded.</p>"
            : "<table data-section=\"current\"><tr><th>agent</th><th>channel</th><th>state</th><th>reason</th><th>since</th></tr>\(rows)</table>"
        return """
            <h1>Agents</h1>
            <h2>Current state <a class="json" href="/v1/agents">JSON</a></h2>
            \(current)
            <h2>State timeline for \(day) (UTC)</h2>
            <form class="filters" method="get" action="/agents">
            <label>Day (UTC)<input type="date" name="day" value="\(day)"></label><button type="submit">Show</button>
            <a href="\(ConsoleURL.with("/agents", [("day", previous)]))">← \(previous)</a>
            <a href="\(ConsoleURL.with("/agents", [("day", next)]))">\(next) →</a>
            </form>
            <figure>\(chart.svg())</figure>
            """
    }

    private var chart: StateTimelineChart {
        var rows: [StateTimelineChart.Row] = []
        for period in data.periods {
            let label = period.channel == "chat" ? period.agent : "\(period.agent) (\(period.channel))"
            if let last = rows.last, last.label == label {
                rows[rows.count - 1] = StateTimelineChart.Row(label: label, periods: last.periods + [period])
            } else {
                rows.append(StateTimelineChart.Row(label: label, periods: [period]))
            }
        }
        return StateTimelineChart(title: "Agent states on \(ConsoleFormat.day(data.dayStart)) (UTC)", dayStart: data.dayStart,
                                  openEnd: data.openEnd, rows: rows)
    }
}
