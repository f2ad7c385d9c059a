import InteractionStore
import RecordOutput

/// The overview (`/`, SPEC section 7): the conference outcome summary, outcomes per day, the
/// waits of accepted requests, outcomes by target kind, disposition counts and agent state
/// time, all for one range (and agent), each with a link to its JSON twin.
package struct OverviewPage: Sendable {
    /// The records to show.
    let data: OverviewData

    /// The complete document of `data`.
    package static func document(_ data: OverviewData, showsLogout: Bool = false) -> String {
        PageLayout(title: "Overview", section: .overview, main: Self(data: data).main, showsLogout: showsLogout).document()
    }

    var main: HTML {
        let range = data.range
        let agentNote: HTML = range.agent.map { "; agent <strong>\($0)</strong>" } ?? ""
        return """
            <h1>Conference outcomes</h1>
            \(filterForm)
            <p class="muted" data-range="\(range.description)">Showing \(range.description)\(agentNote).</p>
            \(summaryFigures)
            <div class="charts">
            \(outcomesPerDay)
            \(waitDistribution)
            \(outcomesByTargetKind)
            \(dispositionCounts)
            \(agentStateTime)
            </div>
            """
    }

    private var filterForm: HTML {
        let range = data.range
        let options = HTML.joined(data.knownAgents.map { "<option value=\"\($0)\"></option>" })
        return """
            <form class="filters" method="get" action="/">
            <label>From (UTC day or time)<input type="text" name="from" value="\(range.fromText ?? "")" placeholder="2026-11-24"></label>
            <label>To (day included, or time excluded)<input type="text" name="to" value="\(range.toText ?? "")" placeholder="2026-11-30"></label>
            <label>Agent<input type="text" name="agent" value="\(range.agent ?? "")" list="known-agents" placeholder="every agent"></label>
            <datalist id="known-agents">\(options)</datalist>
            <button type="submit">Apply</button> <a href="/">Last \(Int(ConsoleRange.defaultDays)) days</a> <a href="/?span=all">All time</a>
            </form>
            """
    }

    /// The JSON twin of the summary for this range and agent.
    private var summaryLink: HTML {
        let url = ConsoleURL.with("/v1/reports/conferences", [("summary", "true")] + data.range.reportQuery + [("agent", data.range.agent)])
        return "<a class=\"json\" href=\"\(url)\">JSON</a>"
    }

    private var summaryFigures: HTML {
        let summary = data.summary
        let cells = Dictionary(uniqueKeysWithValues: zip(ConferenceSummary.columns, summary.cells))
        func figure(_ key: String, _ label: String, _ shown: String) -> HTML {
            "<div><dt>\(label)</dt><dd \(Figure.attributes("summary." + key, cells[key] ?? .null))>\(shown)</dd></div>"
        }
        return """
            <h2>Summary \(summaryLink)</h2>
            <dl class="figures">
            \(figure("requested", "Conferences requested", ConsoleFormat.count(summary.requested)))
            \(figure("accept_rate", "Accept rate", ConsoleFormat.percent(summary.acceptRate)))
            \(figure("median_wait_ms", "Median wait (accepted)", ConsoleFormat.duration(summary.medianWaitMs)))
            \(figure("auto_transfers", "Automatic transfers", ConsoleFormat.count(summary.autoTransfers)))
            \(figure("removed", "Removed from conference", ConsoleFormat.count(summary.removed)))
            \(figure("accepted", "Accepted", ConsoleFormat.count(summary.accepted)))
            \(figure("declined", "Declined", ConsoleFormat.count(summary.declined)))
            \(figure("timeout", "Timed out", ConsoleFormat.count(summary.timeout)))
            \(figure("cancelled", "Cancelled", ConsoleFormat.count(summary.cancelled)))
            \(figure("pending", "Pending", ConsoleFormat.count(summary.pending)))
            </dl>
            """
    }
}
